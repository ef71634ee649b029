import { screen } from "@testing-library/react";
import { expect, it } from "vitest";

import { memoryDraftStore } from "@/features/drafts/api/draft-store";
import { OCI_NAME } from "@/pack/schemas";

import { renderWizard } from "./render";

/** The text of the elements an input names in aria-describedby: its hint (and error). */
const description = (input: HTMLElement): string =>
  (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

it("the Name field's hint names each separator the name rule allows (-, . and _)", () => {
  renderWizard(memoryDraftStore());
  const hint = description(screen.getByLabelText("Name", { exact: true }));
  // Each separator as a word of its own ("-, . or _"), not the dot ending "e.g." or a sentence.
  const named = hint.split(/[\s,()]+/);
  for (const separator of ["-", ".", "_"]) {
    expect(OCI_NAME.test(`my${separator}app`)).toBe(true);
    expect(named).toContain(separator);
  }
});
