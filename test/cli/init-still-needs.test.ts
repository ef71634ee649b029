import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listTemplates } from "../../src/cli/init";
import { formatFinding } from "../../src/cli/format";
import { validatePack } from "../../src/pack/validate";
import { runMain as run } from "../helpers/cli";
import { templateOnDisk } from "../helpers/seeds";

// `packsmith init <template> <folder>` named only the errors an OCI registry sees: it kept quiet
// about prometheus-grafana's IMAGES_MISSING (an error for pack-central), ubuntu-vsphere-ova's
// VERSION_NOT_SEMVER, and the documentation's AMI, account and image paths the OS templates copy.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-init-needs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let runs = 0;

/** What `init <id>` printed after its "Wrote …" line, and the folder it wrote. */
async function needs(id: string): Promise<{ lines: string[]; dir: string }> {
  const dir = join(tmp, `${id}-${runs++}`);
  const r = await run("init", id, dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  const [wrote, ...lines] = r.stdout.trimEnd().split("\n");
  expect(wrote).toMatch(/^Wrote the template /);
  return { lines, dir };
}

const lineOf = (dir: string, file: string, text: string): number =>
  readFileSync(join(dir, file), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text)) + 1;

const ids = listTemplates();
if (!ids.ok) throw new Error(ids.error);

describe("packsmith init names what the pack still needs", () => {
  it.each(ids.value.map((t) => t.id))(
    "%s: every error, then every warning validate reports, each at file:line",
    async (id) => {
      const { lines } = await needs(id);
      const findings = validatePack(await templateOnDisk(id)).findings;
      const shown = lines.filter((l) => /^[✖⚠]/.test(l));
      const expected = [
        ...findings.filter((f) => f.severity === "error"),
        ...findings.filter((f) => f.severity === "warning"),
      ];
      expect(shown).toHaveLength(expected.length);
      expected.forEach((f, i) =>
        expect(shown[i]!.startsWith(formatFinding(f))).toBe(true),
      );
      if (lines.length) expect(lines[0]).toBe("What it still needs:");
    },
  );

  it("prometheus-grafana: the missing chart, then IMAGES_MISSING, an error for pack-central", async () => {
    const { lines } = await needs("prometheus-grafana");
    expect(lines).toEqual([
      "What it still needs:",
      expect.stringMatching(
        /^✖ error +REF_MISSING +pack\.json:14 .*charts\/prometheus-grafana\.tgz/,
      ),
      expect.stringMatching(
        /^⚠ warning IMAGES_MISSING +values\.yaml:\d+ .*\(an error for --target pack-central\)$/,
      ),
    ]);
  });

  it("ubuntu-vsphere-ova: the VERSION_NOT_SEMVER warning at its line, and the sample values", async () => {
    const { lines, dir } = await needs("ubuntu-vsphere-ova");
    expect(lines).toEqual([
      "What it still needs:",
      expect.stringMatching(
        new RegExp(
          `^⚠ warning VERSION_NOT_SEMVER +pack\\.json:${lineOf(dir, "pack.json", '"version"')} `,
        ),
      ),
      `Replace the documentation's sample values with your own: pack.json:${lineOf(dir, "pack.json", '"folder"')} folder, pack.json:${lineOf(dir, "pack.json", '"imageId"')} imageId`,
    ]);
  });

  it.each([
    ["centos-aws", "pack.json", ["cloudRegion", "imageId", "imageOwner"]],
    ["centos-azure", "pack.json", ["imageOffer", "imagePublisher", "imageSKU"]],
    [
      "centos-vsphere-template",
      "pack.json",
      ["folder", "imageId", "sshPassword"],
    ],
    ["permission-manager", "values.yaml", ["authPassword"]],
  ])(
    "%s: names the documentation's sample values at their lines",
    async (id, file, keys) => {
      const { lines, dir } = await needs(id);
      const where = keys.map((k) => {
        const at = lineOf(dir, file, file === "pack.json" ? `"${k}"` : `${k}:`);
        expect(at).toBeGreaterThan(0);
        return `${file}:${at} ${k}`;
      });
      expect(lines).toEqual([
        "What it still needs:",
        `Replace the documentation's sample values with your own: ${where.join(", ")}`,
      ]);
    },
  );
});
