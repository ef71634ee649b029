import { describe, expect, it } from "vitest";

import { readmeSkeleton } from "../../src/features/wizard/model/empty-values";
import { validatePack, type Target } from "../../src/pack/validate";
import { fixtureDirsOnDisk, loadFixture } from "../helpers/fixtures";

const enc = (s: string) => new TextEncoder().encode(s);
const TARGETS: Target[] = ["oci", "spectro-cli", "pack-central"];

const placeholder = (files: Map<string, Uint8Array>, target: Target) =>
  validatePack(files, { target }).findings.filter(
    (f) => f.code === "README_PLACEHOLDER",
  );

describe("README_PLACEHOLDER", () => {
  it("no real pack's README is called a placeholder", async () => {
    for (const dir of fixtureDirsOnDisk()) {
      const files = await loadFixture(dir);
      if (!files.has("README.md")) continue;
      expect([dir, placeholder(files, "oci")]).toEqual([dir, []]);
    }
  });

  it("quotes the placeholder line cut at a word's end, with an ellipsis", () => {
    const [f] = placeholder(
      new Map([["README.md", enc(readmeSkeleton("My pack"))]]),
      "oci",
    );
    const quoted = /placeholder text \("([^"]*)"\)/.exec(f?.message ?? "")?.[1];
    expect(quoted).toBeDefined();
    // The skeleton's line 3 is longer than the 80 characters quoted: cut after a whole word.
    expect(readmeSkeleton("My pack").split("\n")[2]!.length).toBeGreaterThan(
      80,
    );
    expect(quoted!.length).toBeLessThanOrEqual(81);
    expect(quoted).toMatch(/\S…$/);
    expect(readmeSkeleton("My pack")).toContain(`${quoted!.slice(0, -1)} `);
  });

  it.each([
    {
      // The builder's own skeleton, not a copy of it: a reworded skeleton must still be caught.
      name: "the builder's skeleton",
      readme: readmeSkeleton("My pack"),
      line: 3,
    },
    {
      name: "a TODO",
      readme: "# x\n\n" + "word ".repeat(40) + "\n\nTODO: usage\n",
      line: 5,
    },
    {
      name: "a title and a few words",
      readme: "# Hello\n\nIt installs hello.\n",
      line: undefined,
    },
  ])("$name is a warning on every target", async ({ readme, line }) => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    files.set("README.md", enc(readme));
    for (const target of TARGETS) {
      const found = placeholder(files, target);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        severity: "warning",
        file: "README.md",
      });
      expect(found[0]!.line).toBe(line);
    }
  });
});
