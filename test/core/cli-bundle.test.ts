import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { afterAll, describe, expect, it } from "vitest";
import { checkSource } from "../../src/cli/check-source";
import { contentDigest } from "../../src/pack/digest";
import { ROOT, runBundled, TSX_NOTE, type CliRun } from "../helpers/cli";
import { FIXTURES, loadFixture } from "../helpers/fixtures";

// Issue 11 items 1 and 2: the compiled command line (build/node/, scripts/build-node.mjs) and
// `validate <src>…`, whose sources are checked in worker threads when the bundle runs.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-cli-bundle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PC = (dir: string): string => join(FIXTURES, "pack-central", dir);

/** The command line as a user runs it, made to run the bundle (rebuilt when a source is newer). */
const bundled = (...args: string[]): CliRun => runBundled(tmp, ...args);

const lines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the compiled command line", () => {
  it("--version prints package.json's version from the bundle, not through tsx", () => {
    const r = bundled("--version");
    expect(r.stderr).not.toMatch(TSX_NOTE);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(
      readFileSync(join(ROOT, "package.json"), "utf8"),
    ) as { version: string };
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it("validate of one source prints one JSON line with its source", async () => {
    const src = PC("argocd-3.26.7");
    const r = bundled("validate", src, "--json");
    expect(r.stderr).not.toMatch(TSX_NOTE);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    const [out] = lines(r.stdout);
    expect(out).toMatchObject({
      source: src,
      pack: { name: "argo-cd", version: "3.26.7", layer: "addon" },
      digest: await contentDigest(
        await loadFixture("pack-central/argocd-3.26.7"),
      ),
    });
  });

  it("is stale only when a source of the command line changes: inputs.json lists no server file", () => {
    bundled("--version");
    const built = JSON.parse(
      readFileSync(join(ROOT, "build/node/inputs.json"), "utf8"),
    ) as { builtAt: number; inputs: string[] };
    expect(built.inputs).toEqual(
      expect.arrayContaining([
        "src/cli/main.ts",
        "src/cli/validate-task.ts",
        "src/cli/push-command.ts",
        "src/pack/validate.ts",
      ]),
    );
    expect(built.inputs.filter((p) => !p.startsWith("src/"))).toEqual([]);
  });
});

describe("validate <src>…", () => {
  it("--json: one line per source in argument order, the unreadable one as an error; exit 2", async () => {
    writeFileSync(
      join(tmp, "logo.zip"),
      readFileSync(join(FIXTURES, "tutorials/hello-universe-pack/logo.png")),
    );
    // The largest fixture first: in the pool the small ones finish before it, and must wait.
    const sources = [
      PC("appdynamics-collector-1.13.684"),
      PC("weka-operator-v1.12.0"),
      "logo.zip",
      "no-such-folder",
      PC("argocd-3.26.7"),
      join(FIXTURES, "tutorials/hello-universe-pack"),
    ];
    const r = bundled("validate", ...sources, "--json");
    expect(r.stderr).not.toMatch(TSX_NOTE);
    expect(r.code).toBe(2);
    const out = lines(r.stdout);
    expect(out.map((o) => o.source)).toEqual(sources);
    expect(out[0]).toMatchObject({
      pack: { name: "appdynamics-collector", version: "1.13.684" },
    });
    const weka = out[1] as { findings: { code: string; severity: string }[] };
    expect(weka.findings).toContainEqual(
      expect.objectContaining({ code: "VERSION_LEADING_V", severity: "error" }),
    );
    expect(out[2]).toEqual({
      source: "logo.zip",
      error: expect.objectContaining({
        message: expect.stringMatching(
          /is not a zip or tar\.gz archive: it is a PNG image/,
        ),
      }),
    });
    expect(out[3]).toMatchObject({
      source: "no-such-folder",
      error: { kind: "not-found" },
    });
    expect(out[4]).toMatchObject({
      pack: { name: "argo-cd" },
      digest: await contentDigest(
        await loadFixture("pack-central/argocd-3.26.7"),
      ),
    });
    expect(out[5]).toMatchObject({ pack: { name: "hellouniverse" } });
    expect(r.stderr).toMatch(/cannot read logo\.zip/);
    expect(r.stderr).toMatch(/cannot read no-such-folder/);
  });

  it("text: each source's findings under its name, then the summary table; exit 1 with errors", () => {
    const sources = [
      PC("haproxy-unified-gateway-1.0.1"),
      PC("argocd-3.26.7"),
      PC("weka-operator-v1.12.0"),
    ];
    const r = bundled("validate", ...sources);
    expect(r.stderr).not.toMatch(TSX_NOTE);
    expect(r.code).toBe(1);
    const headers = [...r.stdout.matchAll(/^== (.+)$/gm)].map((m) => m[1]);
    expect(headers).toEqual(sources);
    const haproxy = r.stdout.slice(
      r.stdout.indexOf(`== ${sources[0]}`),
      r.stdout.indexOf(`== ${sources[1]}`),
    );
    expect(haproxy).toMatch(/REF_MISSING .*gateway-api-crds-1\.4\.0\.tgz/);
    const table = r.stdout.slice(r.stdout.lastIndexOf("\nsource "));
    const rows = table
      .trim()
      .split("\n")
      .slice(1, 4)
      .map((l) => l.split(/\s+/));
    expect(rows.map((c) => [c[0], c[1], c[3]])).toEqual([
      [sources[0], "1", "errors"],
      [sources[1], "0", "ok"],
      [sources[2], "1", "errors"],
    ]);
    expect(table).toMatch(/3 sources: 1 ok, 2 with errors, 0 unreadable/);
  });

  it("exits 0 when no source has errors, and counts warnings in the table", () => {
    const r = bundled(
      "validate",
      PC("argocd-3.26.7"),
      join(FIXTURES, "tutorials/hello-universe-pack"),
    );
    expect(r.code).toBe(0);
    const argo = /^\S*argocd-3\.26\.7\s+0\s+(\d+)\s+ok$/m.exec(r.stdout);
    expect(Number(argo?.[1])).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/2 sources: 2 ok, 0 with errors, 0 unreadable/);
  });

  it("the compiled worker task checks a source as the command line does in-process", async () => {
    bundled("--version"); // builds build/node when it is stale
    const source = PC("kubevirt-0.55.0");
    const pool = new Piscina({
      filename: pathToFileURL(join(ROOT, "build/node/validate-task.mjs")).href,
      maxThreads: 1,
    });
    try {
      const inWorker = await pool.run({ source, target: "oci", digests: true });
      expect(inWorker).toEqual(
        await checkSource(source, { target: "oci", digests: true }),
      );
      expect(inWorker).toMatchObject({ ok: true, pack: { name: "kubevirt" } });
    } finally {
      await pool.destroy();
    }
  });

  it("refuses no source at all, and several sources for the other commands", () => {
    expect(bundled("validate").code).toBe(2);
    const r = bundled("inspect", PC("argocd-3.26.7"), PC("avi-1.9.2"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give exactly one/);
  });
});
