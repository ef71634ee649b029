import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServer } from "../helpers/server";

// Issue 10 item 3: an empty secret would be an HMAC key anyone can sign with.
describe("the server start with a bad token secret", () => {
  it("an empty secret file: the process exits non-zero, naming the file", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "packsmith-srv-"));
    try {
      const file = join(dataDir, "token-secret");
      writeFileSync(file, "");
      await expect(startServer({ dataDir })).rejects.toThrow(
        new RegExp(
          `server exited with 1[\\s\\S]*packsmith server: the token secret file ${file} is empty`,
        ),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("a short PACKSMITH_TOKEN_SECRET: the process exits non-zero, naming the variable", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "packsmith-srv-"));
    try {
      await expect(
        startServer({ dataDir, env: { PACKSMITH_TOKEN_SECRET: "too short" } }),
      ).rejects.toThrow(
        /server exited with 1[\s\S]*PACKSMITH_TOKEN_SECRET is 9 bytes/,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
