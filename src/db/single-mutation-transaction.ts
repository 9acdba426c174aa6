import type { Knex } from '@mikro-orm/postgresql';

const FAILED = Symbol('the mutation failed: its transaction must not commit');

/**
 * For an operation of one mutation: its unit of work runs in the request's transaction itself
 * instead of a savepoint of it. A savepoint exists so that one failed mutation of several rolls
 * back alone; with one mutation the transaction is that mutation's, and the SAVEPOINT and RELEASE
 * were two round trips of every write (of seven for a createProject: bench:api).
 *
 * MikroORM opens a unit of work's savepoint by asking the request's knex transaction for a nested
 * one (`trx.transaction()`). The first such request gets the transaction itself under another
 * name: committing it does nothing (the request's COMMIT will), rolling it back marks the
 * transaction failed, and commitUnlessFailed then rolls the whole transaction back instead, so a
 * failed mutation changes nothing, as its savepoint's rollback did. Units of work nested inside it
 * still get real savepoints.
 */
export function withoutFirstSavepoint(trx: Knex.Transaction): void {
  const nested = trx.transaction.bind(trx) as (...args: unknown[]) => unknown;
  let taken = false;
  Object.defineProperty(trx, 'transaction', {
    value: (...args: unknown[]) => {
      // knex's `transaction(container)` form, or a second unit of work: a real savepoint.
      if (taken || typeof args[0] === 'function') return nested(...args);
      taken = true;
      const same: unknown = Object.create(trx, {
        // Own and enumerable: knex's `transacting()` refuses an object with no own keys as empty.
        client: { value: trx.client, enumerable: true },
        commit: { value: () => Promise.resolve() },
        rollback: {
          value: () => {
            Object.defineProperty(trx, FAILED, { value: true });
            return Promise.resolve();
          },
        },
        executionPromise: { value: Promise.resolve() },
      });
      return Promise.resolve(same);
    },
  });
}

/** Whether a unit of work run without its savepoint (withoutFirstSavepoint) failed in `trx`. */
export const mutationFailedIn = (trx: unknown): boolean => (trx as { [FAILED]?: boolean } | undefined)?.[FAILED] === true;
