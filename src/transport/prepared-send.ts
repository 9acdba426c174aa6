import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { PreparedSend } from '../graphql/subscription-results';
import { textFrame } from './websocket-frame';

/** The end of a `next` message after its payload. */
const NEXT_MESSAGE_END = Buffer.from('}');
const NOTHING = Buffer.alloc(0);

/**
 * Sends operation `id` a `next` message whose payload was serialized once for every subscriber of
 * its group: the bytes graphql-ws would write, framed here (textFrame) and written to the socket's
 * stream in one call, where ws would encode and frame them again per socket. ws keeps no state of
 * its own between frames without an extension (none is negotiated: see perMessageDeflate below),
 * so a frame written beside its own is as if it had sent it; its `bufferedAmount` counts both.
 * The socket's frames of one turn are written together at its end (gatherInTurn). Returns nothing
 * when nothing but this turn's frames waits (the common case: the next event may follow without
 * waiting a turn); otherwise a promise that resolves once the socket has sent it (as
 * graphql-ws waits for its own sends), so a subscriber that stops reading holds what follows in its
 * bounded queue. A failed write closes the socket, which ends the subscription: nothing to report here.
 */
export function preparedSend(socket: WebSocket, id: string): PreparedSend {
  const start = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  const stream = (socket as unknown as { _socket: Duplex })._socket;
  return (json) => {
    if (socket.readyState !== socket.OPEN) return;
    const gathered = gatherInTurn(stream);
    const frame = textFrame([start, json, NEXT_MESSAGE_END]);
    gathered.bytes += frame.length;
    stream.write(frame);
    // What waits is only this turn's frames, written together at its end: nothing to wait for.
    if (stream.writableLength <= gathered.bytes) return;
    // Called once everything written before it has gone (or the socket failed).
    return new Promise<void>((resolve) => stream.write(NOTHING, () => resolve()));
  };
}

/** Bytes a socket's stream holds corked in this turn, by stream (see gatherInTurn). */
const corkedInTurn = new WeakMap<Duplex, { bytes: number }>();

/**
 * Corks the socket's stream until the end of this turn of the event loop (once per turn, however
 * many subscriptions of the socket send in it): the frames of the events the relay hands over in
 * one turn go out in one system call, not one each. Every frame is still written in order, and
 * within the turn.
 */
function gatherInTurn(stream: Duplex): { bytes: number } {
  let gathered = corkedInTurn.get(stream);
  if (gathered) return gathered;
  gathered = { bytes: 0 };
  corkedInTurn.set(stream, gathered);
  stream.cork();
  process.nextTick(() => {
    corkedInTurn.delete(stream);
    stream.uncork();
  });
  return gathered;
}
