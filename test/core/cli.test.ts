import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { readPackArchive } from "../../src/pack/read-archive";
import { runCli, type CliRun } from "../helpers/cli";
import { FIXTURES, loadFixture } from "../helpers/fixtures";

const tmp = mkdtempSync(join(tmpdir(), "packsmith-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the real command line in its own process, as a user would. */
const packsmith = (...args: string[]): CliRun => runCli(tmp, ...args);

describe("packsmith command line", () => {
  it("validate --json prints pack, digest, findings and files; exit 0 for a good pack", async () => {
    const r = packsmith(
      "validate",
      join(FIXTURES, "pack-central/argocd-3.26.7"),
      "--json",
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pack: unknown;
      digest: string;
      findings: { severity: string }[];
      files: { path: string; size: number; sha256: string }[];
    };
    expect(out.pack).toEqual({
      name: "argo-cd",
      version: "3.26.7",
      layer: "addon",
    });
    expect(out.digest).toBe(
      await contentDigest(await loadFixture("pack-central/argocd-3.26.7")),
    );
    expect(out.findings.every((f) => f.severity !== "error")).toBe(true);
    expect(out.files.find((f) => f.path === "pack.json")).toMatchObject({
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("validate exits 1 with error findings and names them", () => {
    const r = packsmith(
      "validate",
      join(FIXTURES, "pack-central/haproxy-unified-gateway-1.0.1"),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /REF_MISSING .*pack\.json:\d+ .*gateway-api-crds-1\.4\.0\.tgz/,
    );
    expect(r.stdout).toMatch(/1 errors/);
  });

  it("validate exits 2 with the typed error when the input cannot be read", () => {
    writeFileSync(
      join(tmp, "logo.zip"),
      readFileSync(join(FIXTURES, "tutorials/hello-universe-pack/logo.png")),
    );
    const r = packsmith("validate", "logo.zip");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /logo\.zip.* is not a zip or tar\.gz archive: it is a PNG image/,
    );
    expect(packsmith("validate", "missing-folder").code).toBe(2);
    expect(packsmith("frobnicate", "x").code).toBe(2);
  });

  it("pack writes the core zip and OCI tarball that read back to the same files", async () => {
    const src = join(FIXTURES, "tutorials/hello-universe-pack");
    const digest = await contentDigest(
      await loadFixture("tutorials/hello-universe-pack"),
    );
    for (const out of ["p.zip", "p.tar.gz"]) {
      const r = packsmith("pack", src, "--out", out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("hellouniverse-1.0.0/");
      const back = readPackArchive(
        new Uint8Array(readFileSync(join(tmp, out))),
      );
      if (!back.ok) throw new Error(back.error.message);
      expect(await contentDigest(back.value.files)).toBe(digest);
    }
    // A second run gives the same bytes.
    const first = readFileSync(join(tmp, "p.zip"));
    packsmith("pack", join(tmp, "p.tar.gz"), "--out", "again.zip");
    expect(Buffer.compare(readFileSync(join(tmp, "again.zip")), first)).toBe(0);
  });

  it("pack refuses a pack with errors unless --force, and with --force still names them", () => {
    const src = join(FIXTURES, "pack-central/weka-operator-v1.12.0");
    const r = packsmith("pack", src, "--out", "w.zip");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/VERSION_LEADING_V/);
    const forced = packsmith("pack", src, "--out", "w.zip", "--force");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^wrote w\.zip/);
    expect(forced.stderr).toMatch(/VERSION_LEADING_V/);
    expect(forced.stderr).toMatch(
      /w\.zip was written with 1 error \(--force\)/,
    );
    // A clean pack names no error.
    const clean = packsmith(
      "pack",
      join(FIXTURES, "tutorials/hello-universe-pack"),
      "--out",
      "clean.zip",
    );
    expect(clean.code).toBe(0);
    expect(clean.stderr).not.toMatch(/written with|✖/);
  });

  it("inspect --json lists files, digest and charts", () => {
    const r = packsmith(
      "inspect",
      join(FIXTURES, "pack-central/nvidia-dpf-operator-25.10.1"),
      "--json",
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pack: { name: string };
      charts: { name: string }[];
      files: unknown[];
      digest: string;
    };
    expect(out.pack.name).toBe("dpf-operator");
    expect(out.charts).toHaveLength(2);
    expect(out.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
