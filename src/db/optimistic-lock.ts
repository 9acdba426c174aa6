import { OptimisticLockError } from '@mikro-orm/core';
import { conflict } from '../errors/app-error';
import { RECORD_NAMES } from '../errors/record-names';

/** The records that carry a `version`, as the services name them. */
const VERSIONED_RECORDS = {
  project: RECORD_NAMES.Project,
  report: RECORD_NAMES.ProgressReport,
  milestone: RECORD_NAMES.Milestone,
  blocker: RECORD_NAMES.Blocker,
  lead: RECORD_NAMES.InvestmentLead,
  reserve: RECORD_NAMES.ReserveProject,
  supervisionOrder: RECORD_NAMES.SupervisionOrder,
  approval: RECORD_NAMES.ProjectApproval,
  approvalKind: RECORD_NAMES.ApprovalKind,
  targetLetter: RECORD_NAMES.ResponsibilityLetter,
  sitePhoto: RECORD_NAMES.SitePhoto,
} as const;

export type VersionedRecord = keyof typeof VERSIONED_RECORDS;

/**
 * Optimistic locking against what a client read: it sends back the `version` it last read, and an
 * update based on an older one answers CONFLICT before anything changes. No version (undefined or
 * null) skips the check, so clients that never send one keep working.
 *
 * This compares with the version loaded in this request. A change committed between that read and
 * the flush is caught by MikroORM itself (the update of a versioned entity says `where version = ?`)
 * and reaches the client as CONFLICT too, through formatError.
 */
export function expectVersion(
  what: VersionedRecord,
  record: { version: number },
  expected: number | null | undefined,
  field = 'input.version',
): void {
  if (expected === undefined || expected === null || expected === record.version) return;
  const name = VERSIONED_RECORDS[what].zh;
  const message = {
    zh: `该${name}在版本 ${expected} 之后已被修改（当前为版本 ${record.version}）：请重新读取`,
    en: `the ${what} changed since version ${expected} (it is at version ${record.version}); reload it`,
  };
  throw conflict(message, { field });
}

/**
 * Runs a write whose flush may find a versioned record changed by another transaction since it was
 * read (MikroORM's `where version = ?` matched nothing): CONFLICT on the version's field, naming the
 * record. Without it formatError still answers CONFLICT, with a message that names nothing.
 */
export async function versionChecked<T>(what: VersionedRecord, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof OptimisticLockError)) throw error;
    const name = VERSIONED_RECORDS[what].zh;
    throw conflict(
      { zh: `该${name}已被他人修改：请重新读取`, en: `the ${what} was changed by someone else meanwhile; reload it` },
      { field: 'input.version' },
    );
  }
}
