import { describe, expect, it } from "vitest";

import {
  listTemplates,
  SEED_TEMPLATES,
  seedJson,
  templateOnDisk,
} from "../../../../test/helpers/seeds";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import { templateDraft } from "@/features/wizard/model/new-draft";
import { STEP_SCHEMAS } from "@/features/wizard/model/step-schemas";
import { TEMPLATES } from "@/features/wizard/templates/templates";
import { validatePack } from "@/pack/validate";

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

let n = 0;
const newId = () => `id-${++n}`;

async function draftOf(id: string) {
  const files = await templateOnDisk(id);
  const r = templateDraft(id, files, newId);
  if (!r.ok) throw new Error(r.error);
  return { files, draft: r.value };
}

it("the wizard's templates (Vite's glob of templates/) are the folders init reads", () => {
  const disk = listTemplates();
  if (!disk.ok) throw new Error(disk.error);
  expect([...TEMPLATES].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    disk.value,
  );
  expect(TEMPLATES.map((t) => t.id)).toEqual(Object.keys(SEED_TEMPLATES));
});

describe.each(Object.entries(SEED_TEMPLATES))("template %s", (id, seed) => {
  it(`its pack.json is the documentation's ${seed}`, async () => {
    const files = await templateOnDisk(id);
    expect(JSON.parse(decode(files.get("pack.json")))).toStrictEqual(
      seedJson(seed),
    );
  });

  it("a draft made from it, untouched, writes every file back and the same pack.json", async () => {
    const { files, draft } = await draftOf(id);
    expect(draft.data.meta.origin).toEqual({ kind: "template", template: id });
    const back = draftToPackFiles(draft.data.values, draft.blobs);
    expect([...back.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [path, bytes] of files)
      if (path !== "pack.json")
        expect(decode(back.get(path)), path).toBe(decode(bytes));
    expect(JSON.parse(decode(back.get("pack.json")))).toStrictEqual(
      seedJson(seed),
    );
  });

  it("passes Basics as it is; an OS template passes Content with nothing to fill", async () => {
    const { values } = (await draftOf(id)).draft.data;
    expect(STEP_SCHEMAS.basics.safeParse(values).success).toBe(true);
    if (values.basics.layer === "os") {
      expect(STEP_SCHEMAS.content.safeParse(values).success).toBe(true);
      // The documented image is in the template (issue 9: imageId was left empty).
      if (!values.basics.cloudTypes.includes("azure"))
        expect(values.os.imageId).not.toBe("");
      expect(values.roles.map((r) => r.name)).toEqual(["harden_os"]);
      expect(values.roles[0]?.files.map((f) => f.path).sort()).toEqual([
        "files/sec_harden.sh",
        "tasks/main.yml",
      ]);
    }
  });

  it("the core finds no error, apart from the chart a template cannot ship", async () => {
    const { draft } = await draftOf(id);
    const errors = validatePack(
      draftToPackFiles(draft.data.values, draft.blobs),
    ).findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => `${f.code} ${f.message}`)).toEqual(
      id === "prometheus-grafana"
        ? [
            "REF_MISSING charts lists `charts/prometheus-grafana.tgz`, which is not in the pack",
          ]
        : [],
    );
  });
});

it("the Permission Manager template's manifest reads its values", async () => {
  const { values } = (await draftOf("permission-manager")).draft.data;
  expect(values.manifests.map((m) => m.path)).toEqual([
    "manifests/permission-manager.yaml",
  ]);
  expect(values.files.values).toContain("authPassword:");
});

it("the helm template cannot pass Content until its chart is added, and says so", async () => {
  const { values } = (await draftOf("prometheus-grafana")).draft.data;
  const r = STEP_SCHEMAS.content.safeParse(values);
  expect(r.success).toBe(false);
  expect(r.error?.issues.map((i) => i.message)).toEqual([
    "pack.json lists charts/prometheus-grafana.tgz, which is not in the pack: add the chart's .tgz (its file name is kept) or remove the entry",
  ]);
});
