import { AppError, ErrorCode } from '../../src/errors/app-error';
import { BoundedStream, type BoundedStreamOptions } from '../../src/realtime/bounded-stream';

const slow = () => new AppError(ErrorCode.SLOW_CONSUMER, { zh: '落后', en: 'behind' });

/** A stream of numbers, each `n` bytes in size, with what it was told on close counted. */
function streamOf(options: Partial<BoundedStreamOptions<number>> = {}) {
  const state = { closed: 0, socket: 0 };
  const stream = new BoundedStream<number>({
    limit: 10,
    limitBytes: 1000,
    sizeOf: (n) => n,
    heldElsewhere: () => state.socket,
    overflow: slow,
    onClose: () => (state.closed += 1),
    ...options,
  });
  return { stream, state };
}

describe('BoundedStream', () => {
  it('hands values over in order, to a waiting consumer at once', async () => {
    const { stream } = streamOf();
    const waiting = stream.next();
    stream.push(1);
    stream.push(2);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
  });

  it('ends a consumer that falls past the limit with SLOW_CONSUMER, freeing what it held and unsubscribing once', async () => {
    const { stream, state } = streamOf({ limit: 3 });
    for (let i = 0; i < 10; i += 1) stream.push(i);
    expect(stream.pending).toBe(0);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(state.closed).toBe(1);
  });

  it('refuses an offer when full by count, without ending the stream, and takes offers again once the consumer reads', async () => {
    const { stream, state } = streamOf({ limit: 3 });
    expect([1, 2, 3].map((n) => stream.offer(n))).toEqual([true, true, true]);
    expect(stream.offer(4)).toBe(false);
    expect(stream.pending).toBe(3);
    expect(stream.isClosed).toBe(false);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    expect(stream.offer(4)).toBe(true);
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(state.closed).toBe(0);
  });

  it('ends an offer past the byte limit with SLOW_CONSUMER: bytes stay a hard bound', async () => {
    const { stream, state } = streamOf();
    expect(stream.offer(600)).toBe(true);
    expect(stream.offer(600)).toBe(true);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
    expect(state.closed).toBe(1);
  });

  it('ends a consumer whose queued bytes pass the byte limit, though few values are queued, and frees them', async () => {
    const { stream, state } = streamOf({ limit: 1000, limitBytes: 1000 });
    stream.push(400);
    stream.push(400);
    expect(stream.pendingBytes).toBe(800);
    stream.push(400);
    expect(stream.pending).toBe(0);
    expect(stream.pendingBytes).toBe(0);
    expect(state.closed).toBe(1);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
  });

  it("counts what the consumer's socket has not sent against the byte limit", async () => {
    const { stream, state } = streamOf({ limit: 1000, limitBytes: 1000 });
    state.socket = 700;
    stream.push(100);
    stream.push(100);
    expect(stream.pending).toBe(2);
    stream.push(200);
    expect(state.closed).toBe(1);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
  });

  it('takes one value larger than the byte limit into an empty queue, so that it can be delivered at all', async () => {
    const { stream, state } = streamOf({ limitBytes: 1000 });
    stream.push(5000);
    expect(state.closed).toBe(0);
    expect(await stream.next()).toEqual({ value: 5000, done: false });
  });

  it('lets a producer that can wait push only when the value fits, so it never overflows', async () => {
    const { stream, state } = streamOf({ limit: 2, limitBytes: 1000 });
    const order: string[] = [];
    const producer = (async () => {
      for (const value of [1, 2, 3, 4, 5]) {
        if (!(await stream.whenFits(value))) return;
        stream.push(value);
        order.push(`pushed ${value}`);
      }
    })();
    const received: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const next = await stream.next();
      received.push(next.value as number);
      order.push(`took ${next.value}`);
    }
    await producer;
    expect(received).toEqual([1, 2, 3, 4, 5]);
    expect(state.closed).toBe(0);
    // Never more than two held: the third push waited for the first take.
    expect(order.indexOf('pushed 3')).toBeGreaterThan(order.indexOf('took 1'));
  });

  it('tells a waiting producer when the stream ends, so it stops', async () => {
    const { stream } = streamOf({ limit: 1 });
    stream.push(1);
    const fits = stream.whenFits(1);
    await stream.return();
    expect(await fits).toBe(false);
    expect(await stream.whenFits(1)).toBe(false);
  });

  it('unsubscribes when the client stops, and takes nothing more', async () => {
    const { stream, state } = streamOf({ limit: 3 });
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    stream.push(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(state.closed).toBe(1);
  });

  it('offers a value to a reader that takes values at once only while it waits, and in order otherwise', async () => {
    const { stream, state } = streamOf();
    const taken: number[] = [];
    let accept = true;
    stream.takeAtOnce((n) => accept && (taken.push(n), true));
    // Not waiting yet: queued, for next().
    stream.push(1);
    expect(taken).toEqual([]);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    // Waiting: taken in the producer's turn; the waiting next() stays pending.
    const waiting = stream.next();
    stream.push(2);
    stream.push(3);
    expect(taken).toEqual([2, 3]);
    // Refused: the waiting next() gets it, and what follows queues behind it.
    accept = false;
    stream.push(4);
    accept = true;
    stream.push(5);
    expect(await waiting).toEqual({ value: 4, done: false });
    expect(await stream.next()).toEqual({ value: 5, done: false });
    expect(taken).toEqual([2, 3]);
    // Ended: nothing more is offered.
    const last = stream.next();
    await stream.return();
    stream.push(6);
    expect(await last).toEqual({ value: undefined, done: true });
    expect(taken).toEqual([2, 3]);
    expect(state.closed).toBe(1);
  });
});
