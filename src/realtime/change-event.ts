import { badUserInput } from '../errors/app-error';
import type { ApiChange, ApiNaming } from '../graphql/api-fields';

/**
 * A committed change as the outbox (`change_event`) holds it. Events are totally ordered by their
 * cursor: the writing transaction's id, then the event's own id (see the ChangeEvents migration).
 */
export interface ChangeEvent {
  readonly cursor: Cursor;
  readonly kind: string;
  readonly occurredAt: Date;
  readonly tenantCode: string;
  /** ltree path of the project's owner, e.g. 371400.371402.371402001. */
  readonly tenantPath: string;
  /** ltree path of where the project is built (属地) when that is not its owner; null otherwise. */
  readonly locationPath: string | null;
  readonly projectId: string | null;
  readonly actorSubject: string | null;
  readonly actorName: string | null;
  /** What changed, as the API names and writes it (see EventChanges): what subscribers receive. */
  readonly changes: readonly ApiChange[];
  /** What changed, as the trigger wrote it (column -> text): for the domain's own reading (whose assignment changed). */
  readonly stored: StoredValues;
  /** About what sending it costs, in bytes: what a subscriber holding it is charged (LIVE_QUEUE_LIMIT_BYTES). */
  readonly size: number;
}

/** What an event costs beyond its changes: cursor, kind, time, tenant, ids, actor, and the protocol's framing. */
const EVENT_OVERHEAD_BYTES = 400;

export interface Cursor {
  readonly tx: bigint;
  readonly id: bigint;
}

export const START: Cursor = Object.freeze({ tx: 0n, id: 0n });

export function compareCursors(a: Cursor, b: Cursor): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** Opaque to clients: `base64url("tx:id")`. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.tx}:${cursor.id}`).toString('base64url');
}

/** BAD_USER_INPUT on `after` for anything this server did not hand out. */
export function decodeCursor(text: string): Cursor {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) {
    throw badUserInput('after', {
      zh: 'after 不是本系统给出的游标：请传入最后收到的事件的 cursor',
      en: 'not a cursor of this API: pass the `cursor` of the last event received',
    });
  }
  return { tx: BigInt(match[1]!), id: BigInt(match[2]!) };
}

/** An event's changes as the trigger wrote them: column (or the record's name) -> its values as text. */
export type StoredValues = Readonly<Record<string, { readonly before: string | null; readonly after: string | null }>>;

/**
 * How the domain shows an event's changes: the kinds of event and the record each is about are
 * the domain's (src/modules/live/change-fields.ts); the relay calls this once per event.
 */
export type EventChanges = (kind: string, stored: StoredValues, naming: ApiNaming) => ApiChange[];

/**
 * What a subscription's stream yields for a change event: the root value its execution reads. The
 * event is the key under which executions of event-only documents are shared (scoped-execution.ts).
 */
export interface EventPayload {
  readonly event: ChangeEvent;
}

/** A row of `change_event` (or of the functions returning its rows). */
export interface ChangeEventRow {
  id: string;
  tx: string;
  occurred_at: Date | string;
  kind: string;
  tenant_code: string;
  tenant_path: string;
  location_path?: string | null;
  project_id: string | null;
  actor_subject: string | null;
  actor_name: string | null;
  changes: StoredValues | null;
}

/** Read once per event by the relay and shared by every stream of the process. */
export function eventFromRow(row: ChangeEventRow, naming: ApiNaming, eventChanges: EventChanges): ChangeEvent {
  const stored = row.changes ?? {};
  const changes = Object.freeze(eventChanges(row.kind, stored, naming));
  return Object.freeze({
    cursor: { tx: BigInt(row.tx), id: BigInt(row.id) },
    kind: row.kind,
    occurredAt: row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at),
    tenantCode: row.tenant_code,
    tenantPath: row.tenant_path,
    locationPath: row.location_path ?? null,
    projectId: row.project_id,
    actorSubject: row.actor_subject,
    actorName: row.actor_name,
    changes,
    stored,
    size: EVENT_OVERHEAD_BYTES + Buffer.byteLength(JSON.stringify(changes)),
  });
}
