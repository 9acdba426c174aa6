import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors/app-error';
import { isStarted, type ProjectStage } from './project.enums';

/** Machine-readable reason of the CONFLICT that refuses a start (`extensions.reason`). */
export const START_APPROVALS_MISSING = 'START_APPROVALS_MISSING';

/**
 * Refuses to confirm a project as started (a stage from STARTED on, coming from before it) while
 * approvals its city requires before the start (前期手续, the approval module's list) are neither
 * approved nor marked not needed and no leader recorded a start exception (容缺开工). The list is
 * the database's (kp_missing_start_approvals), so this module needs nothing of the approval module.
 * CONFLICT names the missing approvals in the message and in `extensions.missingApprovals` (codes).
 */
export async function requireStartCleared(
  em: EntityManager,
  projectId: string,
  from: ProjectStage,
  to: ProjectStage,
  field: string,
): Promise<void> {
  if (isStarted(from) || !isStarted(to)) return;
  const missing = await em.execute<{ code: string; name: string }[]>('select code, name from kp_missing_start_approvals(?)', [projectId]);
  if (missing.length === 0) return;
  const names = missing.map((m) => m.name);
  throw conflict(
    {
      zh: `项目尚缺开工前置手续：${names.join('、')}。请先办结（或标记为不涉及），或由市、县领导登记容缺开工后再确认开工`,
      en: `the project lacks approvals required before the start: ${names.join(', ')}; obtain them (or mark them not needed), or have a leader record a start exception`,
    },
    { field, reason: START_APPROVALS_MISSING, missingApprovals: missing.map((m) => m.code) },
  );
}
