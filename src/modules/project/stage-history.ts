import { ProjectStage, stageRank } from './project.enums';
import type { StageChange } from './stage-change.entity';

type History = readonly Pick<StageChange, 'fromStage' | 'toStage' | 'changedOn'>[];

/**
 * When a project in history order reached `threshold` (or a later stage): its last move from before
 * the threshold to it or beyond, while it still stands there. A move later corrected back does not
 * count.
 */
function reachedOn(history: History, threshold: ProjectStage): string | undefined {
  const atOrBeyond = (stage: ProjectStage) => stageRank(stage) >= stageRank(threshold);
  const last = history.at(-1);
  if (!last || !atOrBeyond(last.toStage)) return undefined;
  const crossings = history.filter((c) => atOrBeyond(c.toStage) && (!c.fromStage || !atOrBeyond(c.fromStage)));
  return crossings
    .map((c) => c.changedOn)
    .sort()
    .at(-1);
}

/** The actual start date (实际开工). The database keeps `project.started_on` by the same rule for the rollups. */
export function startedOnFrom(history: History): string | undefined {
  return reachedOn(history, ProjectStage.STARTED);
}

/**
 * The actual completion date (实际竣工): reaching COMPLETED, or going straight into operation. The
 * database's kp_project_completed_on follows the same rule: reports are owed through its month.
 */
export function completedOnFrom(history: History): string | undefined {
  return reachedOn(history, ProjectStage.COMPLETED);
}
