import type { IncomingMessage } from "node:http";
import { Socket } from "node:net";

/** How long a refused body is still read (and dropped) after the answer, at most. */
export const LINGER_MS = 5_000;

/**
 * Closing a connection while its client is still sending, without losing the answer sent on it.
 *
 * A socket closed with unread bytes, or that receives bytes after it closed, answers them with a
 * reset; a client still writing its body then fails its next write (EPIPE, ECONNRESET) and may
 * report that before it reads the answer waiting for it: a browser says "connection reset" where
 * the server said "the pack is too large". RFC 9112 §9.6 (tear-down): close the sending side, keep
 * reading, close fully when the client does or after a while. Node's HTTP server has no such
 * lingering close: it ends a `Connection: close` exchange with `socket.destroySoon()` once the
 * answer is written, and leaves the answer to a parse error (431, 400) to its `clientError` handler.
 */

/** Sockets reading the rest of a refused request: the HTTP parser's complaints about it are expected. */
const lingering = new WeakSet<Socket>();

/** True while `socket` reads and drops the rest of a refused request (see {@link lingerOnClose}). */
export const isLingering = (socket: Socket): boolean => lingering.has(socket);

/**
 * For an answer that closes the connection before its request's body has all arrived: the close
 * Node makes after the answer becomes a lingering one. Call it before the answer is sent.
 */
export function lingerOnClose(req: IncomingMessage, lingerMs: number): void {
  if (req.complete) return;
  // Drop the rest of the body as it arrives (a route that stopped reading may have paused it).
  req.resume();
  const socket = req.socket;
  socket.destroySoon = (): void => endAndLinger(socket, "", lingerMs);
}

/**
 * Write `answer` (raw HTTP) and end the sending side, then read and drop whatever the client still
 * sends until it ends or `lingerMs` pass; then close.
 */
export function endAndLinger(
  socket: Socket,
  answer: string,
  lingerMs: number,
): void {
  const closeNow = (): void => Socket.prototype.destroySoon.call(socket);
  socket.end(answer);
  if (socket.readableEnded) return closeNow();
  lingering.add(socket);
  const timer = setTimeout(closeNow, lingerMs);
  timer.unref();
  socket.once("end", closeNow);
  socket.once("close", () => clearTimeout(timer));
}
