import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";
import { sendError } from "../http-errors";

/** The built app's files at `/`, and the app shell for its client-side routes (/packs/…). */
export const staticRoutes: FastifyPluginAsync<{ root: string }> = async (
  app,
  { root },
) => {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: "index.html",
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
