import type { FastifyPluginAsync } from "fastify";
import { bearerToken, type Access } from "../access";
import type { ServerConfig } from "../config";
import { sendError } from "../http-errors";
import type { PackStore } from "../store/store";

/**
 * `/health`: the process is alive, with the storage kind and version. `/health/ready`: the storage
 * can be used now (503 otherwise), for a load balancer or an orchestrator's readiness probe.
 */
export const healthRoutes: FastifyPluginAsync<{
  config: ServerConfig;
  store: PackStore;
  access: Access;
  version: string;
}> = async (app, { config, store, access, version }) => {
  // The OCI registry's public address only when the operator published it (README: Configuration).
  const published = config.oci?.publicHost
    ? { host: config.oci.publicHost, basePath: config.oci.basePath }
    : undefined;
  app.get("/api/v1/health", async () => ({
    status: "ok",
    storage: store.kind,
    version,
    ...(published ? { registry: published } : {}),
  }));

  app.get("/api/v1/health/ready", async (req, reply) => {
    reply.header("Cache-Control", "no-store");
    const r = await store.ready();
    if (r.ok) return { status: "ready", storage: store.kind };
    // The cause names the data folder or the registry's address: only for a signed-in caller (a
    // token; a probe with a password would cost a bcrypt check each time).
    // Whether a session is live may itself need the storage (the OCI store keeps sign-outs in the
    // registry): when that cannot be told, the caller is anonymous.
    const token = bearerToken(req);
    const signedIn =
      token !== null &&
      (await access.liveSession(token).catch(() => null)) !== null;
    req.log.warn({ cause: r.cause }, "not ready");
    return sendError(
      reply,
      503,
      "NOT_READY",
      `the ${store.kind === "fs" ? "data folder" : "registry"} cannot be used now; the server's log names the cause`,
      signedIn ? { cause: r.cause } : undefined,
    );
  });
};
