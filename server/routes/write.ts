import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Access } from "../access";
import { sendError } from "../http-errors";
import { lingerOnClose } from "../linger";
import type { Publisher } from "../publish";
import type { PackStore } from "../store/store";
import { packParams, safe, versionNotFound } from "./pack-params";

/** The write side of the API: publish (PUT) and remove (DELETE) a version; both need sign-in. */
export const writeRoutes: FastifyPluginAsync<{
  store: PackStore;
  access: Access;
  publisher: Publisher;
  /** How long a refused body is still read after its answer (linger.ts). */
  lingerMs: number;
}> = async (app, { store, access, publisher, lingerMs }) => {
  /** Answer and close the connection, letting the client read the answer while it still sends. */
  const closeAfter = (req: FastifyRequest, reply: FastifyReply): void => {
    reply.header("Connection", "close");
    lingerOnClose(req.raw, lingerMs);
  };

  // A pack's bytes are streamed to a temp file by the publish service; no body is parsed here
  // (Fastify's JSON parser would read it first, and the service would then wait for it forever).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (_req, _payload, done) => done(null));

  app.put(
    "/api/v1/packs/:name/:version",
    {
      onRequest: async (req, reply) => {
        const type = mediaType(req.headers["content-type"]);
        if (type === null || PACK_TYPES.has(type)) return;
        // Refused before a byte of the body is read; the connection closes, so none is left waiting.
        closeAfter(req, reply);
        return sendError(
          reply,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          `a pack is sent as application/zip (or a gzip type, or application/octet-stream), not ${safe(type)}`,
        );
      },
    },
    async (req, reply) => {
      const p = packParams(req, reply);
      if (!p) return reply;
      const forced = FORCE.safeParse((req.query as { force?: unknown }).force);
      if (!forced.success) {
        closeAfter(req, reply);
        return sendError(
          reply,
          400,
          "QUERY_INVALID",
          "force is given once, as true or false (or 1 or 0)",
        );
      }
      const user = await access.authenticate(req, reply);
      if (!user) return reply;
      const r = await publisher.publish({
        ...p,
        user,
        force: forced.data ?? false,
        declaredLength: header(req, "content-length"),
        claimedDigest: header(req, "x-pack-digest"),
        contentSha256: header(req, "x-content-sha256"),
        body: req.raw,
      });
      if (r.ok) {
        if (r.phases)
          req.log.debug(
            {
              pack: `${p.name} ${p.version}`,
              ...Object.fromEntries(
                Object.entries(r.phases).map(([k, ms]) => [k, Math.round(ms)]),
              ),
              threads: r.threads,
              kept: r.kept,
            },
            "upload: ms per phase",
          );
        return reply.code(r.status).send(r.value);
      }
      const e = r.error;
      if (e.close) closeAfter(req, reply);
      if (e.retryAfter !== undefined)
        reply.header("Retry-After", String(e.retryAfter));
      return sendError(reply, e.status, e.code, e.message, e.details);
    },
  );

  app.delete("/api/v1/packs/:name/:version", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    if (!(await access.authenticate(req, reply))) return reply;
    if (!(await store.delete(p.name, p.version)))
      return versionNotFound(reply, p);
    return reply.code(204).send();
  });
};

/**
 * `?force`: absent or `false`/`0` is no force; `true`/`1`, or the bare `?force`, is force (any
 * case, as the configuration's flags are read); anything else, or the parameter given twice, is a
 * 400: never a guess about overwriting.
 */
const FORCE = z
  .stringbool({ truthy: ["true", "1", ""], falsy: ["false", "0"] })
  .optional();

/** Content-Types a pack PUT may carry; the bytes are sniffed after (zip or tar.gz). */
const PACK_TYPES = new Set([
  "application/zip",
  "application/x-zip-compressed",
  "application/gzip",
  "application/x-gzip",
  "application/x-tar+gzip",
  "application/octet-stream",
]);

/** The media type without parameters, lower-case; null when the header is absent (read as bytes). */
function mediaType(header: string | undefined): string | null {
  if (header === undefined) return null;
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}
