import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchRoute, paths } from "../../src/config/paths";
import { contentDigest } from "../../src/pack/digest";
import { runCliAsync, stderrLines } from "../helpers/cli";
import { FIXTURES, loadFixture } from "../helpers/fixtures";
import { repetitiveFolder } from "../helpers/packs";
import {
  ADMIN,
  serverLog,
  startServer,
  type RunningServer,
} from "../helpers/server";

// Issue 11 item 6: push prints the warnings it uploaded with and the pack page's URL, and has
// --json; against the real server process.

let server: RunningServer;
const tmp = mkdtempSync(join(tmpdir(), "packsmith-push-"));

beforeAll(async () => {
  // At info, the server logs every request it receives (serverLog).
  server = await startServer({ env: { PACKSMITH_LOG: "info" } });
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

/** The command line in its own process; async, since the server runs in this test's loop. */
const packsmith = (...args: string[]) => runCliAsync(process.cwd(), ...args);

const auth = (): string[] => [
  "--registry",
  server.url,
  "--user",
  ADMIN.username,
  "--password",
  ADMIN.password,
];

describe("packsmith push", () => {
  it("--json: name, version, digest, the pack page's URL and the warnings it went up with", async () => {
    const dir = "pack-central/argocd-3.26.7";
    const r = await packsmith("push", join(FIXTURES, dir), ...auth(), "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      name: string;
      version: string;
      digest: string;
      url: string;
      warnings: { code: string; severity: string }[];
      status: string;
    };
    const digest = await contentDigest(await loadFixture(dir));
    expect(out).toMatchObject({
      name: "argo-cd",
      version: "3.26.7",
      digest,
      status: "created",
    });
    // The app's own route for the pack page, on the server pushed to.
    const url = new URL(out.url);
    expect(url.origin).toBe(server.url);
    expect(url.pathname).toBe(paths.pack("argo-cd", "3.26.7"));
    expect(matchRoute(url.pathname)).toEqual({
      route: "pack",
      name: "argo-cd",
      version: "3.26.7",
    });
    expect(out.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(["README_MISSING", "IMAGES_MISSING"]),
    );
    expect(out.warnings.every((w) => w.severity === "warning")).toBe(true);
    // The registry stored those very warnings with the version.
    const detail = (await (
      await fetch(`${server.url}/api/v1/packs/argo-cd/3.26.7`)
    ).json()) as { digest: string; findings: { code: string }[] };
    expect(detail.digest).toBe(digest);
    for (const w of out.warnings)
      expect(detail.findings.map((f) => f.code)).toContain(w.code);
  });

  it("text: says published with the warnings and the page, then that the same content is there", async () => {
    const src = join(FIXTURES, "pack-central/kubevirt-0.55.0");
    const first = await packsmith("push", src, ...auth());
    expect(first.code, first.stderr).toBe(0);
    const page = `${server.url}${paths.pack("kubevirt", "0.55.0")}`;
    expect(first.stdout).toMatch(
      /^published kubevirt 0\.55\.0 \(sha256:[0-9a-f]{64}\) with \d+ warnings?:\n/,
    );
    expect(first.stdout).toMatch(/⚠ warning +[A-Z_]+ /);
    expect(first.stdout.trimEnd().split("\n").at(-1)).toBe(page);
    const again = await packsmith("push", src, ...auth());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already published with the same content/);
    expect(again.stdout.trimEnd().split("\n").at(-1)).toBe(page);
  });

  it("a refused push prints no JSON and exits 1", async () => {
    const r = await packsmith(
      "push",
      join(FIXTURES, "tutorials/hello-universe-pack"),
      "--registry",
      server.url,
      "--user",
      ADMIN.username,
      "--password",
      "wrong",
      "--json",
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/refused the pack \(401 /);
  });

  it("a zip every reader would refuse is not sent: it says what pack says, and no request reaches the registry", async () => {
    const src = repetitiveFolder(join(tmp, "repetitive"));
    const before = (await serverLog(server)).length;
    const push = await packsmith("push", src, ...auth());
    expect(push.code).toBe(1);
    const out = join(tmp, "repetitive.zip");
    const pack = await packsmith("pack", src, "--out", out);
    const [said] = stderrLines(pack);
    const why = said!.slice(`packsmith pack: ${out} not written: `.length);
    expect(why).toMatch(
      /^`hellouniverse-1\.0\.0\/manifests\/repeated\.yaml` compresses \d+:1 /,
    );
    expect(stderrLines(push)).toEqual([
      `packsmith push: hellouniverse 1.0.0 not sent: ${why}`,
    ]);
    const reached = (await serverLog(server))
      .slice(before)
      .filter((l) => l.includes("/api/v1/packs/hellouniverse/"));
    expect(reached).toEqual([]);
  });
});
