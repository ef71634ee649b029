import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { loadFixture } from "../../../../test/helpers/fixtures";
import type {
  DraftBlobs,
  StepId,
  WizardValues,
} from "@/features/wizard/model/draft-schema";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import {
  CORE_ERROR_STEPS,
  errorSteps,
  stepErrors,
  stepOfError,
} from "@/features/wizard/model/finding-targets";
import { packFilesToDraft } from "@/features/wizard/model/pack-files-to-draft";
import { STEP_SCHEMAS } from "@/features/wizard/model/step-schemas";
import { validatePack } from "@/pack/validate";

/*
 * One rulebook (issue 9 item 7): every rule that blocks a step of the wizard is an error of the
 * core with a code, and every error the core's rule families report blocks a step.
 */

// A real manifest pack with presets.yaml and schema.yaml, and a real chart pack with
// constraints: both have no error in the core and pass every step as imported.
const BASES = {
  manifests: "pack-central/hello-universe-1.3.1",
  chart: "pack-central/crossplane-2.3.0",
} as const;
type Base = keyof typeof BASES;
const drafts = new Map<Base, { values: WizardValues; blobs: DraftBlobs }>();

beforeAll(async () => {
  for (const [key, dir] of Object.entries(BASES)) {
    const r = packFilesToDraft(await loadFixture(dir));
    if (!r.ok) throw new Error(r.error.message);
    drafts.set(key as Base, r.value);
  }
});

const draft = (base: Base) => {
  const d = drafts.get(base)!;
  return { values: structuredClone(d.values), blobs: d.blobs };
};
const schemaFails = (step: StepId, v: WizardValues) =>
  !STEP_SCHEMAS[step].safeParse(v).success;
const coreErrors = (v: WizardValues, blobs: DraftBlobs) =>
  validatePack(draftToPackFiles(v, blobs)).findings.filter(
    (f) => f.severity === "error",
  );

interface Rule {
  rule: string;
  step: StepId;
  code: string;
  base?: Base;
  change: (v: WizardValues) => void;
}

const dep = (v: WizardValues) => v.constraints.dependencies[0]!;
const res = (v: WizardValues) => v.constraints.resources[0]!;

