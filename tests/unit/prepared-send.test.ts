import { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import { preparedSend } from '../../src/transport/prepared-send';

/**
 * A socket's stream that records each write it is asked to make (one system call each on a real
 * socket): `_writev` takes what a cork gathered in one call.
 */
function recordingSocket(options: { blocked?: boolean } = {}) {
  const calls: Buffer[][] = [];
  const pending: (() => void)[] = [];
  const stream = new Writable({
    writev(chunks, done) {
      calls.push(chunks.map((c) => c.chunk as Buffer));
      if (options.blocked) pending.push(() => done());
      else done();
    },
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk]);
      if (options.blocked) pending.push(() => done());
      else done();
    },
  });
  const socket = { readyState: 1, OPEN: 1, _socket: stream } as unknown as WebSocket;
  return { socket, calls, release: () => pending.splice(0).forEach((done) => done()) };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const message = (frame: Buffer) => JSON.parse(frame.subarray(2).toString('utf8')) as unknown;

describe('preparedSend', () => {
  it("writes a socket's first frame of a turn at once and the rest of the turn together, in order, each a graphql-ws next message", async () => {
    const { socket, calls } = recordingSocket();
    const first = preparedSend(socket, 'a');
    const second = preparedSend(socket, 'b');
    expect(first(Buffer.from('{"data":1}'))).toBeUndefined();
    expect(second(Buffer.from('{"data":2}'))).toBeUndefined();
    expect(first(Buffer.from('{"data":3}'))).toBeUndefined();
    expect(calls.map((call) => call.map(message))).toEqual([[{ id: 'a', type: 'next', payload: { data: 1 } }]]);
    await turn();
    expect(calls.map((call) => call.map(message))).toEqual([
      [{ id: 'a', type: 'next', payload: { data: 1 } }],
      [
        { id: 'b', type: 'next', payload: { data: 2 } },
        { id: 'a', type: 'next', payload: { data: 3 } },
      ],
    ]);
    // The next turn's frame is a write of its own, at once.
    first(Buffer.from('{"data":4}'));
    expect(calls).toHaveLength(3);
    expect(calls[2]!.map(message)).toEqual([{ id: 'a', type: 'next', payload: { data: 4 } }]);
  });

  it('makes the sender wait while an earlier turn has not gone out, and not before', async () => {
    const { socket, calls, release } = recordingSocket({ blocked: true });
    const send = preparedSend(socket, 'a');
    expect(send(Buffer.from('{"data":1}'))).toBeUndefined();
    await turn();
    expect(calls).toHaveLength(1);
    const waiting = send(Buffer.from('{"data":2}'));
    expect(waiting).toBeInstanceOf(Promise);
    let sent = false;
    void waiting!.then(() => (sent = true));
    await turn();
    expect(sent).toBe(false);
    release();
    await turn();
    release();
    await turn();
    expect(sent).toBe(true);
  });

  it('sends nothing once the socket is no longer open', async () => {
    const { socket, calls } = recordingSocket();
    (socket as unknown as { readyState: number }).readyState = 3;
    expect(preparedSend(socket, 'a')(Buffer.from('{}'))).toBeUndefined();
    await turn();
    expect(calls).toEqual([]);
  });
});
