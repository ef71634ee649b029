import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { readPackArchive } from "../../src/pack/read-archive";
import { validatePack } from "../../src/pack/validate";
import {
  FIXTURES,
  fixtureDirsOnDisk,
  fixtureRows,
  loadFixture,
} from "../helpers/fixtures";

/** The error each NEGATIVE pack of INDEX.md must get, for the problem INDEX.md names. */
const EXPECTED_ERROR: Record<string, { code: string; text: RegExp }> = {
  "pack-central/haproxy-unified-gateway-1.0.1": {
    code: "REF_MISSING",
    text: /charts\/gateway-api-crds-1\.4\.0\.tgz/,
  },
  "pack-central/nvidia-dra-driver-25.8.1": {
    code: "DEPENDENCY_INVALID",
    text: /lacks `type`/,
  },
  "pack-central/weka-operator-v1.12.0": {
    code: "VERSION_LEADING_V",
    text: /v1\.12\.0/,
  },
};

const rows = fixtureRows();
const tmp = mkdtempSync(join(tmpdir(), "packsmith-fixtures-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("INDEX.md", () => {
  it("lists every fixture folder, and every NEGATIVE pack has an expected error", () => {
    expect(rows.map((r) => r.dir).sort()).toEqual(fixtureDirsOnDisk().sort());
    expect(rows.length).toBeGreaterThanOrEqual(39);
    expect(
      rows
        .filter((r) => r.negative)
        .map((r) => r.dir)
        .sort(),
    ).toEqual(Object.keys(EXPECTED_ERROR).sort());
  });
});

describe.each(rows)("fixture $dir", (row) => {
  it(
    row.negative
      ? "gets the error-level finding INDEX.md names"
      : "has no error-level finding",
    async () => {
      const files = await loadFixture(row.dir);
      const report = validatePack(files);
      const errors = report.findings.filter((f) => f.severity === "error");
      expect(report.pack?.name).toBe(row.name);
      expect(report.pack?.version).toBe(row.version);
      expect(report.pack?.layer).toBe(row.layer);
      if (row.negative) {
        const want = EXPECTED_ERROR[row.dir]!;
        expect(errors.map((e) => e.code)).toContain(want.code);
        const hit = errors.find((e) => e.code === want.code)!;
        expect(hit.message).toMatch(want.text);
        expect(hit.file).toBe("pack.json");
        expect(hit.line).toBeGreaterThan(0);
      } else {
        expect(errors).toEqual([]);
      }
    },
  );

  it("reads the same from a system zip, a system tar.gz and the folder", async () => {
    const files = await loadFixture(row.dir);
    const base = row.dir.replace("/", "_");
    const zip = join(tmp, `${base}.zip`);
    const tgz = join(tmp, `${base}.tar.gz`);
    // Files inside one top folder, the way people zip a pack folder.
    const parent = join(FIXTURES, row.dir, "..");
    const leaf = row.dir.split("/")[1]!;
    execFileSync("zip", ["-qr", zip, leaf], { cwd: parent });
    execFileSync("tar", ["czf", tgz, leaf], { cwd: parent });
    const digest = await contentDigest(files);
    for (const archive of [zip, tgz]) {
      const r = readPackArchive(new Uint8Array(readFileSync(archive)), {
        name: archive,
      });
      if (!r.ok) throw new Error(r.error.message);
      expect([...r.value.files.keys()]).toEqual([...files.keys()]);
      expect(await contentDigest(r.value.files)).toBe(digest);
    }
  });
});

describe("content digest", () => {
  it("equals sha256 of `sha256sum` over the sorted files, as registry-api.md defines it", async () => {
    const dir = join(FIXTURES, "pack-central/hello-universe-1.3.1");
    const listing = execFileSync(
      "bash",
      [
        "-c",
        'find . -type f | sed "s|^\\./||" | LC_ALL=C sort | xargs sha256sum | sha256sum',
      ],
      { cwd: dir, encoding: "utf8" },
    );
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    expect(await contentDigest(files)).toBe(`sha256:${listing.split(" ")[0]}`);
  });
});