/** Every rule of the step schemas, each with an input that triggers it and its core code. */
const RULES: Rule[] = [
  {
    rule: "no layer",
    step: "basics",
    code: "FIELD_REQUIRED",
    change: (v) => void (v.basics.layer = ""),
  },
  {
    rule: "unknown layer",
    step: "basics",
    code: "LAYER_INVALID",
    change: (v) => void (v.basics.layer = "platform"),
  },
  {
    rule: "no name",
    step: "basics",
    code: "FIELD_REQUIRED",
    change: (v) => void (v.basics.name = ""),
  },
  {
    rule: "name too long",
    step: "basics",
    code: "NAME_TOO_LONG",
    change: (v) => void (v.basics.name = "a".repeat(64)),
  },
  {
    rule: "name not OCI",
    step: "basics",
    code: "NAME_OCI_INVALID",
    change: (v) => void (v.basics.name = "My-App"),
  },
  {
    rule: "blank display name",
    step: "basics",
    code: "FIELD_REQUIRED",
    change: (v) => void (v.basics.displayName = "  "),
  },
  {
    rule: "no version",
    step: "basics",
    code: "FIELD_REQUIRED",
    change: (v) => void (v.basics.version = ""),
  },
  {
    rule: "leading v",
    step: "basics",
    code: "VERSION_LEADING_V",
    change: (v) => void (v.basics.version = "v1.2.3"),
  },
  {
    rule: "version not an OCI tag",
    step: "basics",
    code: "VERSION_OCI_INVALID",
    change: (v) => void (v.basics.version = "1.2.3+build"),
  },
  {
    rule: "no cloud",
    step: "basics",
    code: "CLOUD_TYPES_MISSING",
    change: (v) => void (v.basics.cloudTypes = []),
  },
  {
    rule: "unknown cloud",
    step: "basics",
    code: "CLOUD_TYPE_UNKNOWN",
    change: (v) => void (v.basics.cloudTypes = ["mars"]),
  },
  {
    rule: "annotation without a key",
    step: "content",
    code: "ANNOTATIONS_INVALID",
    change: (v) => void v.annotations.push({ key: "", value: "x" }),
  },
  {
    rule: "dependency without a pack name",
    step: "content",
    code: "DEPENDENCY_INVALID",
    base: "chart",
    change: (v) => void (dep(v).packName = ""),
  },
  {
    rule: "dependency layer unknown",
    step: "content",
    code: "DEPENDENCY_INVALID",
    base: "chart",
    change: (v) => void (dep(v).layer = ""),
  },
  {
    rule: "dependency type unknown",
    step: "content",
    code: "DEPENDENCY_INVALID",
    base: "chart",
    change: (v) => void (dep(v).type = ""),
  },
  {
    rule: "resource type unknown",
    step: "content",
    code: "RESOURCE_INVALID",
    base: "chart",
    change: (v) => void (res(v).type = "gpu"),
  },
  {
    rule: "resource minLimit not a number",
    step: "content",
    code: "RESOURCE_INVALID",
    base: "chart",
    change: (v) => void (res(v).minLimit = "lots"),
  },
  {
    rule: "component scheduleType unknown",
    step: "content",
    code: "RESOURCE_INVALID",
    base: "chart",
    change: (v) =>
      void res(v).components.push({
        scheduleType: "",
        resourceRequestParamRef: "",
        replicaCountParamRef: "",
      }),
  },
  {
    rule: "chart listed but not in the pack",
    step: "content",
    code: "REF_MISSING",
    base: "chart",
    change: (v) =>
      void v.charts.push({
        blob: null,
        path: "charts/missing-1.0.0.tgz",
        name: "",
        version: "",
      }),
  },
  {
    rule: "chart file that is not a chart",
    step: "content",
    code: "CHART_INVALID",
    base: "chart",
    // The logo's bytes (a PNG) where the chart's archive was.
    change: (v) => {
      v.charts[0]!.name = "";
      v.charts[0]!.blob = v.logo!.blob;
    },
  },
  {
    rule: "values.yaml does not parse",
    step: "values",
    code: "VALUES_SYNTAX",
    change: (v) => void (v.files.values = "a: [1\n"),
  },
  {
    rule: "presets.yaml does not parse",
    step: "values",
    code: "PRESETS_SYNTAX",
    change: (v) => void (v.files.presets = "presets: [\n"),
  },
  {
    rule: "schema.yaml does not parse",
    step: "values",
    code: "SCHEMA_SYNTAX",
    change: (v) => void (v.files.schema = "a: {\n"),
  },
];

/** Rules of the form alone, with why the core cannot see them. */
const FORM_ONLY: Rule[] = [
  {
    // pack.json's annotations are an object: the second row would replace the first.
    rule: "two annotation rows with one key",
    step: "content",
    code: "",
    change: (v) =>
      void v.annotations.push(
        { key: "dup", value: "1" },
        { key: "dup", value: "2" },
      ),
  },
];

describe("the bases", () => {
  it.each(Object.keys(BASES) as Base[])(
    "%s passes every step and has no core error",
    (base) => {
      const { values, blobs } = draft(base);
      for (const step of Object.keys(STEP_SCHEMAS) as StepId[])
        expect(schemaFails(step, values), step).toBe(false);
      expect(coreErrors(values, blobs)).toEqual([]);
    },
  );
});

describe("every rule that blocks a step is a core error with the same step", () => {
  it.each(RULES)(
    "$rule → $code on $step",
    ({ step, code, base = "manifests", change }) => {
      const { values, blobs } = draft(base);
      change(values);
      expect(schemaFails(step, values)).toBe(true);
      const all = coreErrors(values, blobs);
      const errors = all.filter((f) => f.code === code);
      expect(
        errors.length,
        `${code} in ${JSON.stringify(all)}`,
      ).toBeGreaterThan(0);
      // … and the wizard's "Next" refuses it on the same step from the core's report alone.
      expect(errors.map((f) => stepOfError(f, values))).toContain(step);
      expect(stepErrors(errors, values, step).length).toBeGreaterThan(0);
    },
  );

  it.each(FORM_ONLY)(
    "$rule is the form's alone (the core cannot see it)",
    ({ step, change }) => {
      const { values, blobs } = draft("manifests");
      change(values);
      expect(schemaFails(step, values)).toBe(true);
      expect(coreErrors(values, blobs)).toEqual([]);
    },
  );
});

