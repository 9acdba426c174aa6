import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { APP_ROLE } from './app-role';
import { DeferredOpening, queryLog, sendThroughDeferredOpenings, type PooledConnection } from './deferred-opening';
import type { PipelineStep } from './pipelined-query';
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
 * No round trip of its own: the set_config select and BEGIN go in one pipeline with the
 * transaction's first statement (see DeferredOpening, PipelinedQuery), the select prepared once per
 * connection with the scope bound. The select comes first: PostgreSQL runs it in the pipeline's
 * implicit transaction, which the BEGIN then turns into the explicit one, settings kept. Were it
 * after the BEGIN, a failure (a login that may not take the role) would leave the connection inside
 * an aborted transaction as knex returns it to the pool; this way a failure ends the implicit
 * transaction and the connection is clean.
 */
export async function beginScopedTransaction(
  em: EntityManager,
  scope: DatabaseScope,
  readOnly: boolean,
  /** An operation of one mutation: its unit of work needs no savepoint (see withoutFirstSavepoint). */
  oneMutation = false,
): Promise<void> {
  // set_config('role', ..., true) is SET LOCAL ROLE: the same statement sets the role and the scope.
  const values = [
    APP_ROLE,
    scope.readRoot ?? '',
    scope.subject,
    scope.actorName ?? '',
    scope.tenantCode ?? '',
    String(scope.statementTimeoutMs ?? 0),
  ].map(withoutNul);
  const opening = [{ text: SET_SCOPE, values }, { text: readOnly ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN' }];
  // A read needs no savepoints: a lean transaction costs a fraction of knex's, and its opening goes
  // with its first statement (see LeanTransaction).
  if (readOnly) {
    await beginLeanReadTransaction(em, opening);
  } else {
    await openTransaction(em, opening);
    if (oneMutation) withoutFirstSavepoint(em.getTransactionContext<Knex.Transaction>()!);
  }
}

/** The scope's settings, one statement (prepared once per connection: see PipelinedQuery). */
const SET_SCOPE =
  "select set_config('role', $1, true), set_config('kp.read_root', $2, true), set_config('kp.subject', $3, true), " +
  "set_config('kp.actor_name', $4, true), set_config('kp.tenant_code', $5, true), set_config('statement_timeout', $6, true)";

/** NUL cannot be stored in PostgreSQL text (nor sent in a protocol string): dropped rather than refused. */
const withoutNul = (value: string): string => value.replaceAll('\0', '');

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
async function openTransaction(em: EntityManager, opening: readonly PipelineStep[]): Promise<void> {
  const knex = em.getKnex();
  sendThroughDeferredOpenings(knex.client);
  const logger = em.config.getLogger();
  const statements = new DeferredOpening(opening, queryLog(logger));
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
