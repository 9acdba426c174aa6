export interface BoundedStreamOptions<T> {
  /** Most values held for a consumer that is behind. */
  readonly limit: number;
  /** Most bytes held: the values' sizes plus `heldElsewhere` (what the transport has not sent yet). */
  readonly limitBytes: number;
  /** The size of a value in bytes (roughly what sending it costs). */
  readonly sizeOf: (value: T) => number;
  /** Bytes the consumer holds beyond this queue: its socket's unsent data. */
  readonly heldElsewhere?: () => number;
  /** The error that ends the stream of a consumer past either limit. */
  readonly overflow: () => Error;
  /** Called once when the stream ends for any reason (unsubscribe here). */
  readonly onClose: () => void;
}

interface Held<T> {
  readonly value: T;
  readonly size: number;
}

/**
 * An async iterator fed by pushes, holding at most `limit` values and `limitBytes` bytes (its queue
 * plus what the consumer's socket still holds) for a consumer that is behind. A live producer never
 * waits: past a limit the stream fails with the error `overflow()` gives and drops what it held, so
 * one slow subscriber costs bounded memory and delays nobody else. A producer that can wait (a
 * replay from the outbox) asks `whenFits` first and so never overflows it.
 */
export class BoundedStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: Held<T>[] = [];
  private queuedBytes = 0;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  /** A producer waiting for room (see whenFits), with the size it wants to push. */
  private roomWaiter: { size: number; resolve: (fits: boolean) => void } | undefined;
  private failure: unknown;
  private done = false;
  private closed = false;
  /** A reader that may take a value in the producer's turn (see takeAtOnce). */
  private atOnce: ((value: T) => boolean) | undefined;

  constructor(private readonly options: BoundedStreamOptions<T>) {}

  push(value: T): void {
    if (this.done || this.failure) return;
    if (this.waiting) {
      if (this.atOnce?.(value)) return;
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value, done: false });
      return;
    }
    const size = this.options.sizeOf(value);
    if (!this.fits(size)) return this.fail(this.options.overflow());
    this.queue.push({ value, size });
    this.queuedBytes += size;
  }

  /**
   * Pushes the value when the queue holds fewer than `limit` values; false (nothing pushed, the
   * stream still open) when it is full by count, for a producer that can fetch the value again
   * later (a change stream catches up from the outbox). Past the byte bound it fails as push does:
   * bytes are what a stalled socket costs, and they stay a hard bound.
   */
  offer(value: T): boolean {
    if (this.done || this.failure) return true;
    if (!this.waiting && this.queue.length >= this.options.limit) return false;
    this.push(value);
    return true;
  }

  /**
   * Resolves true once a value of `size` bytes can be pushed without overflowing (at once when it
   * can), false when the stream has ended. One waiting producer at a time.
   */
  whenFits(size: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.waiting || this.fits(size)) return Promise.resolve(true);
    return new Promise((resolve) => (this.roomWaiter = { size, resolve }));
  }

  /**
   * While the reader waits for its next value (it has taken all before), a value pushed is offered
   * to `take` first, in the producer's turn, and goes to the waiting `next()` only when `take`
   * returns false (it did not take it). With thousands of streams taking each event, a turn per
   * value (a promise resolved, a reader resumed, a promise made for the next one) is much of
   * what delivering it costs. Order holds: nothing is queued or in the reader's hands meanwhile.
   */
  takeAtOnce(take: (value: T) => boolean): void {
    this.atOnce = take;
  }

  fail(error: unknown): void {
    if (this.done || this.failure) return;
    this.failure = error;
    this.drop();
    this.close();
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = undefined;
      this.failure = undefined;
      this.done = true;
      reject(error);
    }
  }

  /** Values held now. */
  get pending(): number {
    return this.queue.length;
  }

  /** Bytes of the values held now (the socket's share not included). */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Whether the stream has ended (failed, or the consumer stopped): producers may stop. */
  get isClosed(): boolean {
    return this.closed;
  }

  next(): Promise<IteratorResult<T>> {
    const held = this.queue.shift();
    if (held) {
      this.queuedBytes -= held.size;
      this.wakeProducer();
      return Promise.resolve({ value: held.value, done: false });
    }
    if (this.failure) {
      const error = this.failure;
      this.failure = undefined;
      this.done = true;
      return Promise.reject(error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    const next = new Promise<IteratorResult<T>>((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
    this.wakeProducer();
    return next;
  }

  return(): Promise<IteratorResult<T>> {
    this.drop();
    this.close();
    this.done = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /**
   * Within both limits after adding `size` bytes. A value always fits an empty queue: one larger
   * than the byte limit could otherwise never be delivered, and a resume would fail on it forever.
   */
  private fits(size: number): boolean {
    if (this.queue.length >= this.options.limit) return false;
    if (this.queue.length === 0) return true;
    return this.queuedBytes + (this.options.heldElsewhere?.() ?? 0) + size <= this.options.limitBytes;
  }

  private wakeProducer(): void {
    const waiter = this.roomWaiter;
    if (!waiter || !(this.waiting || this.fits(waiter.size))) return;
    this.roomWaiter = undefined;
    waiter.resolve(true);
  }

  private drop(): void {
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.atOnce = undefined;
    const waiter = this.roomWaiter;
    this.roomWaiter = undefined;
    waiter?.resolve(false);
    this.options.onClose();
  }
}
