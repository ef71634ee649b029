import type { FastifyPluginAsync } from "fastify";
import type { ServerConfig } from "../config";
import type { PackStore } from "../store/store";

/** `/health`: the process is alive, with the storage kind and version. */
export const healthRoutes: FastifyPluginAsync<{
  config: ServerConfig;
  store: PackStore;
  version: string;
}> = async (app, { config, store, version }) => {
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
};
