import { ociStoreEnv, startRegistry } from "./registry";
import { startServer, type RunningServer } from "./server";

/** The two stores the server can keep packs in. */
export type StoreKind = "fs" | "oci";

/**
 * Start the real server on the `kind` store: the file store in its data folder, or the OCI store
 * on a fresh registry of its own. The server's `stop` also stops that registry, so a test stops
 * one thing whichever store it runs on.
 */
export async function startStoreServer(
  kind: StoreKind,
  opts: Parameters<typeof startServer>[0] = {},
): Promise<RunningServer> {
  if (kind === "fs") return startServer(opts);
  const registry = await startRegistry();
  let srv: RunningServer;
  try {
    srv = await startServer({
      ...opts,
      env: { ...opts.env, ...ociStoreEnv(registry) },
    });
  } catch (e) {
    await registry.stop();
    throw e;
  }
  const stopServer = srv.stop;
  return {
    ...srv,
    stop: async (signal) => {
      try {
        await stopServer(signal);
      } finally {
        await registry.stop();
      }
    },
  };
}
