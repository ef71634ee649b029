import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ociStoreEnv,
  startRegistry,
  type TestRegistry,
} from "../helpers/registry";
import { signIn, startServer, type RunningServer } from "../helpers/server";

/* Issue 10 item 6: /health is "alive", /health/ready says whether the storage can be used now, and
   tells an anonymous caller nothing about where the storage is. Real processes, a real registry. */

interface Ready {
  status: number;
  body: {
    status?: string;
    storage?: string;
    error?: { code: string; message: string; details?: { cause?: string } };
  };
  text: string;
}

async function ready(srv: RunningServer, token?: string): Promise<Ready> {
  const r = await fetch(`${srv.url}/api/v1/health/ready`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await r.text();
  return { status: r.status, body: JSON.parse(text) as Ready["body"], text };
}

const alive = async (srv: RunningServer): Promise<number> =>
  (await fetch(`${srv.url}/api/v1/health`)).status;

describe("filesystem store", () => {
  it("ready while the data folder is writable; 503 naming no path when it is read-only; ready again after", async () => {
    // A file system of its own, so it can be made read-only (chmod does not stop root).
    const mnt = mkdtempSync(join(tmpdir(), "packsmith-ready-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mnt]);
    let srv: RunningServer | undefined;
    try {
      const dataDir = join(mnt, "data");
      mkdirSync(dataDir);
      srv = await startServer({ dataDir });
      const token = await signIn(srv.url);
      const ok = await ready(srv);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ status: "ready", storage: "fs" });

      execFileSync("mount", ["-o", "remount,ro", mnt]);
      const anonymous = await ready(srv);
      expect(anonymous.status).toBe(503);
      expect(anonymous.body.error?.code).toBe("NOT_READY");
      expect(anonymous.body.error?.details).toBeUndefined();
      expect(anonymous.text).not.toContain(mnt);
      // A signed-in caller sees the cause, with the folder.
      const signedIn = await ready(srv, token);
      expect(signedIn.status).toBe(503);
      expect(signedIn.body.error?.details?.cause).toContain(dataDir);
      expect(signedIn.body.error?.details?.cause).toContain("EROFS");
      // Still alive: liveness and readiness are different questions.
      expect(await alive(srv)).toBe(200);

      execFileSync("mount", ["-o", "remount,rw", mnt]);
      expect((await ready(srv)).status).toBe(200);
    } finally {
      await srv?.stop();
      execFileSync("umount", ["-l", mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});

describe("OCI store", () => {
  it("ready while the registry answers /v2/ with the credentials; 503 naming no address once it stops", async () => {
    const registry: TestRegistry = await startRegistry();
    let srv: RunningServer | undefined;
    try {
      srv = await startServer({
        env: { ...ociStoreEnv(registry), PACKSMITH_LOG: "error" },
      });
      const ok = await ready(srv);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ status: "ready", storage: "oci" });
      const token = await signIn(srv.url);

      await registry.stop();
      const anonymous = await ready(srv);
      expect(anonymous.status).toBe(503);
      expect(anonymous.body.error?.code).toBe("NOT_READY");
      expect(anonymous.text).not.toContain(registry.host);
      expect(anonymous.text).not.toContain("127.0.0.1");
      // The session cannot be checked (sign-outs live in the registry): still a 503, no address.
      const withToken = await ready(srv, token);
      expect(withToken.status).toBe(503);
      expect(withToken.text).not.toContain(registry.host);
      expect(await alive(srv)).toBe(200);
      // A read the store cannot answer is a 5xx, and the operator's log says why.
      const list = await fetch(`${srv.url}/api/v1/packs`);
      expect(list.status).toBeGreaterThanOrEqual(500);
      const code = ((await list.json()) as { error: { code: string } }).error
        .code;
      // The log line reaches the pipe after the answer (pino writes asynchronously): wait for it.
      const running = srv;
      const logged = (): string[] =>
        running
          .stdout()
          .split("\n")
          .filter((l) => l.includes(`store failed: ${code}`));
      await expect.poll(() => logged().length).toBe(1);
      expect(logged()[0]).toContain(registry.host);
    } finally {
      await srv?.stop();
      await registry.stop();
      srv?.cleanup();
    }
  });

  it("503 when the registry refuses the configured credentials", async () => {
    const registry = await startRegistry();
    let srv: RunningServer | undefined;
    try {
      srv = await startServer({
        env: {
          ...ociStoreEnv(registry),
          PACKSMITH_OCI_PASSWORD: `${registry.password}-wrong`,
        },
      });
      const r = await ready(srv);
      expect(r.status).toBe(503);
      expect(r.text).not.toContain(registry.host);
    } finally {
      await srv?.stop();
      await registry.stop();
      srv?.cleanup();
    }
  });
});
