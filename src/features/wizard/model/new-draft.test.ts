import { describe, expect, it } from "vitest";

import { loadFixture } from "../../../../test/helpers/fixtures";
import {
  blankDraft,
  nextVersionDraft,
  restoreDraftData,
  templateDraft,
} from "@/features/wizard/model/new-draft";
import { TEMPLATES } from "@/features/wizard/templates/templates";

describe("new drafts", () => {
  it("a blank draft restores from its own JSON", () => {
    const d = blankDraft();
    expect(restoreDraftData(JSON.parse(JSON.stringify(d.data)))).toEqual({
      ok: true,
      value: d.data,
    });
  });

  it("a template draft carries the template's files", () => {
    const t = TEMPLATES.find((x) => x.id === "permission-manager")!;
    const d = templateDraft(t);
    expect(d.data.meta.origin).toEqual({
      kind: "template",
      template: "permission-manager",
    });
    expect(d.blobs.size).toBe(1);
  });

  it("an imported pack becomes its next version and remembers the previous one", async () => {
    const files = await loadFixture("tutorials/hello-universe-pack");
    const r = nextVersionDraft(files, "hello-universe-pack.zip");
    if (!r.ok) throw new Error(r.error);
    expect(r.value.data.values.basics.version).toBe("1.0.1");
    expect(r.value.data.meta.origin).toEqual({
      kind: "import",
      source: "hello-universe-pack.zip",
      previous: {
        name: "hellouniverse",
        displayName: expect.any(String),
        version: "1.0.0",
      },
    });
  });

  it("refuses JSON that is not a draft, saying where", () => {
    const r = restoreDraftData({
      format: 1,
      meta: { origin: { kind: "blank" }, step: "nowhere", visited: [] },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain("meta.step");
  });
});
