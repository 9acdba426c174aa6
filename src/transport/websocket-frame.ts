/**
 * A WebSocket text message as one frame (RFC 6455 §5.2: FIN, opcode 1, unmasked as a server sends,
 * no extension: the server negotiates none), built from parts already encoded as UTF-8: the frame
 * for one subscriber of a live event is its own prefix around the group's shared bytes, built in
 * one buffer and written with one call, where `ws.send` would encode the text again per socket and
 * write header and body apart (a `writev` per delivery, the largest single cost of delivering an
 * event to ten thousand subscribers: bench:live).
 */
export function textFrame(parts: readonly Buffer[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let offset = headerLength;
  for (const part of parts) offset += part.copy(frame, offset);
  return frame;
}