describe("every warning of the core blocks nothing", () => {
  it("an eol that is not a date is the core's EOL_FORMAT warning and passes Basics", () => {
    const { values, blobs } = draft("manifests");
    values.basics.eol = "next year";
    expect(schemaFails("basics", values)).toBe(false);
    const f = validatePack(draftToPackFiles(values, blobs)).findings;
    expect(f.find((x) => x.code === "EOL_FORMAT")?.severity).toBe("warning");
    expect(errorSteps(f, values).size).toBe(0);
  });
});

/** The codes the rule families report as errors, read from their source. */
function coreErrorCodes(): Set<string> {
  const dir = fileURLToPath(new URL("../../../pack/", import.meta.url));
  const read = (f: string) => readFileSync(dir + f, "utf8");
  const codes = new Set<string>();
  const grab = (text: string, re: RegExp) => {
    for (const m of text.matchAll(re)) codes.add(m[1]!);
  };
  for (const f of readdirSync(dir + "validate")) {
    const text = read(`validate/${f}`);
    grab(
      text,
      /(?:"error"|targetSeverity\("[A-Z][A-Z0-9_]+"\)),\s*"([A-Z][A-Z0-9_]+)"/g,
    );
    grab(text, /code: "([A-Z][A-Z0-9_]+)",\s*severity: "error"/g);
    // Files read by readYamlFile: its syntax code, its "not text" code, its "missing" code.
    grab(text, /readYamlFile\(\s*ctx,\s*[\w.]+,\s*"([A-Z][A-Z0-9_]+)"/g);
    grab(text, /notText: "([A-Z][A-Z0-9_]+)"/g);
    grab(text, /missing: \{\s*code: "([A-Z][A-Z0-9_]+)"/g);
    grab(text, /code: "([A-Z][A-Z0-9_]+_SYNTAX)"/g);
  }
  // The YAML reader's limits (security.md) are errors of whatever file is read.
  grab(read("yaml-text.ts"), /^\s*"(YAML_TOO_[A-Z_]+)",?$/gm);
  return codes;
}

describe("every error of the core blocks a step", () => {
  const codes = [...coreErrorCodes()].sort();

  it("finds the codes in the rule families", () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        "VERSION_LEADING_V",
        "VALUES_SYNTAX",
        "ANSIBLE_ROLE_MISSING",
        "YAML_TOO_DEEP",
      ]),
    );
    expect(codes.length).toBeGreaterThan(35);
  });

  it("maps exactly the core's error codes to a step (none missing, none stale)", () => {
    expect(Object.keys(CORE_ERROR_STEPS).sort()).toEqual(codes);
  });

  it.each(codes)("%s blocks its step", (code) => {
    const { values } = draft("manifests");
    // Found in a file only the review shows: the code says which step it blocks.
    const finding = {
      code,
      severity: "error" as const,
      file: "somewhere/else.txt",
      message: code,
    };
    const step = CORE_ERROR_STEPS[code]!;
    expect(step).not.toBe("publish");
    expect(stepOfError(finding, values)).toBe(step);
    expect(stepErrors([finding], values, step)).toHaveLength(1);
    expect(errorSteps([finding], values)).toEqual(new Set([step]));
  });
});

describe("an OS pack's annotation row with a typed field's key", () => {
  // pack.json got the row's value while the typed field showed its own (an exploratory review).
  it("is refused on Content, at the row's key; the same row on an add-on passes", () => {
    const { values } = draft("manifests");
    values.annotations.push({ key: "imageId", value: "ami-override" });
    expect(schemaFails("content", values)).toBe(false);

    values.basics.layer = "os";
    values.basics.cloudTypes = ["aws"];
    values.os.imageId = "ami-071f6fc516c53fca1";
    const r = STEP_SCHEMAS.content.safeParse(values);
    expect(r.success).toBe(false);
    const row = values.annotations.length - 1;
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      [
        `annotations.${row}.key`,
        "imageId has its own field above: enter its value there and remove this row",
      ],
    ]);
    // A key no typed field has stays a row.
    values.annotations[row] = { key: "customTag", value: "x" };
    expect(schemaFails("content", values)).toBe(false);
  });
});
