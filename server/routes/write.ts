import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Access } from "../access";
import { sendError } from "../http-errors";
import type { Publisher } from "../publish";
import type { PackStore } from "../store/store";
import { packParams, versionNotFound } from "./pack-params";

/** The write side of the API: publish (PUT) and remove (DELETE) a version; both need sign-in. */
export const writeRoutes: FastifyPluginAsync<{
  store: PackStore;
  access: Access;
  publisher: Publisher;
}> = async (app, { store, access, publisher }) => {
  app.put("/api/v1/packs/:name/:version", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    const user = await access.authenticate(req, reply);
    if (!user) return reply;
    const r = await publisher.publish({
      ...p,
      user,
      force: (req.query as { force?: string }).force === "true",
      declaredLength: header(req, "content-length"),
      claimedDigest: header(req, "x-pack-digest"),
      contentSha256: header(req, "x-content-sha256"),
      body: req.raw,
    });
    if (r.ok) return reply.code(r.status).send(r.value);
    const e = r.error;
    if (e.close) reply.header("Connection", "close");
    if (e.retryAfter !== undefined)
      reply.header("Retry-After", String(e.retryAfter));
    return sendError(reply, e.status, e.code, e.message, e.details);
  });

  app.delete("/api/v1/packs/:name/:version", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    if (!(await access.authenticate(req, reply))) return reply;
    if (!(await store.delete(p.name, p.version)))
      return versionNotFound(reply, p);
    return reply.code(204).send();
  });
};

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}
