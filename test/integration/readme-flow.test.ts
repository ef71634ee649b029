import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { FIXTURES, loadFixture } from "../helpers/fixtures";
import { startServer, type RunningServer } from "../helpers/server";

const BIN = new URL("../../bin/packsmith.mjs", import.meta.url).pathname;
let srv: RunningServer;
let password: string;

beforeAll(async () => {
  // A fresh data folder and no user file: exactly what `npm start` meets on a new machine.
  srv = await startServer({
    dataDir: mkdtempSync(join(tmpdir(), "packsmith-readme-")),
    htpasswd: null,
  });
  password = /password\n\n\s+(\S+)\n/.exec(srv.stdout())![1]!;
});
afterAll(async () => {
  await srv.stop();
  srv.cleanup();
});

function push(src: string, env: Record<string, string>, ...args: string[]) {
  return spawnSync(
    process.execPath,
    [BIN, "push", src, "--registry", srv.url, ...args],
    {
      encoding: "utf8",
      env: { ...process.env, ...env },
    },
  );
}
const curl = (path: string): string =>
  execFileSync("curl", ["-sS", "--fail", `${srv.url}${path}`], {
    encoding: "utf8",
  });

describe("the README's first run", () => {
  it("the printed admin password signs in, packsmith push uploads a fixture, curl shows it", async () => {
    const src = join(FIXTURES, "pack-central/argocd-3.26.7");
    const r = push(src, {
      PACKSMITH_USERNAME: "admin",
      PACKSMITH_PASSWORD: password,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/uploading argo-cd 3\.26\.7: 100%/);
    const digest = await contentDigest(
      await loadFixture("pack-central/argocd-3.26.7"),
    );
    expect(r.stdout).toContain(`published argo-cd 3.26.7 (${digest})`);
    const list = JSON.parse(curl("/api/v1/packs")) as {
      items: { name: string; digest: string }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ name: "argo-cd", digest, uploadedBy: "admin" }),
    ]);
    expect(JSON.parse(curl("/api/v1/packs/argo-cd")).versions).toHaveLength(1);
    expect(
      JSON.parse(curl("/api/v1/packs/argo-cd/3.26.7")).files.length,
    ).toBeGreaterThan(10);
    expect(curl("/api/v1/packs/argo-cd/3.26.7/files/pack.json")).toContain(
      '"argo-cd"',
    );
    expect(
      execFileSync(
        "curl",
        [
          "-sS",
          "-o",
          "/dev/null",
          "-w",
          "%{http_code} %{content_type}",
          `${srv.url}/api/v1/packs/argo-cd/3.26.7/archive`,
        ],
        { encoding: "utf8" },
      ),
    ).toBe("200 application/zip");
  });

  it("pushing again is recognised as the same content; other content is a conflict until --force; a token works too", async () => {
    const creds = { PACKSMITH_USERNAME: "admin", PACKSMITH_PASSWORD: password };
    const again = push(join(FIXTURES, "pack-central/argocd-3.26.7"), creds);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already published with the same content/);
    const dir = mkdtempSync(join(tmpdir(), "packsmith-push-"));
    const files = await loadFixture("pack-central/argocd-3.26.7");
    for (const [p, b] of files) {
      execFileSync("mkdir", ["-p", join(dir, p, "..")]);
      writeFileSync(join(dir, p), p === "README.md" ? "changed" : b);
    }
    if (!files.has("README.md"))
      writeFileSync(join(dir, "README.md"), "changed");
    const conflict = push(dir, creds);
    expect(conflict.status).toBe(1);
    expect(conflict.stderr).toMatch(
      /already exists with other content[\s\S]*stored: sha256:[\s\S]*--force/,
    );
    const session = JSON.parse(
      execFileSync(
        "curl",
        [
          "-sS",
          "-H",
          "content-type: application/json",
          "-H",
          "x-packsmith-client: curl",
          "-d",
          JSON.stringify({ username: "admin", password }),
          `${srv.url}/api/v1/session`,
        ],
        { encoding: "utf8" },
      ),
    ) as { token: string };
    const forced = push(dir, { PACKSMITH_TOKEN: session.token }, "--force");
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/published argo-cd 3\.26\.7/);
  });

  it("wrong credentials and a bad pack are explained, exit 1", () => {
    const wrong = push(join(FIXTURES, "tutorials/hello-universe-pack"), {
      PACKSMITH_USERNAME: "admin",
      PACKSMITH_PASSWORD: "nope",
    });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/401 UNAUTHORIZED[\s\S]*sign in/);
    const bad = push(join(FIXTURES, "pack-central/weka-operator-v1.12.0"), {
      PACKSMITH_USERNAME: "admin",
      PACKSMITH_PASSWORD: password,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/VERSION_LEADING_V/);
  });
});
