import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type RunningServer } from "../helpers/server";

// Issue 10 item 2: a parallel burst of wrong sign-ins runs at most the limit's bcrypt checks (the
// failure is reserved before bcrypt runs), and bcrypt runs off the event loop, so /health answers.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { PACKSMITH_LOG: "debug" } });
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

const signIn = (password: string): Promise<Response> =>
  fetch(`${server.url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-packsmith-client": "t" },
    body: JSON.stringify({ username: ADMIN.username, password }),
  });

describe("a burst of wrong sign-ins", () => {
  it("checks 10 passwords, refuses 50 at once with Retry-After, and /health answers meanwhile", async () => {
    const order: string[] = [];
    let firstAnswer!: () => void;
    const started = new Promise<void>((r) => (firstAnswer = r));
    const burst = Array.from({ length: 60 }, (_, n) =>
      signIn(`wrong password ${n}`).then(async (res) => {
        order.push(`signin ${res.status}`);
        firstAnswer();
        return {
          status: res.status,
          retryAfter: res.headers.get("retry-after"),
          body: (await res.json()) as { error: { code: string } },
        };
      }),
    );
    // Sent once the burst is being answered (the server has it), while its checks still run.
    await started;
    const health = fetch(`${server.url}/api/v1/health`).then((res) => {
      order.push(`health ${res.status}`);
    });
    const answers = await Promise.all(burst);
    await health;

    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
    expect(refused).toHaveLength(50);
    for (const a of refused) {
      expect(a.body.error.code).toBe("TOO_MANY_ATTEMPTS");
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    // The server's own count of bcrypt checks (a debug log line per check).
    const checks = server
      .stdout()
      .split("\n")
      .filter((l) => l.includes("sign-in: bcrypt check"));
    expect(checks).toHaveLength(10);
    // /health was answered before any of the 10 checks finished, let alone the last.
    expect(order).toContain("health 200");
    expect(order.indexOf("health 200")).toBeLessThan(
      order.indexOf("signin 401"),
    );

    // Now the pair is blocked for an hour, even with the right password.
    const blocked = await signIn(ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(3000);
  });

  it("the same wrong password sent in parallel by another user costs one check (not twenty)", async () => {
    const before = server
      .stdout()
      .split("\n")
      .filter((l) => l.includes("sign-in: bcrypt check")).length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${server.url}/api/v1/session`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-packsmith-client": "t",
          },
          body: JSON.stringify({ username: "reader", password: "same" }),
        }).then((r) => r.status),
      ),
    );
    expect(answers).toEqual(Array(20).fill(401));
    const after = server
      .stdout()
      .split("\n")
      .filter((l) => l.includes("sign-in: bcrypt check")).length;
    // One check, or two when the first had already finished before the last request arrived.
    expect(after - before).toBeLessThanOrEqual(2);
  });
});
