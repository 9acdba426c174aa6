import { AppError, ErrorCode } from '../../src/errors/app-error';
import { BoundedStream } from '../../src/modules/live/bounded-stream';

const slow = () => new AppError(ErrorCode.SLOW_CONSUMER, 'behind');

describe('BoundedStream', () => {
  it('hands values over in order, to a waiting consumer at once', async () => {
    const stream = new BoundedStream<number>(10, slow, () => undefined);
    const waiting = stream.next();
    stream.push(1);
    stream.push(2);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
  });

  it('ends a consumer that falls past the limit with SLOW_CONSUMER, freeing what it held and unsubscribing once', async () => {
    let closed = 0;
    const stream = new BoundedStream<number>(3, slow, () => (closed += 1));
    for (let i = 0; i < 10; i += 1) stream.push(i);
    expect(stream.pending).toBe(0);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('unsubscribes when the client stops, and takes nothing more', async () => {
    let closed = 0;
    const stream = new BoundedStream<number>(3, slow, () => (closed += 1));
    const waiting = stream.next();
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    stream.push(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });
});
