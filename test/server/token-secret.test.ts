import { randomBytes } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadTokenSecret, Tokens } from "../../server/auth";
import { configFromEnv } from "../../server/config";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "packsmith-secret-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the token secret file", () => {
  it("is created when missing: 32 random bytes, 0600, no temporary file left, the same on the next start", async () => {
    const file = join(dir, "sub", "token-secret");
    const secret = await loadTokenSecret(file, null);
    expect(secret.byteLength).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, "sub"))).toEqual(["token-secret"]);
    expect((await loadTokenSecret(file, null)).equals(secret)).toBe(true);
  });

  it("two instances starting at once end up with one secret", async () => {
    const file = join(dir, "token-secret");
    const [a, b] = await Promise.all([
      loadTokenSecret(file, null),
      loadTokenSecret(file, null),
    ]);
    expect(a.equals(b)).toBe(true);
    expect(readdirSync(dir)).toEqual(["token-secret"]);
  });

  it.each([
    ["", /token-secret is empty/],
    ["\n", /token-secret is empty/],
    [randomBytes(16).toString("base64url"), /only 16 bytes/],
    ["not base64 at all!", /not base64url/],
  ])("%j stops the start with a message naming the file", async (text, msg) => {
    const file = join(dir, "token-secret");
    writeFileSync(file, text);
    await expect(loadTokenSecret(file, null)).rejects.toThrow(msg);
    await expect(loadTokenSecret(file, null)).rejects.toThrow(file);
    // Never replaced: the operator decides.
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("an unreadable file stops the start with a message naming it", async () => {
    const file = join(dir, "token-secret");
    mkdirSync(file);
    await expect(loadTokenSecret(file, null)).rejects.toThrow(
      new RegExp(`${file} cannot be read`),
    );
  });
});

describe("PACKSMITH_TOKEN_SECRET", () => {
  it.each([
    ["", /PACKSMITH_TOKEN_SECRET is empty/],
    ["short secret", /PACKSMITH_TOKEN_SECRET is 12 bytes/],
  ])("%j stops the start", (value, msg) => {
    expect(() => configFromEnv({ PACKSMITH_TOKEN_SECRET: value })).toThrow(msg);
  });

  it("of 32 bytes or more is used as the key, and tokens signed with another key are refused", async () => {
    const value = randomBytes(32).toString("base64");
    const config = configFromEnv({ PACKSMITH_TOKEN_SECRET: value });
    const key = await loadTokenSecret(join(dir, "unused"), config.tokenSecret);
    expect(key.toString("utf8")).toBe(value);
    expect(readdirSync(dir)).toEqual([]);
    const { token } = new Tokens(key, 60).issue("admin");
    expect(new Tokens(key, 60).check(token)).toBe("admin");
    expect(new Tokens(Buffer.alloc(0), 60).check(token)).toBeNull();
  });
});
