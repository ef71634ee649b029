import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { QuickDiff, quickHunks } from "../../src/lib/monaco/quick-diff";
import { readFileSync } from "node:fs";
import { join } from "node:path";

describe("the quick diff shown while Monaco loads", () => {
  it("lists a real values.yaml's changed lines with their context, removed and added", () => {
    // jsdom's import.meta.url is not a file URL: the fixture is found from the project root.
    const before = readFileSync(
      join(
        process.cwd(),
        "test/fixtures/pack-central/hello-universe-1.3.1/values.yaml",
      ),
      "utf8",
    );
    const after = before.replace("    replicas: 1\n", "    replicas: 3\n");
    const hunks = quickHunks(before, after)!;
    expect(hunks).toHaveLength(1);
    const lineNo = before.split("\n").indexOf("    replicas: 1") + 1;
    render(
      <QuickDiff hunks={hunks} label="Changes to values.yaml" height="20rem" />,
    );
    const region = screen.getByRole("region", {
      name: "Changes to values.yaml",
    });
    expect(
      [...region.querySelectorAll("del")].map((e) => e.textContent),
    ).toEqual(["-     replicas: 1"]);
    expect(
      [...region.querySelectorAll("ins")].map((e) => e.textContent),
    ).toEqual(["+     replicas: 3"]);
    expect(region.querySelector(".quick-diff__where")!.textContent).toMatch(
      new RegExp(`^lines \\d+–${lineNo} → lines \\d+–${lineNo}$`),
    );
    // Three lines of context before the change, none after (the file ends there).
    expect(
      region.querySelectorAll("pre > span:not(.quick-diff__where)"),
    ).toHaveLength(3);
  });

  it("says when the two texts are the same", () => {
    render(
      <QuickDiff hunks={quickHunks("a\n", "a\n")!} label="x" height="1rem" />,
    );
    expect(screen.getByText("The two texts are the same.")).toBeTruthy();
  });

  it("says when a side lost its last line break, which otherwise reads as no change", () => {
    const { container } = render(
      <QuickDiff
        hunks={quickHunks("a\nb\n", "a\nb")!}
        label="x"
        height="1rem"
      />,
    );
    expect(
      [...container.querySelectorAll("del")].map((e) => e.textContent),
    ).toEqual(["- b"]);
    expect(
      [...container.querySelectorAll("ins")].map((e) => e.textContent),
    ).toEqual(["+ b"]);
    expect(container.textContent).toContain(
      "(no line break at the end of the file)",
    );
  });

  it("marks the blanks a changed line ends with, and says a side with no line has nothing", () => {
    const { container } = render(
      <QuickDiff
        hunks={quickHunks("", "ns: a  \nb: 1\n")!}
        label="x"
        height="1rem"
      />,
    );
    expect(container.querySelector(".quick-diff__where")!.textContent).toBe(
      "nothing → lines 1–2",
    );
    const blanks = container.querySelectorAll("ins .quick-diff__blanks");
    expect([...blanks].map((e) => e.textContent)).toEqual(["  "]);
    expect(container.querySelector("ins")!.textContent).toBe("+ ns: a  ");
  });

  it("gives up on texts too large for the page's thread, or too different", () => {
    const big = "x\n".repeat(150_000);
    expect(quickHunks(big, `${big}y\n`)).toBeNull();
    const lines = (seed: number) =>
      Array.from(
        { length: 12_000 },
        (_, i) => `k${i}: ${(i * seed) % 9973}\n`,
      ).join("");
    expect(quickHunks(lines(7), lines(13))).toBeNull();
  });
});
