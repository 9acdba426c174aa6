import { AppError, ErrorCode } from '../errors/app-error';
import { BoundedStream } from './bounded-stream';
import { compareCursors, type ChangeEvent, type Cursor, type EventPayload } from './change-event';
import type { ChangeRelay } from './change-relay';

/** Most events a replay reads from the outbox at once (fewer when the queue limit is lower). */
const REPLAY_PAGE = 100;

/** How often a long replay asks whether the events after it were pruned meanwhile. */
const EXPIRY_RECHECK_MS = 60_000;

/** How soon a replay that reached events not yet settled reads again. */
const UNSETTLED_RETRY_MS = 25;

export const slowConsumer = () =>
  new AppError(ErrorCode.SLOW_CONSUMER, {
    zh: '订阅方接收过慢，已落后太多：请以最后收到的 cursor 作为 after 重新订阅',
    en: 'this subscriber fell too far behind; subscribe again with `after:` the last cursor received',
  });

export interface ChangeStreamLimits {
  /** Events one subscriber may hold (LIVE_QUEUE_LIMIT). */
  readonly limit: number;
  /** Bytes one subscriber may hold, its socket's unsent data included (LIVE_QUEUE_LIMIT_BYTES). */
  readonly limitBytes: number;
  /** What the subscriber's socket has not sent yet. */
  readonly socketBacklog?: () => number;
}

/** The stream's next event lies beyond what the outbox keeps (it was pruned while the subscriber fell behind). */
export const cursorExpired = (field?: string) =>
  new AppError(
    ErrorCode.CURSOR_EXPIRED,
    {
      zh: '此游标之后的事件已不再保留：请重新读取数据，然后不带 after 重新订阅',
      en: 'events after this cursor are no longer kept: reload the data, then subscribe without `after`',
    },
    field ? { field } : undefined,
  );

/**
 * Live events from the relay, after (when resuming) the settled events after `after` read from the
 * outbox. `take` sees every event once, in cursor order, and says which the subscriber gets;
 * `present` makes what the subscription yields of it (the domain's type for the event).
 *
 * The replay waits for the subscriber: it reads a page, hands each event over only when the queue
 * has room, and reads the next page after that, so a resume from any cursor within retention
 * catches up whatever the limits. Live events passing meanwhile are not held: the replay reads
 * them from the outbox too, and hands over to the live events only once it has read to the end of
 * the settled outbox and at least as far as the relay has delivered (checked and switched without
 * yielding, so none falls between).
 *
 * A burst of live events larger than the queue (a long transaction settling, a bulk import, the
 * relay catching up after the database was away) does not end the stream of a subscriber that
 * reads: the stream stops taking live events and catches up from the outbox in the same way, paced
 * by the subscriber. Only the byte bound (what a subscriber that stopped reading holds, its socket
 * included) ends a stream, with SLOW_CONSUMER.
 */
export function changeStream<T extends EventPayload>(
  relay: ChangeRelay,
  limits: ChangeStreamLimits,
  after: Cursor | undefined,
  take: (event: ChangeEvent) => boolean,
  present: (event: ChangeEvent) => T,
) {
  /** The last event this stream has seen (taken or passed over): the outbox is read after it. */
  let last = after;
  /** Whether events come from the outbox (resuming, or catching up after a burst) rather than the relay. */
  let replaying = false;
  const stream = new BoundedStream<T>({
    limit: limits.limit,
    limitBytes: limits.limitBytes,
    sizeOf: (event) => event.event.size,
    heldElsewhere: limits.socketBacklog,
    overflow: slowConsumer,
    onClose: () => unsubscribe(),
  });
  const isNew = (event: ChangeEvent) => !last || compareCursors(event.cursor, last) > 0;
  const unsubscribe = relay.subscribe((event) => {
    if (replaying || !isNew(event)) return;
    if (!take(event)) {
      last = event.cursor;
      return;
    }
    const value = present(event);
    if (!stream.offer(value)) return catchUp({ event, value });
    last = event.cursor;
  });
  /** Hands `taken` (an event that did not fit) over once there is room, then replays what follows it. */
  const catchUp = (taken?: { event: ChangeEvent; value: T }) => {
    replaying = true;
    replay(taken).catch((error: unknown) => stream.fail(error));
  };
  const replay = async (taken?: { event: ChangeEvent; value: T }): Promise<void> => {
    if (taken) {
      if (!(await stream.whenFits(taken.event.size))) return;
      stream.push(taken.value);
      last = taken.event.cursor;
    }
    const page = Math.min(REPLAY_PAGE, limits.limit);
    // `last` was current (or checked by the caller, for a resume) when the replay began.
    let expiryCheckedAt = Date.now();
    while (!stream.isClosed) {
      // A subscriber that waited long enough for its next events to be pruned cannot resume. The
      // horizon moves only when events older than the retention (hours) are pruned: asking once a
      // minute is enough, not once a page.
      if (Date.now() - expiryCheckedAt >= EXPIRY_RECHECK_MS) {
        if (await relay.isExpired(last!)) throw cursorExpired();
        expiryCheckedAt = Date.now();
      }
      const events = await relay.readAfter(last!, page);
      for (const event of events) {
        if (!isNew(event)) continue;
        if (take(event)) {
          if (!(await stream.whenFits(event.size))) return;
          stream.push(present(event));
        }
        last = event.cursor;
      }
      // A full page: the outbox holds more; the live path must not take over yet, even when the
      // relay is behind the replay (it would push the rest without waiting for the subscriber).
      if (events.length === page) continue;
      if (compareCursors(relay.position, last!) <= 0) {
        replaying = false;
        return;
      }
      // The end of the settled outbox while the relay is ahead: it read events this page's
      // snapshot had not settled yet; read again shortly.
      await new Promise((resolve) => setTimeout(resolve, UNSETTLED_RETRY_MS));
    }
  };
  if (after) catchUp();
  return stream;
}
