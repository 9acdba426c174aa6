import { conflict } from '../errors/app-error';

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
  what: string,
  record: { version: number },
  expected: number | null | undefined,
  field = 'input.version',
): void {
  if (expected === undefined || expected === null || expected === record.version) return;
  throw conflict(`the ${what} changed since version ${expected} (it is at version ${record.version}); reload it`, { field });
}
