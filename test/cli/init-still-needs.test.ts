import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listTemplates } from "../../src/cli/init";
import { formatFinding } from "../../src/cli/format";
import type { Finding } from "../../src/pack/finding";
import type { TemplateInfo } from "../../src/pack/template-info";
import { TARGETS } from "../../src/pack/targets";
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

const templateOf = (id: string): TemplateInfo => {
  const t = ids.value.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};

/**
 * The lines init ends with for template `id` written to `dir`: each sample value of its
 * template.json, found in the file by its key's text, with what to put there.
 */
const sampleLines = (id: string, dir: string): string[] => [
  "Replace the documentation's sample values with your own:",
  ...templateOf(id).sampleValues.map((s) => {
    const key = s.path.split(".").at(-1)!;
    const at = lineOf(
      dir,
      s.file,
      s.file === "pack.json" ? `"${key}"` : `${key}:`,
    );
    expect(at).toBeGreaterThan(0);
    return `  ${s.file}:${at}  ${s.path}: ${s.replaceWith}`;
  }),
];

describe("packsmith init names what the pack still needs", () => {
  it.each(ids.value.map((t) => t.id))(
    "%s: every error, then every warning validate reports, each at file:line, each warning with the targets whose validation makes it an error",
    async (id) => {
      const { lines } = await needs(id);
      const pack = await templateOnDisk(id);
      const findings = validatePack(pack).findings;
      // init validates once (TARGET_ERRORS); here each target is validated on its own.
      const errorsOf = TARGETS.map(
        (target) => [target, validatePack(pack, { target }).findings] as const,
      );
      const raisedBy = (f: Finding): string[] =>
        errorsOf
          .filter(([, report]) =>
            report.some(
              (g) =>
                g.severity === "error" &&
                [g.code, g.file, g.line, g.path].join() ===
                  [f.code, f.file, f.line, f.path].join(),
            ),
          )
          .map(([target]) => target);
      const shown = lines.filter((l) => /^[✖⚠]/.test(l));
      const expected = [
        ...findings.filter((f) => f.severity === "error"),
        ...findings.filter((f) => f.severity === "warning"),
      ].map((f) => {
        const targets = f.severity === "warning" ? raisedBy(f) : [];
        return targets.length
          ? `${formatFinding(f)} (an error for --target ${targets.join(", ")})`
          : formatFinding(f);
      });
      expect(shown).toEqual(expected);
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
      ...sampleLines("ubuntu-vsphere-ova", dir),
    ]);
  });

  it.each([
    ["centos-aws", ["annotations.imageId", "annotations.imageOwner"]],
    // The documentation's Marketplace image (OpenLogic CentOS 7.7), the region us-east-1 and the
    // Ubuntu cloud image's address are public values a pack may keep: not samples to replace.
    ["centos-azure", []],
    [
      "centos-vsphere-template",
      ["annotations.folder", "annotations.imageId", "annotations.sshPassword"],
    ],
    ["ubuntu-vsphere-ova", ["annotations.folder"]],
    ["permission-manager", ["manifests.permission-manager.authPassword"]],
    ["prometheus-grafana", []],
  ])("%s: template.json names the documentation's sample values", (id, paths) =>
    expect(templateOf(id).sampleValues.map((s) => s.path)).toEqual(paths),
  );

  it.each(["centos-aws", "centos-vsphere-template", "permission-manager"])(
    "%s: names the documentation's sample values at their lines, with what to put there",
    async (id) => {
      const { lines, dir } = await needs(id);
      expect(lines).toEqual(["What it still needs:", ...sampleLines(id, dir)]);
    },
  );
});
