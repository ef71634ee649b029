import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { ADMIN, startServer, type RunningServer } from "../helpers/server";

// Issue 10 item 5: the real process refuses a bad configuration at start, and behind a trusted
// reverse proxy the sign-in limits count each client (X-Forwarded-For), not the proxy's address.

const dirs: string[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), "packsmith-config-"));
  dirs.push(d);
  return d;
};

describe("a bad variable at start", () => {
  it("PACKSMITH_TOKEN_TTL=12h: the process exits non-zero naming the variable and what it must be", async () => {
    const failed = await startServer({
      dataDir: tempDir(),
      env: { PACKSMITH_TOKEN_TTL: "12h", PACKSMITH_UPLOAD_QUEUE: "lots" },
    }).then(
      (s) => {
        servers.push(s);
        return null;
      },
      (e: unknown) => String(e),
    );
    expect(failed).toMatch(/exited with 1/);
    expect(failed).toMatch(
      /PACKSMITH_TOKEN_TTL must be a whole number of seconds from 60 to 2592000, not "12h"/,
    );
    expect(failed).toMatch(/PACKSMITH_UPLOAD_QUEUE must be a whole number/);
  });
});

/** Sign in as ADMIN from the client `forwardedFor`, as a proxy on loopback would pass it on. */
const signIn = (
  server: RunningServer,
  forwardedFor: string,
  password: string,
): Promise<number> =>
  fetch(`${server.url}/api/v1/session`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-packsmith-client": "test",
      "x-forwarded-for": forwardedFor,
    },
    body: JSON.stringify({ username: ADMIN.username, password }),
  }).then(async (r) => {
    await r.body?.cancel();
    return r.status;
  });

/** Ten wrong passwords from one client (the per user and address limit), one at a time. */
async function lockOut(server: RunningServer, client: string): Promise<void> {
  for (let n = 0; n < 10; n++)
    expect(await signIn(server, client, `wrong ${n}`)).toBe(401);
  expect(await signIn(server, client, ADMIN.password)).toBe(429);
}

describe("PACKSMITH_TRUST_PROXY", () => {
  it("trusting the proxy on loopback: one client locked out, another behind the same proxy still signs in", async () => {
    const server = await startServer({
      dataDir: tempDir(),
      env: { PACKSMITH_TRUST_PROXY: "loopback" },
    });
    servers.push(server);
    await lockOut(server, "203.0.113.7");
    expect(await signIn(server, "203.0.113.8", ADMIN.password)).toBe(200);
  });

  it("by default X-Forwarded-For is not believed: every client behind the proxy shares its limit", async () => {
    const server = await startServer({ dataDir: tempDir() });
    servers.push(server);
    await lockOut(server, "203.0.113.7");
    expect(await signIn(server, "203.0.113.8", ADMIN.password)).toBe(429);
  });
});
