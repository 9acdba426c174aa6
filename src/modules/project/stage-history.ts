import { isStarted } from './project.enums';
import type { StageChange } from './stage-change.entity';

/**
 * The actual start date from a stage history in order: the last move from before STARTED to
 * STARTED or later, while the project still stands there. A start later corrected back does not
 * count. The database keeps `project.started_on` by the same rule for the rollups.
 */
export function startedOnFrom(history: readonly Pick<StageChange, 'fromStage' | 'toStage' | 'changedOn'>[]): string | undefined {
  const last = history.at(-1);
  if (!last || !isStarted(last.toStage)) return undefined;
  const crossings = history.filter((c) => isStarted(c.toStage) && (!c.fromStage || !isStarted(c.fromStage)));
  return crossings.map((c) => c.changedOn).sort().at(-1);
}
