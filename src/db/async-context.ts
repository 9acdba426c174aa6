import { TransactionContext, UnitOfWork } from '@mikro-orm/core';

/**
 * Keeps MikroORM from turning on Node's async hooks.
 *
 * On Node 20, the first time any AsyncLocalStorage runs, Node installs promise hooks that run for
 * every promise of the process from then on: an async id, the parent's context copied, a before
 * and an after call around each continuation. For this server that was about a fifth of a small
 * read's CPU (bench:api, one tenant by code: 355 µs of server CPU a request with them, 276 µs
 * without), paid by every request once anything had written. (Node 22's AsyncContextFrame makes
 * the storage cheap; Node 20 is what runs here.)
 *
 * MikroORM 6.6 runs two storages, neither of which this server needs:
 * - TransactionContext, which `em.transactional` enters so that the global EntityManager finds the
 *   transaction's fork. This server never works on the global EntityManager: every request, job
 *   and script forks one and passes it by hand (allowGlobalContext: false refuses the global one),
 *   and a transaction nested in another finds its parent through the fork's own field, not through
 *   the storage.
 * - The unit of work's flush guard, which tells a flush called from a flush hook (refused: it
 *   would wait on itself) from one that merely overlaps another on the same EntityManager
 *   (queued). This server registers no flush hooks, so an overlapping flush is queued, as before.
 *
 * The third (RawQueryFragment's, in `em.findAndCount`) is left alone: nothing here calls it.
 * No server code runs an AsyncLocalStorage of its own either (the request's language travels on
 * its errors: src/language/request-language.ts). Lint refuses all three ways back in (a storage of
 * its own, `findAndCount`, MikroORM's RequestContext: eslint.config.mjs), and
 * tests/e2e/async-hooks-off.test.ts checks that a whole server's life, writes, live events and
 * refusals included, leaves the hooks off.
 *
 * MikroORM is pinned (package.json); each replacement checks that what it replaces is still the
 * code it was written against, and throws at start otherwise.
 */
export function keepAsyncHooksOff(): void {
  if (TransactionContext.create !== runWithoutContext) replaceTransactionContext();
  if (UnitOfWork.prototype.commit !== commitWithoutAsyncContext) replaceUnitOfWorkCommit();
}

function expectSource(what: string, fn: unknown, fragment: string): void {
  if (typeof fn !== 'function' || !fn.toString().includes(fragment)) {
    throw new Error(`MikroORM's ${what} is not the code src/db/async-context.ts replaces (no "${fragment}"): review that file`);
  }
}

/** `em.transactional` runs its work as it would inside the storage, without entering it. */
const runWithoutContext = <T>(_em: unknown, next: () => T): T => next();

function replaceTransactionContext(): void {
  expectSource('TransactionContext.create', TransactionContext.create, 'storage.run(');
  TransactionContext.create = runWithoutContext;
}

/** What UnitOfWork.commit uses of the unit of work's own (private in MikroORM's types). */
interface UnitOfWorkInternals {
  working: boolean;
  flushQueue: (() => Promise<void>)[];
  doCommit(): Promise<void>;
  postCommitCleanup(): void;
}

/** UnitOfWork.commit of MikroORM 6.6.16, without the flush guard's storage (see keepAsyncHooksOff). */
async function commitWithoutAsyncContext(this: UnitOfWork): Promise<void> {
  const uow = this as unknown as UnitOfWorkInternals;
  if (uow.working) {
    return new Promise<void>((resolve, reject) => {
      uow.flushQueue.push(() => uow.doCommit().then(resolve, reject));
    });
  }
  try {
    uow.working = true;
    await uow.doCommit();
    while (uow.flushQueue.length) await uow.flushQueue.shift()!();
  } finally {
    uow.postCommitCleanup();
    uow.working = false;
  }
}

function replaceUnitOfWorkCommit(): void {
  const prototype = UnitOfWork.prototype as unknown as UnitOfWorkInternals & { commit: unknown };
  expectSource('UnitOfWork.commit', prototype.commit, 'insideFlush.run(');
  for (const member of ['doCommit', 'postCommitCleanup'] as const) expectSource(`UnitOfWork.${member}`, prototype[member], '');
  UnitOfWork.prototype.commit = commitWithoutAsyncContext;
}
