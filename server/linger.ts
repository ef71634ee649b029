import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";

/** How long a refused body is still read (and dropped) after the answer, at most. */
export const LINGER_MS = 5_000;

/**
 * Close a connection whose request body is still arriving without losing the answer sent on it.
 *
 * A socket closed with unread bytes, or that receives bytes after it closed, answers them with a
 * reset; a client still writing its body then fails its next write (EPIPE, ECONNRESET) and may
 * report that before it reads the answer waiting for it: a browser says "connection reset" where
 * the server said "the pack is too large". RFC 9112 §9.6 (tear-down): close the sending side, keep
 * reading, close fully when the client does or after a while. Node's HTTP server ends a
 * `Connection: close` exchange with `socket.destroySoon()` once the answer is written; for this
 * socket that becomes the lingering close. Call it before the answer is sent.
 */
export function lingerOnClose(req: IncomingMessage, lingerMs: number): void {
  if (req.complete) return;
  const socket = req.socket;
  // Drop the rest of the body as it arrives (a route that stopped reading may have paused it).
  req.resume();
  const closeNow = (): void => Socket.prototype.destroySoon.call(socket);
  socket.destroySoon = (): void => {
    if (socket.readableEnded) return closeNow();
    socket.end();
    const timer = setTimeout(closeNow, lingerMs);
    timer.unref();
    socket.once("end", closeNow);
    socket.once("close", () => clearTimeout(timer));
  };
}
