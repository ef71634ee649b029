import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { sendError } from "../http-errors";

/** Vite names every file under /assets/ after a hash of its content: a new build, a new name. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The built app's files at `/`, and the app shell for its client-side routes (/packs/…). Each text
 * file is sent as the brotli or gzip copy the build made beside it (vite.config.ts) when the browser
 * accepts it; hashed `/assets/*` are cached for a year, everything else (index.html above all) is
 * revalidated on every use, so a new build is picked up at once.
 */
export const staticRoutes: FastifyPluginAsync<{ root: string }> = async (
  app,
  { root },
) => {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: "index.html",
    preCompressed: true,
    // Cache-Control is decided below, per path.
    cacheControl: false,
  });
  app.addHook("onSend", async (req, reply, payload) => {
    const path = req.url.split("?")[0] ?? "";
    reply.header(
      "Cache-Control",
      path.startsWith("/assets/") && reply.statusCode < 400
        ? IMMUTABLE
        : "no-cache",
    );
    // The same URL is sent in several encodings: a shared cache keys on Accept-Encoding.
    const vary = String(reply.getHeader("vary") ?? "");
    if (!/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary))
      reply.header(
        "Vary",
        vary ? `${vary}, Accept-Encoding` : "Accept-Encoding",
      );
    return payload;
  });
  app.setNotFoundHandler((req, reply) => {
    if (
      (req.method !== "GET" && req.method !== "HEAD") ||
      req.url.startsWith("/api/")
    )
      return sendError(reply, 404, "NOT_FOUND", "not found");
    return reply.sendFile("index.html");
  });
};
