import { afterAll, beforeAll } from "vitest";
import { ociStoreEnv, startRegistry, type TestRegistry } from "./registry";
import { startServer, type RunningServer } from "./server";

/**
 * Two server processes over one OCI registry (one base path, one token secret), as two
 * instances behind a load balancer run: registers the file's beforeAll (starting the registry,
 * then both servers) and afterAll (stopping them). The returned array holds the two servers once
 * beforeAll has run.
 */
export function twoServersOnOneRegistry(basePath: string): RunningServer[] {
  let registry: TestRegistry | undefined;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    registry = await startRegistry();
    const env = {
      ...ociStoreEnv(registry),
      PACKSMITH_OCI_BASE_PATH: basePath,
      PACKSMITH_TOKEN_SECRET: "one-secret-for-both-instances-32b+",
    };
    servers.push(await startServer({ env }), await startServer({ env }));
    // Two server processes start one after the other: on a busy 2-core machine that passes 10 s.
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) {
      await s.stop();
      s.cleanup();
    }
    await registry?.stop();
  });
  return servers;
}
