import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { loadFixture } from "../../../../test/helpers/fixtures";
import { wizardValuesSchema } from "@/features/wizard/model/draft-schema";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import { mergeEdits } from "@/features/wizard/model/merge-edits";
import { packFilesToDraft } from "@/features/wizard/model/pack-files-to-draft";

const SEEDS = new URL(
  "../../../../test/fixtures/seed-examples/",
  import.meta.url,
);
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith(".pack.json"));
const encoder = new TextEncoder();

function seed(file: string): { text: string; json: Record<string, unknown> } {
  const text = readFileSync(new URL(file, SEEDS), "utf8");
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}

/** Import a pack.json alone, let `edit` change the form, write pack.json back. */
function roundTrip(
  text: string,
  edit: (v: ReturnType<typeof wizardValuesSchema.parse>) => void = () => {},
): Record<string, unknown> {
  const r = packFilesToDraft(new Map([["pack.json", encoder.encode(text)]]));
  if (!r.ok) throw new Error(r.error.message);
  // Through JSON, as a stored draft goes.
  const values = wizardValuesSchema.parse(
    JSON.parse(JSON.stringify(r.value.values)),
  );
  edit(values);
  const out = draftToPackFiles(values, r.value.blobs).get("pack.json");
  return JSON.parse(new TextDecoder().decode(out)) as Record<string, unknown>;
}

it("finds the six seed examples", () => {
  expect(seedFiles).toHaveLength(6);
});

describe.each(seedFiles)("seed %s", (file) => {
  it("imported and written back untouched, pack.json is the documentation's", () => {
    const { text, json } = seed(file);
    const back = roundTrip(text);
    expect(back).toStrictEqual(json);
    expect(Object.keys(back)).toEqual(Object.keys(json));
  });
});

describe("edits are applied, the rest stays as written", () => {
  it("a new version keeps the single-space eol and group and the empty lists", () => {
    const { text, json } = seed("prometheus-grafana.pack.json");
    const back = roundTrip(text, (v) => {
      v.basics.version = "9.7.3";
    });
    expect(back).toStrictEqual({ ...json, version: "9.7.3" });
  });

  it("one edited OS annotation leaves the others and the empty group", () => {
    const { text, json } = seed("golden-centos-aws.pack.json");
    const back = roundTrip(text, (v) => {
      v.os.imageId = "ami-0123456789abcdef0";
    });
    expect(back).toStrictEqual({
      ...json,
      annotations: {
        ...(json.annotations as object),
        imageId: "ami-0123456789abcdef0",
      },
    });
  });

  it("a field the user empties is written as the wizard writes it", () => {
    const { text, json } = seed("golden-ubuntu-vsphere.pack.json");
    const back = roundTrip(text, (v) => {
      v.basics.group = "";
    });
    // The wizard leaves an empty optional group out; the user's edit is what counts.
    const expected = { ...json };
    delete expected.group;
    expect(back).toStrictEqual(expected);
  });

  it("an edited dependency keeps the author's shape (no minVersion added)", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const original = JSON.parse(
      new TextDecoder().decode(files.get("pack.json")),
    ) as { constraints: { dependencies: Record<string, unknown>[] } };
    const back = roundTrip(
      new TextDecoder().decode(files.get("pack.json")),
      (v) => {
        v.constraints.dependencies[0]!.maxVersion = "3.26.8";
      },
    ) as typeof original;
    expect(back.constraints.dependencies[0]).toStrictEqual({
      ...original.constraints.dependencies[0],
      maxVersion: "3.26.8",
    });
  });
});

describe("mergeEdits", () => {
  it("keeps keys the wizard never wrote, drops keys the user removed, adds new ones", () => {
    const original = { a: "", b: {}, c: "x", d: [] };
    const base = { c: "x", d: [] };
    const now = { c: "y", e: "new" };
    expect(mergeEdits(original, base, now)).toStrictEqual({
      a: "",
      b: {},
      c: "y",
      e: "new",
    });
  });

  it("keeps a `__proto__` key as an own key", () => {
    const original = JSON.parse('{"__proto__": {"x": 1}, "v": "1"}') as object;
    const out = mergeEdits(original, { v: "1" }, { v: "2" }) as object;
    expect(Object.keys(out)).toEqual(["__proto__", "v"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
