import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  signIn,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";

// Issue 10 item 8: where reads need sign-in (PACKSMITH_PUBLIC_READ=false) a 401 on a read says
// so, and every read answer is private to its caller: no shared cache may hand it to another.

const READS = [
  "/api/v1/packs",
  "/api/v1/packs/hellouniverse",
  "/api/v1/packs/hellouniverse/1.0.0",
  "/api/v1/packs/hellouniverse/1.0.0/archive",
  "/api/v1/packs/hellouniverse/1.0.0/archive?format=tar.gz",
  "/api/v1/packs/hellouniverse/1.0.0/logo",
  "/api/v1/packs/hellouniverse/1.0.0/files/pack.json",
];

async function withPack(publicRead: boolean): Promise<RunningServer> {
  const server = await startServer({
    env: { PACKSMITH_PUBLIC_READ: String(publicRead) },
  });
  const put = await fetch(`${server.url}/api/v1/packs/hellouniverse/1.0.0`, {
    method: "PUT",
    headers: writeHeaders(basic(ADMIN)),
    body: new Uint8Array(await tutorialZip()),
  });
  expect(put.status).toBe(201);
  return server;
}

const get = async (
  server: RunningServer,
  path: string,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(`${server.url}${path}`, { headers });
  const body = await res.text();
  return {
    status: res.status,
    body,
    cacheControl: res.headers.get("cache-control") ?? "",
    vary: (res.headers.get("vary") ?? "")
      .split(",")
      .map((v) => v.trim().toLowerCase()),
  };
};

describe("PACKSMITH_PUBLIC_READ=false", () => {
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    server = await withPack(false);
    token = await signIn(server.url);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it.each(READS)(
    "%s without sign-in: 401 saying to sign in to read",
    async (path) => {
      const r = await get(server, path);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({
        error: {
          code: "UNAUTHORIZED",
          message: "sign in to read this registry",
        },
      });
      expect(r.cacheControl).toMatch(/\bprivate\b/);
    },
  );

  it.each(READS)(
    "%s signed in: 200, Cache-Control private, Vary Authorization",
    async (path) => {
      const r = await get(server, path, { authorization: `Bearer ${token}` });
      expect(r.status).toBe(200);
      expect(r.cacheControl).toMatch(/\bprivate\b/);
      expect(r.cacheControl).not.toMatch(/\bpublic\b/);
      expect(r.vary).toContain("authorization");
    },
  );

  it("the route's own caching stays: the archive and the logo are still revalidated", async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await get(server, "/api/v1/packs/hellouniverse/1.0.0/archive", auth))
        .cacheControl,
    ).toBe("private, no-cache");
    expect(
      (await get(server, "/api/v1/packs/hellouniverse/1.0.0/logo", auth))
        .cacheControl,
    ).toBe("private, no-cache");
  });

  it("/health/ready, which says more to a signed-in caller, is private; /health, the same for all, is not", async () => {
    const ready = await get(server, "/api/v1/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.cacheControl).toMatch(/\bprivate\b/);
    expect(ready.vary).toContain("authorization");
    const health = await get(server, "/api/v1/health");
    expect(health.cacheControl).not.toMatch(/\bprivate\b/);
  });

  it("a write still says to sign in to change the registry", async () => {
    const res = await fetch(`${server.url}/api/v1/packs/hellouniverse/1.0.0`, {
      method: "DELETE",
      headers: { "x-packsmith-client": "t" },
    });
    expect(res.status).toBe(401);
    expect(
      ((await res.json()) as { error: { message: string } }).error.message,
    ).toBe("sign in to change the registry");
  });
});

describe("public reads (the default) are unchanged", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await withPack(true);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    server.cleanup();
  });

  it("the logo stays public and nothing varies on Authorization", async () => {
    const logo = await get(server, "/api/v1/packs/hellouniverse/1.0.0/logo");
    expect(logo.status).toBe(200);
    expect(logo.cacheControl).toBe("no-cache");
    for (const path of READS) {
      const r = await get(server, path);
      expect(r.status, path).toBe(200);
      expect(r.cacheControl, path).not.toMatch(/\bprivate\b/);
      expect(r.vary, path).not.toContain("authorization");
    }
  });
});
