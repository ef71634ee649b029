import { describe, expect, it } from "vitest";

import { loadFixture } from "../../../../test/helpers/fixtures";
import { templateOnDisk } from "../../../../test/helpers/seeds";
import {
  blankDraft,
  nextVersionDraft,
  restoreDraftData,
  templateDraft,
} from "@/features/wizard/model/new-draft";

describe("new drafts", () => {
  it("a blank draft restores from its own JSON", () => {
    const d = blankDraft();
    expect(restoreDraftData(JSON.parse(JSON.stringify(d.data)))).toEqual({
      ok: true,
      value: d.data,
    });
  });

  it("a template draft carries the template's files", async () => {
    const r = templateDraft(
      "permission-manager",
      await templateOnDisk("permission-manager"),
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.value.data.meta.origin).toEqual({
      kind: "template",
      template: "permission-manager",
    });
    // The manifest and the logo.
    expect(r.value.blobs.size).toBe(2);
  });

  it("a template without pack.json is refused, naming it", () => {
    const r = templateDraft("broken", new Map());
    expect(r).toEqual({
      ok: false,
      error:
        "the template broken cannot be read: pack.json is missing: every pack needs it at its root",
    });
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
