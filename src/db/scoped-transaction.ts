import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { escapeLiteral } from 'pg';
import { APP_ROLE } from './app-role';
import { DeferredOpening, sendThroughDeferredOpenings, type PooledConnection } from './deferred-opening';
import { beginLeanReadTransaction, endLeanReadTransaction, leanTransactionOf } from './lean-read-transaction';
import { mutationFailedIn, withoutFirstSavepoint } from './single-mutation-transaction';

/** What PostgreSQL's row-level security policies read for one request. */
export interface DatabaseScope {
  /** ltree path of the subtree the viewer reads; undefined when they read only their assignments. */
  readonly readRoot: string | undefined;
  /** Keycloak subject, for the rows their active assignments open. */
  readonly subject: string;
  /** Display name, recorded with the subject on change events and audit records. */
  readonly actorName?: string;
  /** Code of the viewer's tenant (the one they act from), recorded on audit records. */
  readonly tenantCode?: string;
  /** Each statement of the request is cancelled after this long (PostgreSQL's statement_timeout). */
  readonly statementTimeoutMs?: number;
}

/**
 * Opens the request's transaction and sets its scope there (set_config(..., true) lasts until the
 * transaction ends, so a pooled connection never carries one viewer's scope into another request).
 * Switching to the kp_app role makes the policies apply even if the login were privileged.
 *
 * One round trip: the set_config calls and BEGIN go together as one simple-protocol query (see
 * openTransaction), so their values are quoted literals here rather than bound parameters. The
 * select comes first: PostgreSQL runs it in the message's implicit transaction, which the BEGIN
 * then turns into the explicit one, settings kept. Were it after the BEGIN, a failure (a login that
 * may not take the role) would leave the connection inside an aborted transaction as knex returns
 * it to the pool; this way a failure ends the implicit transaction and the connection is clean.
 */
