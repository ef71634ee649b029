import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import {
  EditorFallback,
  PREVIEW_LINES,
  textPreview,
} from "../../src/lib/monaco/editor-fallback";

/** A values.yaml of about 1 MB: 27,000 lines. */
const big = Array.from(
  { length: 27_000 },
  (_, i) => `key${i}: "a value long enough to make the file large, ${i}"\n`,
).join("");

describe("the plain text shown in place of the editor", () => {
  it("while the editor loads, shows the start of a long text and says the rest is coming", () => {
    render(
      <EditorFallback
        panes={[{ label: "values.yaml editor", text: big }]}
        height="20rem"
        state="loading"
      />,
    );
    const pane = screen.getByRole("region", { name: "values.yaml editor" });
    const lines = pane.textContent!.split("\n");
    expect(lines[0]).toBe(
      'key0: "a value long enough to make the file large, 0"',
    );
    expect(lines[PREVIEW_LINES - 1]).toBe(
      `key${PREVIEW_LINES - 1}: "a value long enough to make the file large, ${PREVIEW_LINES - 1}"`,
    );
    expect(lines).toHaveLength(PREVIEW_LINES + 1);
    expect(lines.at(-1)).toBe(
      "… the rest of the file shows once the editor has loaded",
    );
  });

  it("when the editor failed, shows the whole text, editable where it was", () => {
    const { rerender } = render(
      <EditorFallback
        panes={[{ label: "values.yaml editor", text: big }]}
        height="20rem"
        state="failed"
        onChange={() => undefined}
      />,
    );
    expect(
      (
        screen.getByRole("textbox", {
          name: "values.yaml editor",
        }) as HTMLTextAreaElement
      ).value,
    ).toBe(big);
    rerender(
      <EditorFallback
        panes={[{ label: "values.yaml editor", text: big }]}
        height="20rem"
        state="failed"
      />,
    );
    expect(
      screen.getByRole("region", { name: "values.yaml editor" }).textContent,
    ).toBe(big);
  });
});

describe("textPreview", () => {
  it.each([
    ["a short text, whole", "a: 1\nb: 2\n", "a: 1\nb: 2\n", false],
    ["no newline at the end", "a: 1", "a: 1", false],
    ["the empty text", "", "", false],
  ])("%s", (_, text, head, cut) => {
    expect(textPreview(text)).toEqual({ head, cut });
  });

  it("stops after its last whole line", () => {
    const text = "x\n".repeat(PREVIEW_LINES + 5);
    expect(textPreview(text)).toEqual({
      head: "x\n".repeat(PREVIEW_LINES),
      cut: true,
    });
    expect(textPreview("x\n".repeat(PREVIEW_LINES))).toEqual({
      head: "x\n".repeat(PREVIEW_LINES),
      cut: false,
    });
  });

  it("cuts one long line (a minified file) at 30,000 characters", () => {
    const line = "y".repeat(1_000_000);
    expect(textPreview(line).head).toHaveLength(30_000);
    expect(textPreview(line).cut).toBe(true);
    expect(textPreview(`a\n${line}\nb\n`).head).toHaveLength(30_000);
  });
});
