import { GraphQLError, type ExecutionResult } from 'graphql';
import { BoundedStream } from '../realtime/bounded-stream';
import { changeEventOf, type SharedResult } from './shared-results';

/**
 * Writes a result already serialized (`SharedResult.json`) to the subscriber as graphql-ws's
 * `next` message. When the socket could not take it at once, returns a promise that resolves once
 * it has, so a subscriber that stops reading holds the events that follow in its bounded queue, as
 * when graphql-ws sends.
 */
export type PreparedSend = (json: Buffer) => Promise<void> | void;

/** How a subscription writes prepared results to its socket. */
export interface SendingOptions {
  readonly send: PreparedSend;
  /** Bytes the socket holds unsent: an event is sent in the relay's turn only when there are none. */
  readonly backlog: () => number;
}

const DONE: IteratorResult<ExecutionResult> = Object.freeze({ value: undefined, done: true });

const errorResult = (error: unknown): ExecutionResult => ({
  errors: [error instanceof GraphQLError ? error : new GraphQLError('Internal error', { originalError: error as Error })],
});

/**
 * What a subscription over graphql-ws yields: for each event its stream takes, the group's result
 * (see shared-results.ts). One that can be sent as is goes straight to the socket as prepared
 * bytes, without passing through graphql-ws's per-message serialization; anything else (results
 * with errors, the last result) is yielded to graphql-ws, which formats it for the connection.
 * Order is kept: a result is yielded or sent only after the one before it was taken by the socket.
 *
 * An iterator rather than an async generator: a generator waiting for its next event cannot be
 * stopped until one comes (its `return()` waits in line), so a closed socket or a `complete`
 * would leave the stream taking events for nobody; here `return()` ends the stream at once.
 */
export class SubscriptionResults implements AsyncIterableIterator<ExecutionResult> {
  private ended = false;

  constructor(
    private readonly events: AsyncIterator<unknown>,
    private readonly resultOf: (payload: unknown) => SharedResult | Promise<SharedResult>,
    private readonly sending: SendingOptions | undefined,
  ) {
    if (sending && events instanceof BoundedStream) events.takeAtOnce(this.sendAtOnce);
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    while (!this.ended) {
      let shared: SharedResult;
      try {
        const item = await this.events.next();
        if (item.done || this.ended) break;
        const made = this.resultOf(item.value);
        shared = made instanceof Promise ? await made : made;
      } catch (error) {
        // An error of the stream (a slow consumer, say) is its last result: the client learns why it ended.
        return this.last(errorResult(error));
      }
      if (this.ended) break;
      if (shared.ends) return this.last(shared.result);
      if (shared.json === undefined || !this.sending) return { value: shared.result, done: false };
      const sent = this.sending.send(shared.json);
      if (sent) await sent;
    }
    await this.return();
    return DONE;
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    if (this.ended) return Promise.resolve(DONE);
    this.ended = true;
    return Promise.resolve(this.events.return?.()).then(
      () => DONE,
      () => DONE,
    );
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  /**
   * Sends an event's result in the relay's turn, when nothing stands in the way: the group's
   * result is made already (or at once, from the event alone) and free of errors, and the socket
   * holds nothing unsent. Otherwise (false) the event goes the usual way, which waits for the
   * database or the socket. Runs no execution the usual way would run again: only a change
   * event's result is looked up here, and it is kept for its group (see shareResult).
   */
  private readonly sendAtOnce = (payload: unknown): boolean => {
    const sending = this.sending;
    if (this.ended || !sending || sending.backlog() > 0 || !changeEventOf(payload)) return false;
    try {
      const shared = this.resultOf(payload);
      if (shared instanceof Promise || shared.ends || shared.json === undefined) return false;
      // Not taken whole by the kernel: the socket now holds a backlog, and the next event goes the usual way.
      void sending.send(shared.json);
      return true;
    } catch {
      // The usual way meets the same error and ends the stream with it.
      return false;
    }
  };

  /** Yields `result`, after which the stream is over (and lets go of its events now). */
  private async last(result: ExecutionResult): Promise<IteratorResult<ExecutionResult>> {
    await this.return();
    return { value: result, done: false };
  }
}
