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
 * A socket's first frame of a turn is written at once, its later ones together at the turn's end
 * (gatherInTurn). Returns nothing when nothing but this turn's frames waits (the common case: the
 * next event may follow without waiting a turn); otherwise a promise that resolves once the socket has sent it (as
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

/** A socket's frames of this turn: their bytes, and whether it is corked (from its second frame). */
interface Gathered {
  bytes: number;
  corked: boolean;
}

/** The sockets written in this turn of the event loop (see gatherInTurn); undefined between turns. */
let thisTurn: Map<Duplex, Gathered> | undefined;

/**
 * Notes a frame for the socket in this turn. The first goes out at once; from the second on the
 * socket is corked until the end of the turn: when the relay hands a stream several events at once
 * (it fell behind), they go out in one more system call, not one each. One tick at the end of the
 * turn for all sockets, not one per socket: with ten thousand subscribers and one event, a cork,
 * a tick and an uncork per socket were a tenth of a delivery's CPU (bench:live). Every frame is
 * still written in order, and within the turn.
 */
function gatherInTurn(stream: Duplex): Gathered {
  if (!thisTurn) {
    thisTurn = new Map();
    process.nextTick(endTurn);
  }
  const gathered = thisTurn.get(stream);
  if (!gathered) {
    const first = { bytes: 0, corked: false };
    thisTurn.set(stream, first);
    return first;
  }
  if (!gathered.corked) {
    gathered.corked = true;
    stream.cork();
  }
  return gathered;
}

function endTurn(): void {
  const written = thisTurn!;
  thisTurn = undefined;
  for (const [stream, gathered] of written) if (gathered.corked) stream.uncork();
}
