/**
 * An async iterator fed by pushes, holding at most `limit` values for a consumer that is behind.
 * The producer never waits: past the limit the stream fails with the error `overflow()` gives,
 * so one slow subscriber costs bounded memory and delays nobody else.
 */
export class BoundedStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private failure: unknown;
  private done = false;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly overflow: () => Error,
    private readonly onClose: () => void,
  ) {}

  push(value: T): void {
    if (this.done || this.failure) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value, done: false });
    } else if (this.queue.length >= this.limit) {
      this.fail(this.overflow());
    } else {
      this.queue.push(value);
    }
  }

  fail(error: unknown): void {
    if (this.done || this.failure) return;
    this.failure = error;
    this.queue.length = 0;
    this.close();
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = undefined;
      this.failure = undefined;
      this.done = true;
      reject(error);
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.failure) {
      const error = this.failure;
      this.failure = undefined;
      this.done = true;
      return Promise.reject(error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
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

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
