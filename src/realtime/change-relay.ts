import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import type { ApiNaming } from '../graphql/api-fields';
import { compareCursors, eventFromRow, START, type ChangeEvent, type ChangeEventRow, type Cursor, type EventChanges } from './change-event';

/** The channel every replica listens on. Its payload is a transaction id, never data. */
export const CHANGE_CHANNEL = 'kp_change_events';
const BATCH = 500;
/** Deliveries (a stream handed an event) in one turn of the event loop (see deliver). */
const LISTENERS_PER_TURN = 500;
/**
 * A notified transaction's events become readable only once every older transaction in the cluster
 * has ended (see kp_change_events_after). When one is still running (a bulk import, another
 * database's long write), the relay reads again after 25 ms, 50 ms, ... up to 1 s instead of
 * leaving the event to the periodic read.
 */
const CHASE_FIRST_MS = 25;
const CHASE_MAX_MS = 1000;

export interface ChangeRelayOptions {
  readonly pollMs: number;
  /** How the domain names and writes an event's changes. */
  readonly eventChanges: EventChanges;
  /** Told of every event read: how long after its transaction, and how many streams took it (metrics). */
  readonly onDelivered?: (lagMs: number, streams: number) => void;
}

type Listener = (event: ChangeEvent) => void;

/**
 * One per process. Reads the outbox in cursor order whenever PostgreSQL notifies a commit (from any
 * replica) and at a steady interval in case a notification was missed (a dropped LISTEN
 * connection, say), and hands every event to the streams of this process synchronously: a slow
 * subscriber never holds up the relay or other subscribers. Pruning old events is a housekeeping
 * job of its own (change-retention.ts).
 */
export class ChangeRelay {
  private readonly listeners = new Set<Listener>();
  private cursor: Cursor = START;
  private listener: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** The newest transaction a notification named whose events this relay has not yet read. */
  private awaited: bigint | undefined;
  private chaseTimer: NodeJS.Timeout | undefined;
  private chaseDelayMs = CHASE_FIRST_MS;
  /** When the relay last found the database unreachable, while it still is: an outage is logged as it starts and as it ends. */
  private unreachableSince: number | undefined;

  /** Where events' changes take their API names and formats from. */
  private readonly naming: ApiNaming;

  constructor(
    private readonly orm: MikroORM,
    private readonly options: ChangeRelayOptions,
    private readonly logger: Logger,
    schema: GraphQLSchema,
  ) {
    this.naming = { metadata: orm.getMetadata(), schema };
  }

