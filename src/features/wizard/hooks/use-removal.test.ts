import { describe, expect, it } from "vitest";

import { fileRemoval } from "@/features/wizard/hooks/use-removal";

/*
 * README.md, presets.yaml, schema.yaml and the logo went in one click, for good (found by trying
 * the builder: "Remove presets.yaml", then "Add presets.yaml" gave back only the skeleton).
 */
function file(initial: string | null) {
  const box = { text: initial };
  // The one field the removal reads and writes (files.presets), as react-hook-form would.
  const form = {
    getValues: (() => box.text) as never,
    setValue: ((_: string, v: string | null) => {
      box.text = v;
    }) as never,
  };
  const request = (untouched = false) =>
    fileRemoval("presets.yaml", form, "files.presets", { untouched });
  return { box, request };
}

describe("removing a file the user may have written", () => {
  it("asks first when it holds the user's work, then Undo puts it back", () => {
    const { box, request } = file("presets:\n  - name: mine\n");
    const r = request();
    expect(r).toMatchObject({ what: "presets.yaml", confirm: true });
    const done = r.run();
    expect(box.text).toBeNull();
    expect(done.message).toBe("Removed presets.yaml.");
    expect(done.undo()).toBe("Put back presets.yaml.");
    expect(box.text).toBe("presets:\n  - name: mine\n");
  });

  it("does not ask for the untouched skeleton, and Undo still works", () => {
    const { box, request } = file("presets: []\n");
    const r = request(true);
    expect(r.confirm).toBe(false);
    const done = r.run();
    expect(done.undo()).toBe("Put back presets.yaml.");
    expect(box.text).toBe("presets: []\n");
  });

  it("Undo keeps a file added since: that one is the newer work", () => {
    const { box, request } = file("presets:\n  - name: old\n");
    const done = request().run();
    box.text = "presets:\n  - name: new\n";
    expect(done.undo()).toBe(
      "presets.yaml was not put back: the pack has a new presets.yaml since.",
    );
    expect(box.text).toBe("presets:\n  - name: new\n");
  });
});
