import { describe, expect, it } from "vitest";

import { loadFixture } from "../../../../test/helpers/fixtures";
import { draftToPackFiles } from "@/features/wizard/model/draft-to-pack-files";
import { packFilesToDraft } from "@/features/wizard/model/pack-files-to-draft";

describe("draftToPackFiles encodes a text file only when its text changed", () => {
  it("the same values.yaml text gives the same bytes object; an edit gives its own bytes", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const imported = packFilesToDraft(files);
    if (!imported.ok) throw new Error(imported.error.message);
    const { values, blobs } = imported.value;
    const first = draftToPackFiles(values, blobs);
    // Another render: a new values object whose values.yaml is an equal string built anew.
    const again = structuredClone(values);
    again.files.values = `${values.files.values!.slice(0, 10)}${values.files.values!.slice(10)}`;
    const second = draftToPackFiles(again, blobs);
    expect(second.get("values.yaml")).toBe(first.get("values.yaml"));
    expect(second.get("pack.json")).toBe(first.get("pack.json"));
    expect(
      Buffer.from(second.get("values.yaml")!).equals(
        Buffer.from(files.get("values.yaml")!),
      ),
    ).toBe(true);

    const edited = structuredClone(values);
    edited.files.values = `${values.files.values}\nextra: 1\n`;
    const third = draftToPackFiles(edited, blobs);
    expect(third.get("values.yaml")).not.toBe(first.get("values.yaml"));
    expect(new TextDecoder().decode(third.get("values.yaml"))).toBe(
      edited.files.values,
    );
    // Back to the first text: right bytes again (what the last edit encoded is not reused).
    const back = draftToPackFiles(values, blobs);
    expect(new TextDecoder().decode(back.get("values.yaml"))).toBe(
      values.files.values,
    );
  });
});
