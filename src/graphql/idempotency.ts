import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Kind,
  print,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from 'graphql';
import { ALL_ROLES } from '../auth/roles';
import type { Viewer } from '../auth/viewer';
import type { DatabaseScope } from '../db/scoped-transaction';
import { badUserInput, conflict, type AppError } from '../errors/app-error';
import type { HousekeepingJob } from '../housekeeping/housekeeping-job';
import type { Message } from '../language/message';

/**
 * Idempotent mutations. A client that did not hear back (a timeout, a dropped connection) retries
 * with the same key and gets the first answer instead of a second project, report or escalation.
 * The key comes in the `Idempotency-Key` HTTP header or, over graphql-ws and for clients that
 * cannot set headers, in the request's `extensions.idempotencyKey`. Keys are per viewer, and an
 * answer replays only under the scope it was made in (see scopeFingerprint).
 *
 * The claim is a row written in the mutation's own transaction: a concurrent retry waits on it
 * and then sees the committed answer; a request that changed nothing rolls its claim back.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_EXTENSION = 'idempotencyKey';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentRequest {
  readonly key: string;
  /** What the request asks for: the printed document, the operation name and the variables. */
  readonly hash: string;
  /** Under which scope it asks (scopeFingerprint). */
  readonly scope: string;
}

/**
 * JSON with object keys sorted and undefined members left out, so the same value always gives the
 * same bytes whatever the order its fields were assigned in: the same variables hash the same, and
 * anyone can recompute a published bulletin's hash from its content (bulletin-hash.ts). Dates are
 * written as JSON writes them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * What decides what the viewer may see and do: their tenant, the subtree row-level security lets
 * them read, and the roles this product knows (Keycloak's own default roles come and go without
 * changing anything here). The subject is already part of the key.
 */
export function scopeFingerprint(viewer: Pick<Viewer, 'roles'>, scope: Pick<DatabaseScope, 'tenantCode' | 'readRoot'>): string {
  const roles = ALL_ROLES.filter((role) => viewer.roles.has(role)).sort();
  return sha256({ tenant: scope.tenantCode ?? null, readRoot: scope.readRoot ?? null, roles });
}

/**
 * The idempotent request a mutation asks for, an error for a malformed key, or undefined when it
 * sent none (then it acts every time, as before).
 */
export function idempotentRequestOf(
  key: unknown,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  scope: string,
): IdempotentRequest | AppError | undefined {
  if (key === undefined || key === null) return undefined;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    return badUserInput(IDEMPOTENCY_EXTENSION, {
      zh: '幂等键须为 1 至 200 个可打印 ASCII 字符，不含空格（例如一个 UUID）',
      en: 'An idempotency key is 1 to 200 printable ASCII characters without spaces (a UUID, say)',
    });
  }
  return { key, hash: sha256([print(document), operationName ?? null, variables ?? {}]), scope };
}

export type Claim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly response: FormattedExecutionResult }
  | { readonly kind: 'conflict'; readonly error: AppError };

const keyConflict = (message: Message): Claim => ({ kind: 'conflict', error: conflict(message, { field: IDEMPOTENCY_EXTENSION }) });

/**
 * Claims the key inside the operation's scoped transaction. A key older than the retention counts
 * as new. A concurrent request with the same key waits here until the first one commits or rolls back.
 *
 * The same key under another scope is CONFLICT, not a replay (the answer may show what this scope
 * must not see) and not a new request (the first one took effect: acting again would do it twice).
 */
export async function claimIdempotencyKey(em: EntityManager, request: IdempotentRequest, retentionHours: number): Promise<Claim> {
  const claimed = await em.execute<{ claimed: boolean }[]>(
    `insert into idempotent_request (subject, key, request_hash, scope_hash) values (kp_subject(), ?, ?, ?)
       on conflict (subject, key) do update
         set request_hash = excluded.request_hash, scope_hash = excluded.scope_hash, response = null, created_at = now()
       where idempotent_request.created_at < now() - make_interval(hours => ?)
     returning true as claimed`,
    [request.key, request.hash, request.scope, retentionHours],
  );
  if (claimed.length > 0) return { kind: 'claimed' };
  const [first] = await em.execute<{ request_hash: string; scope_hash: string | null; response: FormattedExecutionResult | null }[]>(
    'select request_hash, scope_hash, response from idempotent_request where subject = kp_subject() and key = ?',
    [request.key],
  );
  if (first?.scope_hash !== request.scope) {
    return keyConflict({
      zh: '此幂等键是在您的行政区划或角色不同时使用的，其应答只属于当时的身份：请换用新的键',
      en: 'This idempotency key was used while your tenant or roles were different; its answer stays with them: use a new key',
    });
  }
  if (first.request_hash === request.hash && first.response) return { kind: 'replay', response: first.response };
  return keyConflict({
    zh: '此幂等键已用于另一个请求：新的请求请使用新的键',
    en: 'This idempotency key was already used for a different request; use a new key for a new request',
  });
}

/** Keeps the answer with the claim, in the same transaction as what the mutation changed. */
export async function recordIdempotentResponse(
  em: EntityManager,
  request: IdempotentRequest,
  response: FormattedExecutionResult,
): Promise<void> {
  await em.execute('update idempotent_request set response = ?::jsonb where subject = kp_subject() and key = ?', [
    JSON.stringify({ ...(response.errors ? { errors: response.errors } : {}), data: response.data ?? null }),
    request.key,
  ]);
}

/**
 * Whether any mutation of the operation took effect: each runs in a savepoint of its own (one
 * alone in its operation is the transaction: see withoutFirstSavepoint), so a root field with no
 * error committed. When all failed, nothing changed and a retry should act anew.
 */
export function changedSomething(operation: OperationDefinitionNode, errors: readonly GraphQLFormattedError[] | undefined): boolean {
  const failed = new Set((errors ?? []).map((e) => e.path?.[0]));
  // An error without a path (say, a variable that does not coerce) stopped the whole operation.
  if (failed.has(undefined)) return false;
  return operation.selectionSet.selections.some(
    (selection) => selection.kind !== Kind.FIELD || !failed.has((selection.alias ?? selection.name).value),
  );
}

/** The first answer, marked as a replay so the client can tell. */
export function replayed(response: FormattedExecutionResult): FormattedExecutionResult {
  return { ...response, extensions: { ...response.extensions, idempotency: { replayed: true } } };
}

/** Forgets answers past their retention (IDEMPOTENCY_RETENTION_HOURS): a retry after that runs anew. */
export function idempotencyRetention(retentionHours: number): HousekeepingJob {
  return {
    name: 'prune idempotent answers',
    run: async (em) => void (await em.execute(`select kp_prune_idempotent_requests(make_interval(hours => ?))`, [retentionHours])),
  };
}
