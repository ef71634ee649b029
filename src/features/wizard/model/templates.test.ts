import { describe, expect, it } from "vitest";

import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import { STEP_SCHEMAS } from "@/features/wizard/model/step-schemas";
import { TEMPLATES } from "@/features/wizard/templates/templates";
import { validatePack } from "@/pack/validate";

let n = 0;
const newId = () => `id-${++n}`;

/** What a user types into the fields a template leaves for them. */
const FILL: Record<string, (v: WizardValues) => void> = {
  "aws-os": (v) => {
    v.os.imageId = "ami-0123456789abcdef0";
    v.os.imageOwner = "123456789012";
  },
  "vsphere-template-os": (v) => {
    v.os.imageId = "/Datacenter/vm/spectro-templates/ubuntu-22.04";
  },
  "vsphere-ova-os": (v) => {
    v.os.imageId = "https://images.example.com/ubuntu-22.04.ova";
  },
};

describe.each(TEMPLATES.map((t) => [t.id, t] as const))(
  "template %s",
  (id, template) => {
    it("passes the Basics step as it is", () => {
      const { values } = template.create(newId);
      expect(STEP_SCHEMAS.basics.safeParse(values).success).toBe(true);
    });

    it("once the user's own values are in, the core finds no error", () => {
      const { values, blobs } = template.create(newId);
      FILL[id]?.(values);
      const report = validatePack(draftToPackFiles(values, blobs));
      expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
      if (values.basics.layer === "os") {
        expect(STEP_SCHEMAS.content.safeParse(values).success).toBe(true);
        expect(
          report.findings.filter((f) => f.code === "OS_ANNOTATION_MISSING"),
        ).toEqual([]);
      }
    });
  },
);

it("the helm template cannot pass Content until its chart is dropped", () => {
  const t = TEMPLATES.find((x) => x.id === "prometheus-grafana")!;
  const r = STEP_SCHEMAS.content.safeParse(t.create(newId).values);
  expect(r.success).toBe(false);
});

it("an empty required OS field blocks Content with a message", () => {
  const t = TEMPLATES.find((x) => x.id === "aws-os")!;
  const r = STEP_SCHEMAS.content.safeParse(t.create(newId).values);
  expect(r.success).toBe(false);
  const paths = r.error?.issues.map((i) => i.path.join("."));
  expect(paths).toEqual(
    expect.arrayContaining(["os.imageId", "os.imageOwner"]),
  );
});
