import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { APP_ROLE } from './app-role';

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
 */
export async function beginScopedTransaction(em: EntityManager, scope: DatabaseScope, readOnly: boolean): Promise<void> {
  await em.begin({ readOnly });
  try {
    // set_config('role', ..., true) is SET LOCAL ROLE: one round trip sets the role and the scope.
    await em.execute(
      `select set_config('role', '${APP_ROLE}', true), set_config('kp.read_root', ?, true), set_config('kp.subject', ?, true), ` +
        `set_config('kp.actor_name', ?, true), set_config('kp.tenant_code', ?, true), set_config('statement_timeout', ?, true)`,
      [scope.readRoot ?? '', scope.subject, scope.actorName ?? '', scope.tenantCode ?? '', String(scope.statementTimeoutMs ?? 0)],
    );
  } catch (error) {
    throw (await failedBegin(em)) ?? error;
  }
}

/**
 * Why BEGIN failed, if it did. knex hands the transaction out before it knows whether its BEGIN
 * succeeded; when the connection died under the BEGIN, the next statement fails with only
 * "Transaction query already complete", which says nothing of an outage. The BEGIN's own error does.
 */
async function failedBegin(em: EntityManager): Promise<unknown> {
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (!trx?.isCompleted()) return undefined;
  return trx.executionPromise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

export async function endScopedTransaction(em: EntityManager, outcome: 'commit' | 'rollback'): Promise<void> {
  if (!em.isInTransaction()) return;
  if (outcome === 'rollback') return em.rollback();
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
 * The id of the open transaction when it has written anything (PostgreSQL assigns one on the first
 * write), else undefined: whether a commit has something to announce.
 */
export async function writtenTransactionId(em: EntityManager): Promise<string | undefined> {
  const [row] = await em.execute<{ tx: string | null }[]>('select pg_current_xact_id_if_assigned()::text as tx');
  return row?.tx ?? undefined;
}
