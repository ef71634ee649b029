import type { FastifyPluginAsync } from "fastify";
import type { Tokens } from "../auth";
import { bearerToken, type Access } from "../access";
import { sendError } from "../http-errors";
import type { Revocations } from "../sessions";

/** Sign in (POST /session: a token) and sign out (DELETE /session). */
export const sessionRoutes: FastifyPluginAsync<{
  access: Access;
  tokens: Tokens;
  revocations: Revocations;
}> = async (app, { access, tokens, revocations }) => {
  app.post("/api/v1/session", async (req, reply) => {
    const body = req.body as
      { username?: unknown; password?: unknown } | undefined;
    if (
      !body ||
      typeof body.username !== "string" ||
      typeof body.password !== "string"
    ) {
      return sendError(
        reply,
        400,
        "BAD_REQUEST",
        'send {"username", "password"} as JSON',
      );
    }
    const user = await access.login(req, reply, body.username, body.password);
    if (!user) return reply;
    return tokens.issue(user);
  });

  // Sign out: the session ends for every instance that shares the secret (sessions.ts).
  app.delete("/api/v1/session", async (req, reply) => {
    const token = bearerToken(req);
    const claims = token === null ? null : await access.liveSession(token);
    if (!claims)
      return sendError(
        reply,
        401,
        "UNAUTHORIZED",
        "send the session's token (Authorization: Bearer) to end it; this one is invalid, expired or already ended",
      );
    await revocations.revoke(claims.sid, claims.exp);
    return reply.code(204).send();
  });
};
