import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { Viewer } from '../auth/viewer';
import type { Language } from '../language/language';
import type { EventPayload } from '../realtime/change-event';

/**
 * One event's result for every subscription of a group, made once: a wall of dashboards with the
 * same subscription executes and serializes each event once, not once per screen, and each socket
 * is sent the same bytes.
 */
export interface SharedResult {
  readonly result: ExecutionResult;
  /**
   * The result as graphql-ws writes a `next` message's payload (JSON, UTF-8 encoded once for the
   * whole group), when every member may be sent it as is; undefined when it carries errors (each
   * connection formats those in its own way).
   */
  readonly json: Buffer | undefined;
  /** The stream ends after this result (the context was refused, or the database was away). */
  readonly ends: boolean;
}

/**
 * What a subscription's result for an event depends on besides the event: the document, the
 * operation, the variables and the language of its errors; for a document that reads the
 * database, also the viewer as the database and the access rules see them (subject, tenant,
 * roles: row-level security and every per-viewer rule key on these). Whether the viewer may have
 * the event at all is not in it: each stream decides that for its own viewer before it asks.
 */
export function resultGroupOf(args: ExecutionArgs, language: Language, viewer: Viewer | undefined): string {
  const who = viewer
    ? JSON.stringify([viewer.subject, viewer.tenantCode ?? null, viewer.isServiceAccount, [...viewer.roles].sort()])
    : 'event only';
  const text = args.document.loc?.source.body ?? '';
  return `${language}\n${who}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${text}`;
}

/**
 * A payload that is a change event: the key results are shared under. Anything else (a rollup
 * stream's tick, one object reused for every tick of one subscription) is executed per use.
 */
export function changeEventOf(payload: unknown): object | undefined {
  const event = (payload as Partial<EventPayload> | null)?.event;
  return typeof event === 'object' && event !== null ? event : undefined;
}

/** The result a stream ends with: errors must be formatted per connection, so it is never shared as bytes. */
export const lastResult = (result: ExecutionResult): SharedResult => ({ result, json: undefined, ends: true });

/** A result every stream of its group may be sent as is, unless it carries errors. */
export const sharedResultOf = (result: ExecutionResult): SharedResult => ({
  result,
  json: result.errors?.length ? undefined : Buffer.from(JSON.stringify(result)),
  ends: false,
});

/**
 * Results by event, then by group. Weakly held by the event: it lives while a stream still holds
 * the event (a subscriber behind), and goes with it; replays read the outbox anew and so make
 * their own events, executed for them.
 */
const byEvent = new WeakMap<object, Map<string, SharedResult | Promise<SharedResult>>>();

/**
 * The group's result for the event: `run` runs for the first member that asks, and every other
 * member gets what it made (while it runs, the same promise). Synchronous when `run` is.
 */
export function shareResult(
  event: object,
  group: string,
  run: () => SharedResult | Promise<SharedResult>,
): SharedResult | Promise<SharedResult> {
  let groups = byEvent.get(event);
  if (!groups) byEvent.set(event, (groups = new Map()));
  let result = groups.get(group);
  if (!result) {
    result = run();
    groups.set(group, result);
    // Settled, it is kept as a value: the members that ask later take it without waiting a turn.
    if (result instanceof Promise) void result.then((settled) => groups.set(group, settled)).catch(() => groups.delete(group));
  }
  return result;
}