export async function beginScopedTransaction(
  em: EntityManager,
  scope: DatabaseScope,
  readOnly: boolean,
  /** An operation of one mutation: its unit of work needs no savepoint (see withoutFirstSavepoint). */
  oneMutation = false,
): Promise<void> {
  // set_config('role', ..., true) is SET LOCAL ROLE: the same statement sets the role and the scope.
  const settings = [
    ['role', APP_ROLE],
    ['kp.read_root', scope.readRoot ?? ''],
    ['kp.subject', scope.subject],
    ['kp.actor_name', scope.actorName ?? ''],
    ['kp.tenant_code', scope.tenantCode ?? ''],
    ['statement_timeout', String(scope.statementTimeoutMs ?? 0)],
  ];
  const sql =
    `select ${settings.map(([name, value]) => `set_config('${name}', ${quoted(value!)}, true)`).join(', ')}; ` +
    (readOnly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN');
  // A read needs no savepoints: a lean transaction costs a fraction of knex's, and its opening goes
  // with its first statement (see LeanTransaction).
  if (readOnly) {
    await beginLeanReadTransaction(em, sql);
  } else {
    await openTransaction(em, sql);
    if (oneMutation) withoutFirstSavepoint(em.getTransactionContext<Knex.Transaction>()!);
  }
}

/**
 * A string literal for a simple-protocol query. NUL cannot be sent in one (the protocol's strings
 * end at it) nor stored in PostgreSQL text, so it is dropped rather than cut the statement short.
 */
const quoted = (value: string): string => escapeLiteral(value.replaceAll('\0', ''));

/**
 * Starts a transaction on a pooled connection with `sql` as its opening (a BEGIN and what must run
 * with it) and makes it `em`'s, as `em.begin()` would. The opening is sent with the transaction's
 * first statement, in one message (DeferredOpening: one round trip fewer for every mutation). knex
 * offers no way to say what its BEGIN and COMMIT are, nor to send anything with its statements:
 * the transaction's `begin` and `commit` are replaced before knex calls them (knex calls `begin`
 * once it has a connection, after it returned the object), and its client's `_query` (what sends
 * a statement, its knex dialect's) once it is handed out. These are knex's internals
 * (knex/lib/execution/transaction.js and dialects/postgres, the version MikroORM pins);
 * tests/e2e/scoped-transaction.test.ts and the outage tests notice if they change. An outage now
 * shows at the first statement, in the resolver that sent it, as any other outage there does.
 */
async function openTransaction(em: EntityManager, sql: string): Promise<void> {
  const knex = em.getKnex();
  sendThroughDeferredOpenings(knex.client);
  const logger = em.config.getLogger();
  const statements = new DeferredOpening(sql, (query) => logger.logQuery({ query, level: 'info' }));
  // The commit below names `trx`: it runs long after the transaction is handed out.
  const trx: Knex.Transaction = await new Promise<Knex.Transaction>((resolve, reject) => {
    const opening = (knex.client as TransactionFactory).transaction(resolve, { doNotRejectOnRollback: true, userParams: {} });
    opening.begin = (connection) => {
      statements.attach(connection as PooledConnection);
      return Promise.resolve();
    };
    // Whether the transaction wrote, asked in the COMMIT's own round trip (see commitScopedTransaction).
    opening.commit = (connection, value) => {
      const committing = opening.query(connection, COMMIT_SAYING_WRITES, COMPLETES_TRANSACTION, value);
      // Kept before knex settles the transaction, so whoever awaited the commit finds it.
      Object.defineProperty(trx, WRITTEN_ID, { value: committing.then(writtenIdIn) });
      return committing;
    };
    opening.catch(reject);
  });
  em.setTransactionContext(trx);
}

/** The part of knex's client and its Transaction (knex/lib/execution/transaction.js) openTransaction uses. */
interface TransactionFactory {
  transaction(container: (trx: Knex.Transaction) => void, config: Knex.TransactionConfig & { userParams: object }): OpeningTransaction;
}

interface OpeningTransaction extends Promise<unknown> {
  begin(connection: unknown): Promise<unknown>;
  commit(connection: unknown, value: unknown): Promise<unknown>;
  /** `status` COMPLETES_TRANSACTION: knex settles the transaction with `value` once the statement succeeds. */
  query(connection: unknown, sql: string, status?: number, value?: unknown): Promise<unknown>;
}

/** knex's status for a statement that ends the transaction with success (as its own COMMIT does). */
const COMPLETES_TRANSACTION = 1;

/**
 * COMMIT, preceded in the same simple-protocol query by the transaction's id if it wrote anything
 * (PostgreSQL assigns one at the first write): whether the commit has something to announce.
 */
const COMMIT_SAYING_WRITES = 'select pg_current_xact_id_if_assigned()::text as tx; COMMIT;';

const WRITTEN_ID = Symbol('the id of a transaction that wrote');

/** The id COMMIT_SAYING_WRITES read (knex leaves PostgreSQL's answers in `response`, one per statement). */
const writtenIdIn = (answer: unknown): string | undefined =>
  (answer as { response?: { rows: { tx: string | null }[] }[] } | undefined)?.response?.[0]?.rows[0]?.tx ?? undefined;

export async function endScopedTransaction(em: EntityManager, outcome: 'commit' | 'rollback'): Promise<void> {
  const lean = leanTransactionOf(em);
  if (lean) return endLeanReadTransaction(em, lean);
  if (!em.isInTransaction()) return;
  // The one mutation failed inside the transaction itself: it rolls back as its savepoint would have.
  if (outcome === 'rollback' || mutationFailedIn(em.getTransactionContext())) return em.rollback();
  // Every mutation flushes its own changes in a savepoint of its own. Anything still pending here
  // belongs to one that failed (its savepoint rolled back), and MikroORM's commit would flush it
  // after all: forget it, so a failed mutation changes nothing.
  em.clear();
  await em.commit();
}

/**
 * Ends a transaction that will not commit (the answer is an error). When the database went away
 * the rollback fails too; PostgreSQL rolls back a transaction whose connection ended, so nothing
 * is lost by ignoring that.
 */
export async function abandonScopedTransaction(em: EntityManager): Promise<void> {
  await endScopedTransaction(em, 'rollback').catch(() => undefined);
}

/**
 * Commits `em`'s transaction (as endScopedTransaction) and returns its id when it wrote anything,
 * else undefined: whether the commit has something to announce. One round trip: the id is asked
 * with the COMMIT (see openTransaction).
 */
export async function commitScopedTransaction(em: EntityManager): Promise<string | undefined> {
  const trx = em.getTransactionContext<Knex.Transaction & { [WRITTEN_ID]?: Promise<string | undefined> }>();
  await endScopedTransaction(em, 'commit');
  return trx?.[WRITTEN_ID];
}
