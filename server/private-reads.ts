import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * With PACKSMITH_PUBLIC_READ=false, an answer to a read is for its caller only: a shared cache (a
 * CDN, a corporate proxy) must never hand it to another. An onSend hook for GET and HEAD under
 * `/api/` except `/health` (the same for everyone; `/health/ready` is not: it says more to a
 * signed-in caller): the route's `Cache-Control` keeps its directives with `public` made
 * `private` (`private` added when absent), and `Vary` gains `Authorization`.
 */
export async function privateReads(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const path = req.url.split("?")[0] ?? "";
  if (
    (req.method !== "GET" && req.method !== "HEAD") ||
    !path.startsWith("/api/") ||
    path === "/api/v1/health"
  )
    return payload;
  const cache = String(reply.getHeader("cache-control") ?? "").trim();
  const directives = cache
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d && !/^(public|private)$/i.test(d));
  reply.header("Cache-Control", ["private", ...directives].join(", "));
  const vary = String(reply.getHeader("vary") ?? "").trim();
  if (!/(^|,)\s*(authorization|\*)\s*(,|$)/i.test(vary))
    reply.header("Vary", vary ? `${vary}, Authorization` : "Authorization");
  return payload;
}