  async start(): Promise<void> {
    this.cursor = (await this.head()).head;
    await this.listen();
    this.timer = setInterval(() => void this.tick(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.chaseTimer);
    await this.reading;
    await this.listener?.end().catch(() => undefined);
  }

  /** The last event handed to the streams: every event up to it has been delivered. */
  get position(): Cursor {
    return this.cursor;
  }

  /** How many live streams of this process take events now. */
  get streamCount(): number {
    return this.listeners.size;
  }

  /** Live events from now on, in order. Returns the function that stops them. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Settled events after a cursor, for a client resuming; the same order as the live ones. */
  async readAfter(after: Cursor, limit = BATCH): Promise<ChangeEvent[]> {
    const rows = await this.orm.em
      .fork()
      .execute<ChangeEventRow[]>('select * from kp_change_events_after(?::xid8, ?, ?)', [after.tx.toString(), after.id.toString(), limit]);
    return rows.map((row) => eventFromRow(row, this.naming, this.options.eventChanges));
  }

  /** Whether events after this cursor may have been pruned already (by any replica). */
  async isExpired(cursor: Cursor): Promise<boolean> {
    return compareCursors(cursor, (await this.head()).horizon) < 0;
  }

  /** After a commit that wrote something: wake every replica (this one included). */
  async notify(tx: string): Promise<void> {
    try {
      await this.orm.em.fork().execute('select pg_notify(?, ?)', [CHANGE_CHANNEL, tx]);
    } catch (error) {
      // The periodic read delivers it anyway.
      this.failed(error, 'could not notify replicas of a change');
    }
  }

  /** Reads until nothing new is settled; concurrent wake-ups fold into one more round. */
  wake(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.again = false;
          let batch: ChangeEvent[];
          do {
            batch = await this.readAfter(this.cursor);
            await this.deliver(batch);
          } while (batch.length === BATCH && !this.stopped);
        } while (this.again && !this.stopped);
        this.reachable();
      } catch (error) {
        this.failed(error, 'reading change events failed; retrying on the next tick');
      } finally {
        this.reading = undefined;
      }
      await this.chaseAwaited();
    })();
    return this.reading;
  }

  /** After a notification: the transaction it names, to be read even if it is not settled yet. */
  private notified(payload: string | undefined): void {
    if (payload && /^\d+$/.test(payload)) {
      const tx = BigInt(payload);
      if (this.awaited === undefined || tx > this.awaited) this.awaited = tx;
    }
    void this.wake();
  }

  /**
   * Reads again soon while the awaited transaction's events are still behind the settled horizon;
   * once it is settled, one last read takes what it left (possibly nothing) and the chase ends.
   */
  private async chaseAwaited(): Promise<void> {
    const awaited = this.awaited;
    if (awaited === undefined || this.stopped || this.chaseTimer) return;
    const read = this.cursor.tx >= awaited;
    const settled = read || (await this.settledBefore()) > awaited;
    let delay = this.chaseDelayMs;
    if (settled) {
      if (this.awaited === awaited) this.awaited = undefined;
      this.chaseDelayMs = CHASE_FIRST_MS;
      if (read) return;
      delay = 0;
    } else {
      this.chaseDelayMs = Math.min(delay * 2, CHASE_MAX_MS);
    }
    this.chaseTimer = setTimeout(() => {
      this.chaseTimer = undefined;
      void this.wake();
    }, delay);
    this.chaseTimer.unref();
  }

  /** The oldest transaction still running anywhere in the cluster: everything before it is settled. */
  private async settledBefore(): Promise<bigint> {
    try {
      const [row] = await this.orm.em.fork().execute<{ xmin: string }[]>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
      return BigInt(row!.xmin);
    } catch {
      return 0n;
    }
  }

  /**
   * Hands the events (in cursor order) to every live stream, in order of subscription, each stream
   * all of them at once, a turn of the event loop at a time for each LISTENERS_PER_TURN deliveries:
   * with ten thousand subscribers, one event's delivery is a few hundred milliseconds of socket
   * writes, and in one piece it held up every request that arrived meanwhile (a town's report
   * waiting behind a wall of dashboards: bench:live's writer). A stream handed several events in
   * one turn writes them to its socket together (see preparedSend): when the relay falls behind,
   * the events that piled up cost each socket one write, not one each, so it catches up instead of
   * falling further behind. Each stream sees the events in order; a stream that subscribes
   * meanwhile is visited too (a Set's iteration reaches what is added during it), and takes an
   * event only if it has not read it from the outbox already.
   */
  private async deliver(events: readonly ChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.cursor = events[events.length - 1]!.cursor;
    for (const event of events) this.options.onDelivered?.(Date.now() - event.occurredAt.getTime(), this.listeners.size);
    let inTurn = 0;
    for (const listener of this.listeners) {
      for (const event of events) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error }, 'a live stream failed to take an event');
        }
      }
      inTurn += events.length;
      if (inTurn >= LISTENERS_PER_TURN) {
        inTurn = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (!this.listener) await this.listen();
    await this.wake();
  }

  /**
   * A failed read or notification. While the database is unreachable every tick fails: one line
   * when the outage begins, one when it ends, instead of a line per tick.
   */
  private failed(error: unknown, what: string): void {
    if (this.stopped) return;
    if (!isDatabaseUnavailable(error)) {
      this.logger.warn({ err: error }, what);
      return;
    }
    if (this.unreachableSince !== undefined) return;
    this.unreachableSince = Date.now();
    this.logger.warn({ err: error }, 'the database is unreachable: live changes wait for it (the relay retries on every tick)');
  }

  private reachable(): void {
    if (this.unreachableSince === undefined) return;
    this.logger.info({ unreachableMs: Date.now() - this.unreachableSince }, 'the database is reachable again: live changes resume');
    this.unreachableSince = undefined;
  }

  private async head(): Promise<{ head: Cursor; horizon: Cursor }> {
    const [row] = await this.orm.em
      .fork()
      .execute<{ head_tx: string; head_id: string; horizon_tx: string; horizon_id: string }[]>('select * from kp_change_events_head()');
    return {
      head: { tx: BigInt(row!.head_tx), id: BigInt(row!.head_id) },
      horizon: { tx: BigInt(row!.horizon_tx), id: BigInt(row!.horizon_id) },
    };
  }

  private async listen(): Promise<void> {
    // Its own connection (the application's login): LISTEN holds it for as long as the process runs.
    const client = new Client({ connectionString: this.orm.config.get('clientUrl'), application_name: 'kp-change-relay' });
    try {
      await client.connect();
      await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      this.failed(error, 'could not LISTEN for change events; polling until it works');
      await client.end().catch(() => undefined);
      return;
    }
    client.on('notification', (message) => this.notified(message.payload));
    client.on('error', (error) => {
      this.failed(error, 'the LISTEN connection failed; reconnecting on the next tick');
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
    });
    this.listener = client;
  }
}
