import type { FastifyBaseLogger } from "fastify";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
// Imported, not read beside this file: the bundle (build/node/server.mjs) sits elsewhere. The
// package's metadata, not code: the import boundaries do not apply.
// eslint-disable-next-line no-restricted-imports
import pkg from "../package.json" with { type: "json" };
import { createAdminHtpasswd, Htpasswd, loadTokenSecret, Tokens } from "./auth";
import { buildApp } from "./app";
import { withTarGzCache } from "./archive-cache";
import { configFromEnv, type ServerConfig } from "./config";
import { createFsStore } from "./store/fs-store";
import { fsRevocations, ociRevocations, type Revocations } from "./sessions";
import { sweepTemp } from "./sweep";
import { closeWorkers } from "./workers/pool";
import type { PackStore } from "./store/store";

async function openStore(
  config: ServerConfig,
  warn: (message: string) => void,
): Promise<PackStore> {
  if (config.storage === "fs" || !config.oci)
    return createFsStore(config.dataDir);
  const { createOciStoreFromConfig } = await import("./store/oci-from-config");
  // The registry holds no tar.gz to stream: a version's is built once and cached in the data
  // folder, the least recently downloaded going past PACKSMITH_TARGZ_CACHE_MIB.
  return withTarGzCache(
    await createOciStoreFromConfig(config.oci, warn),
    join(config.dataDir, "cache", "tar.gz"),
    join(config.dataDir, ".tmp"),
    config.tarGzCacheBytes,
  );
}

/** Start the server; resolves once it listens. */
export async function start(
  config: ServerConfig = configFromEnv(),
): Promise<{ url: string; close: () => Promise<void> }> {
  let users: Htpasswd;
  try {
    users = await Htpasswd.load(config.htpasswdFile);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT" || config.htpasswdGiven)
      throw e;
    const password = await createAdminHtpasswd(config.htpasswdFile);
    process.stdout.write(
      `\nPacksmith created the user "admin" with the password\n\n    ${password}\n\n` +
        `Only its bcrypt hash is stored (${config.htpasswdFile}); this is the one time it is shown.\n\n`,
    );
    users = await Htpasswd.load(config.htpasswdFile);
  }
  const tokens = new Tokens(
    await loadTokenSecret(
      join(config.dataDir, "token-secret"),
      config.tokenSecret,
    ),
    config.tokenTtlSeconds,
  );
  // The store's warnings (a refused catalog, a name record not written) go to the server's log
  // once there is one, at PACKSMITH_LOG's level; before it, to stderr.
  let log: FastifyBaseLogger | null = null;
  const store = await openStore(config, (message) => {
    if (log) log.warn({ store: config.storage }, message);
    else
      process.stderr.write(`packsmith ${config.storage} store: ${message}\n`);
  });
  const revocations: Revocations =
    config.storage === "oci" && config.oci
      ? await ociRevocations(config.oci)
      : fsRevocations(config.dataDir);
  await revocations.sweep();
  const tmpDir = join(config.dataDir, ".tmp");
  await sweepTemp(tmpDir, true);
  await store.sweep();
  const sweeper = setInterval(
    () =>
      void Promise.all([
        sweepTemp(tmpDir, false),
        store.sweep(),
        revocations.sweep(),
      ]).catch(() => undefined),
    3600_000,
  );
  sweeper.unref();
  const app = await buildApp({
    config,
    store,
    users,
    tokens,
    revocations,
    version: pkg.version,
  });
  log = app.log;
  const address = await app.listen({ host: config.host, port: config.port });
  return {
    url: address,
    close: async () => {
      clearInterval(sweeper);
      await app.close();
      await store.close();
      await revocations.close();
      await closeWorkers();
    },
  };
}

if (
  (process.argv[1] &&
    import.meta.url === pathToFileURL(process.argv[1]).href) ||
  process.argv[1]?.endsWith("server/main.ts")
) {
  (async () => {
    const config = configFromEnv();
    const { url, close } = await start(config);
    process.stdout.write(
      `Packsmith is running at ${url}/ (storage: ${config.storage})\n`,
    );
    const stop = (): void => void close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  })().catch((e: unknown) => {
    process.stderr.write(
      `packsmith server: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(1);
  });
}
