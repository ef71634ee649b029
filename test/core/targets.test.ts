import { describe, expect, it } from "vitest";
import { listTemplates } from "../../src/cli/init";
import { type Finding, sortFindings } from "../../src/pack/finding";
import type { PackFiles } from "../../src/pack/pack-files";
import {
  raisedBy,
  TARGET_ERRORS,
  TARGETS,
  type Target,
} from "../../src/pack/targets";
import { validatePack } from "../../src/pack/validate";
import { goodPackFiles } from "../gen/pack";
import { fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";
import { templateOnDisk } from "../helpers/seeds";

// `packsmith init` validated each template once per target, three times, to tell which targets make
// a warning an error. The rule families take those severities from TARGET_ERRORS, so one validation
// (an OCI registry's) tells every target: these tests hold the reports to the table, and show that
// every code of the table is raised by some pack.

/** A target's report as TARGET_ERRORS derives it from the OCI registry's. */
const derived = (oci: readonly Finding[], target: Target): Finding[] =>
  sortFindings(
    oci.map((f) =>
      f.severity === "warning" && raisedBy(target, f.code)
        ? { ...f, severity: "error" }
        : f,
    ),
  );

const templates = listTemplates();
if (!templates.ok) throw new Error(templates.error);

/** Packs that break each rule a target decides (the templates and fixtures have logos, READMEs…). */
const BROKEN: Record<string, () => PackFiles> = {
  "no logo": () => {
    const files = goodPackFiles();
    files.delete("logo.png");
    return files;
  },
  "no README": () => {
    const files = goodPackFiles();
    files.delete("README.md");
    return files;
  },
  "no addonType": () => goodPackFiles({ packJson: { addonType: undefined } }),
  "no image list": () =>
    goodPackFiles({ valuesYaml: "pack:\n  namespace: demo-app\n" }),
};

const packs: (readonly [string, () => Promise<PackFiles>])[] = [
  ...templates.value.map(
    (t) => [`template ${t.id}`, () => templateOnDisk(t.id)] as const,
  ),
  ...fixtureDirsOnDisk().map((d) => [d, () => loadFixture(d)] as const),
  ...Object.entries(BROKEN).map(
    ([name, make]) => [name, () => Promise.resolve(make())] as const,
  ),
];

describe("TARGET_ERRORS", () => {
  it.each(packs)(
    "%s: each target's report is the OCI report with its codes raised",
    async (_, load) => {
      const pack = await load();
      const oci = validatePack(pack).findings;
      for (const target of TARGETS)
        expect(validatePack(pack, { target }).findings, target).toEqual(
          derived(oci, target),
        );
    },
  );

  it("those packs raise every code of the table", async () => {
    const seen = new Set<string>();
    for (const [, load] of packs)
      for (const f of validatePack(await load()).findings) seen.add(f.code);
    for (const code of Object.values(TARGET_ERRORS).flat())
      expect(seen, code).toContain(code);
  });
});
