import type { FastifyReply } from "fastify";

/** registry-api.md error body: `{"error": {"code", "message", "details"?}}`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): FastifyReply {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send({
      error:
        details === undefined ? { code, message } : { code, message, details },
    });
}
