import { describe, expect, it } from "vitest";

import { fixtureRows, loadFixture } from "../../../../test/helpers/fixtures";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import { packFilesToDraft } from "@/features/wizard/model/pack-files-to-draft";
import { wizardValuesSchema } from "@/features/wizard/model/draft-schema";
import { validatePack } from "@/pack/validate";

const json = (b: Uint8Array | undefined): unknown =>
  JSON.parse(new TextDecoder().decode(b));

describe.each(fixtureRows())("draft round trip $dir", ({ dir }) => {
  it("pack → draft → pack keeps every file byte for byte and pack.json as written", async () => {
    const files = await loadFixture(dir);
    const imported = packFilesToDraft(files);
    if (!imported.ok) throw new Error(imported.error.message);
    // The draft survives being stored as JSON (IndexedDB, a draft file).
    const restored = wizardValuesSchema.parse(
      JSON.parse(JSON.stringify(imported.value.values)),
    );
    const back = draftToPackFiles(restored, imported.value.blobs);

    expect([...back.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [path, bytes] of files) {
      if (path === "pack.json") continue;
      expect(
        Buffer.from(back.get(path)!).equals(Buffer.from(bytes)),
        path,
      ).toBe(true);
    }
    // Untouched, pack.json is the author's: same keys, values and order (issue 9 item 2).
    const original = json(files.get("pack.json"));
    expect(json(back.get("pack.json"))).toStrictEqual(original);
    expect(Object.keys(json(back.get("pack.json")) as object)).toEqual(
      Object.keys(original as object),
    );

    // The core sees the same pack: the same findings, apart from pack.json line numbers.
    const strip = (fs: { code: string; severity: string; path?: string }[]) =>
      fs.map((f) => `${f.severity} ${f.code} ${f.path ?? ""}`).sort();
    const before = validatePack(files).findings.filter(
      (f) => f.code !== "PACK_JSON_DUPLICATE_KEY",
    );
    expect(strip(validatePack(back).findings)).toEqual(strip(before));
  });
});

describe("drafts stored by earlier versions", () => {
  it("a chart row with the old hasSchema flag (read by nothing) still restores, without it", async () => {
    const imported = packFilesToDraft(
      await loadFixture("pack-central/piraeus-operator-2.9.0"),
    );
    if (!imported.ok) throw new Error(imported.error.message);
    const old = JSON.parse(JSON.stringify(imported.value.values)) as {
      charts: Record<string, unknown>[];
    };
    expect(old.charts.length).toBeGreaterThan(0);
    for (const row of old.charts) row.hasSchema = true;
    const restored = wizardValuesSchema.parse(old);
    expect(restored.charts).toEqual(imported.value.values.charts);
    expect(restored.charts[0]).not.toHaveProperty("hasSchema");
  });
});

describe("OS packs", () => {
  it("puts documented annotations of the chosen cloud in typed fields and writes them back", () => {
    const pack = {
      name: "golden-centos-aws",
      displayName: "CentOS",
      version: "7.7.1908",
      layer: "os",
      cloudTypes: ["aws"],
      group: "",
      eol: "2024-06-30",
      kubeManifests: [],
      annotations: {
        cloudRegion: "us-east-1",
        imageId: "ami-0123456789abcdef0",
        imageOwner: "123456789012",
        osName: "centos",
        os_spectro_version: "0",
        sshUsername: "centos",
        skipK8sInstall: "false",
        folder: "not-for-aws",
      },
    };
    const files = new Map([
      ["pack.json", new TextEncoder().encode(JSON.stringify(pack))],
      ["values.yaml", new Uint8Array()],
    ]);
    const r = packFilesToDraft(files);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.values.os.imageId).toBe("ami-0123456789abcdef0");
    expect(r.value.values.os.skipK8sInstall).toBe("false");
    // vSphere's folder is not a typed field of an AWS pack: it stays a free annotation.
    expect(r.value.values.annotations).toEqual([
      { key: "folder", value: "not-for-aws" },
    ]);
    const text = new TextDecoder().decode(
      draftToPackFiles(r.value.values, r.value.blobs).get("pack.json"),
    );
    expect(JSON.parse(text)).toEqual(pack);
    // Field order follows the documented example.
    expect(Object.keys(JSON.parse(text) as object)).toEqual(Object.keys(pack));
  });

  it("refuses a pack without pack.json", () => {
    const r = packFilesToDraft(new Map([["values.yaml", new Uint8Array()]]));
    expect(r.ok).toBe(false);
  });
});

describe("a pack imported with macOS Finder's metadata", () => {
  it("leaves out __MACOSX/ and every .DS_Store, keeping the rest byte for byte", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const fork = new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]);
    const withFinder = new Map(files)
      .set("__MACOSX/hello-universe-1.3.1/._pack.json", fork)
      .set(".DS_Store", fork)
      .set("manifests/.DS_Store", fork);
    const imported = packFilesToDraft(withFinder);
    if (!imported.ok) throw new Error(imported.error.message);
    const back = draftToPackFiles(imported.value.values, imported.value.blobs);
    expect([...back.keys()].sort()).toEqual([...files.keys()].sort());
    expect(
      validatePack(back).findings.filter((f) => f.code === "FILE_STRAY"),
    ).toEqual([]);
  });
});
