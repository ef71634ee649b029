import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  READER,
  basic,
  signIn,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";

// Issue 10 item 2: DELETE /session ends the session on every instance that shares the secret (here:
// two fs instances on one data folder), and a user removed from the htpasswd file is refused.
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  a = await startServer();
  b = await startServer({
    dataDir: a.dataDir,
    htpasswd: join(a.dataDir, "users.htpasswd"),
  });
});
afterAll(async () => {
  await b.stop();
  await a.stop();
  a.cleanup();
});

/** An authenticated request that changes nothing: 404 when the token is good, 401 when not. */
const probe = async (url: string, token: string): Promise<number> =>
  (
    await fetch(`${url}/api/v1/packs/nothing-here/1.0.0`, {
      method: "DELETE",
      headers: writeHeaders(`Bearer ${token}`),
    })
  ).status;

const signOut = (url: string, token: string): Promise<Response> =>
  fetch(`${url}/api/v1/session`, {
    method: "DELETE",
    headers: writeHeaders(`Bearer ${token}`),
  });

describe("the Authorization header", () => {
  it("takes its scheme in any case (RFC 9110): bearer, BEARER and basic are let in", async () => {
    const token = await signIn(a.url, ADMIN);
    const status = async (auth: string): Promise<number> =>
      (
        await fetch(`${a.url}/api/v1/packs/nothing-here/1.0.0`, {
          method: "DELETE",
          headers: writeHeaders(auth),
        })
      ).status;
    expect(await status(`bearer ${token}`)).toBe(404);
    expect(await status(`BEARER  ${token}`)).toBe(404);
    expect(await status(basic(ADMIN).replace(/^Basic/, "basic"))).toBe(404);
    expect(await status(`Bearer${token}`)).toBe(401);
    expect(await status(`Token ${token}`)).toBe(401);
  });
});

describe("signing out", () => {
  it("204, then the token is 401 on this instance and on another sharing the secret; other sessions live on", async () => {
    const token = await signIn(a.url, ADMIN);
    const other = await signIn(a.url, ADMIN);
    expect(await probe(a.url, token)).toBe(404);
    expect(await probe(b.url, token)).toBe(404);

    const out = await signOut(a.url, token);
    expect(out.status).toBe(204);
    expect(await probe(a.url, token)).toBe(401);
    expect(await probe(b.url, token)).toBe(401);
    expect((await signOut(b.url, token)).status).toBe(401);
    // Only that session ended.
    expect(await probe(b.url, other)).toBe(404);
  });

  it("needs a token: none, a forged one, or Basic credentials are 401; without the client header 403", async () => {
    const token = await signIn(a.url, ADMIN);
    expect(
      (
        await fetch(`${a.url}/api/v1/session`, {
          method: "DELETE",
          headers: { "x-packsmith-client": "t" },
        })
      ).status,
    ).toBe(401);
    expect((await signOut(a.url, `${token}x`)).status).toBe(401);
    expect(
      (
        await fetch(`${a.url}/api/v1/session`, {
          method: "DELETE",
          headers: writeHeaders(basic(ADMIN)),
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${a.url}/api/v1/session`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(403);
    expect(await probe(a.url, token)).toBe(404);
  });

  it("a user removed from the htpasswd file: the token and the password are refused at once", async () => {
    const token = await signIn(a.url, READER);
    expect(await probe(b.url, token)).toBe(404);
    writeFileSync(
      join(a.dataDir, "users.htpasswd"),
      `${ADMIN.username}:${bcrypt.hashSync(ADMIN.password, 4)}\n`,
    );
    expect(await probe(a.url, token)).toBe(401);
    expect(await probe(b.url, token)).toBe(401);
    const pw = await fetch(`${a.url}/api/v1/packs/nothing-here/1.0.0`, {
      method: "DELETE",
      headers: writeHeaders(basic(READER)),
    });
    expect(pw.status).toBe(401);
    expect(await probe(a.url, await signIn(a.url, ADMIN))).toBe(404);
  });

  it("the htpasswd file back in place: 30 requests while it is being read all wait for it, none sees the empty list of the missing file", async () => {
    const token = await signIn(a.url, ADMIN);
    const file = join(a.dataDir, "users.htpasswd");
    const users = readFileSync(file, "utf8");
    renameSync(file, `${file}.away`);
    expect(await probe(a.url, token)).toBe(401);
    // Back as a named pipe: reading it takes until this test writes it (a slow disk, made exact).
    execFileSync("mkfifo", [file]);
    const answers = Promise.all(
      Array.from({ length: 30 }, () => probe(a.url, token)),
    );
    await new Promise((r) => setTimeout(r, 500));
    const pipe = await open(file, "w");
    await pipe.writeFile(users);
    await pipe.close();
    expect(await answers).toEqual(Array.from({ length: 30 }, () => 404));
    rmSync(file);
    writeFileSync(file, users);
    expect(await probe(a.url, token)).toBe(404);
  });
});
