import { describe, expect, it } from "vitest";

import { templateOnDisk } from "../../../../test/helpers/seeds";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import { findingTarget } from "@/features/wizard/model/finding-targets";
import {
  blankDraft,
  nextVersionDraft,
  templateDraft,
  type NewDraft,
} from "@/features/wizard/model/new-draft";
import { reportOptions } from "@/features/wizard/model/report-options";
import { TEMPLATES } from "@/features/wizard/templates/templates";
import type { SampleValue } from "@/pack/template-info";
import { validatePack } from "@/pack/validate";

// A draft from a template copies the documentation's sample values (an AMI id, a vCenter path, a
// password); until the user replaces each, the builder's check reports it where it is fixed.

let n = 0;
const newId = () => `id-${++n}`;

async function draftOf(id: string): Promise<NewDraft> {
  const r = templateDraft(id, await templateOnDisk(id), newId);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The TEMPLATE_SAMPLE_VALUE findings of the draft's check, with values edited by `edit`. */
function samplesReported(
  draft: NewDraft,
  edit: (v: WizardValues) => void = () => {},
) {
  const values = structuredClone(draft.data.values);
  edit(values);
  const findings = validatePack(
    draftToPackFiles(values, draft.blobs),
    reportOptions(draft.data.meta.origin, draft.data.meta.target),
  ).findings.filter((f) => f.code === "TEMPLATE_SAMPLE_VALUE");
  return { values, findings };
}

const key = (s: { file?: string; path?: string }) => `${s.file}:${s.path}`;

/** Give sample `s` another value in the form, where the user would type it. */
function replace(s: SampleValue, by: string) {
  return (v: WizardValues) => {
    if (s.file === "values.yaml") {
      const last = s.path.split(".").at(-1)!;
      const text = v.files.values ?? "";
      const edited = text.replace(
        new RegExp(`^(\\s*${last}:).*$`, "m"),
        `$1 ${JSON.stringify(by)}`,
      );
      expect(edited).not.toBe(text);
      v.files.values = edited;
      return;
    }
    const [head, annotation] = s.path.split(".");
    // Every template's pack.json sample is an OS annotation with a form field of its own.
    expect(head).toBe("annotations");
    expect(Object.hasOwn(v.os, annotation!)).toBe(true);
    (v.os as Record<string, string>)[annotation!] = by;
  };
}

describe.each(TEMPLATES.map((t) => [t.id, t] as const))(
  "a draft from template %s",
  (id, t) => {
    it("reports exactly its sample values, each at its line and linked to its field or line", async () => {
      const draft = await draftOf(id);
      const { values, findings } = samplesReported(draft);
      expect(findings.map(key).sort()).toEqual(t.sampleValues.map(key).sort());
      for (const s of t.sampleValues) {
        const f = findings.find((x) => key(x) === key(s))!;
        expect(f.severity).toBe("warning");
        expect(f.line, s.path).toBeGreaterThan(0);
        expect(f.message).toBe(
          `\`${s.path}\` is still the documentation's sample value: put ${s.replaceWith} there`,
        );
        expect(findingTarget(f, values)).toEqual(
          s.file === "pack.json"
            ? {
                kind: "field",
                step: "content",
                field: `os.${s.path.split(".")[1]}`,
              }
            : { kind: "text", step: "values", file: "values", line: f.line },
        );
      }
    });

    it.each(t.sampleValues.map((s) => [s.path, s] as const))(
      "editing %s clears that one, and changing it back brings it again",
      async (_, s) => {
        const draft = await draftOf(id);
        const others = t.sampleValues.filter((x) => x !== s).map(key);
        const edited = samplesReported(draft, replace(s, "my-own-value"));
        expect(edited.findings.map(key).sort()).toEqual(others.sort());
        const back = samplesReported(draft, (v) => {
          replace(s, "my-own-value")(v);
          replace(s, String(templateSampleOf(id, s)))(v);
        });
        expect(back.findings.map(key).sort()).toEqual(
          t.sampleValues.map(key).sort(),
        );
      },
    );
  },
);

/** The value template `id` holds for sample `s`, as its pack reads it. */
function templateSampleOf(id: string, s: SampleValue): unknown {
  return reportOptions({ kind: "template", template: id }, "oci").samples?.find(
    (x) => x.path === s.path && x.file === s.file,
  )?.value;
}

it("the Permission Manager password is compared as a value: requoted or moved, it is still the sample", async () => {
  const draft = await draftOf("permission-manager");
  const before = samplesReported(draft).findings;
  expect(before).toHaveLength(1);
  const { findings } = samplesReported(draft, (v) => {
    v.files.values = v.files
      .values!.replace('authPassword: "welcome123"', "authPassword: welcome123")
      .replace(/^manifests:\n/m, "# my comment\nmanifests:\n");
  });
  expect(findings.map((f) => f.line)).toEqual([before[0]!.line! + 1]);
});

it("a blank draft, and a new version of a pack made from a template, report no sample value", async () => {
  const blank = blankDraft();
  expect(reportOptions(blank.data.meta.origin, "oci")).toEqual({
    target: "oci",
  });
  // The same AMI id typed into a blank draft is the user's own.
  const typed = samplesReported(blank, (v) => {
    v.basics.layer = "os";
    v.basics.cloudTypes = ["aws"];
    v.os.imageId = "ami-071f6fc516c53fca1";
  });
  expect(typed.findings).toEqual([]);
  const imported = nextVersionDraft(
    await templateOnDisk("centos-aws"),
    "golden-centos-aws.zip",
  );
  if (!imported.ok) throw new Error(imported.error);
  expect(samplesReported(imported.value).findings).toEqual([]);
});
