import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { memoryDraftStore } from "@/features/drafts/api/draft-store";
import { blankDraft } from "@/features/wizard/model/new-draft";
import type { PackRequest } from "@/lib/pack-worker/protocol";

import { inPageWorkers } from "./in-page-worker";
import { renderWizard } from "./render";

/*
 * The quick check of a values.yaml edit, through the real builder, its two pack workers running
 * the real handler in this thread (in-page-worker.ts). The full check's worker
 * ("packsmith-pack") can be held, as a worker busy with a big pack is.
 */
const FULL = "packsmith-pack";
const held: PackRequest[] = [];
/** The full check's worker: each request's method by id, and the methods answered, in order. */
const methods = new Map<number, string>();
const answered: string[] = [];
let holdFull = false;
const workers = inPageWorkers({
  request: (worker, request) => {
    if (worker !== FULL) return undefined;
    methods.set(request.id, request.method);
    if (!holdFull) return undefined;
    held.push(request);
    return "hold";
  },
  answer: (worker, message) => {
    if (worker === FULL && message.type === "result")
      answered.push(methods.get(message.id)!);
  },
});

describe("a values.yaml edit is checked at once, before the full check", () => {
  it(
    "the quick check's error shows while the full check is held, and the full check's after",
    // The whole builder is rendered in jsdom: ~20 s alone, more beside the other suites.
    { timeout: 120_000 },
    async () => {
      const draft = blankDraft();
      draft.data.meta = {
        ...draft.data.meta,
        step: "values",
        visited: ["basics", "content", "logo", "values"],
      };
      draft.data.values.files.values = "pack:\n  namespace: demo\n";
      renderWizard(memoryDraftStore(), draft);
      const editor = await screen.findByRole(
        "textbox",
        { name: "values.yaml editor" },
        { timeout: 90_000 },
      );
      const problems = () =>
        document.querySelector<HTMLElement>(".text-file__problems")!;
      const errors = () =>
        [...problems().querySelectorAll(".problem--error")].map(
          (li) => li.textContent,
        );
      // The first full check is in (the blank pack's warnings are listed), with no error.
      await waitFor(() => expect(problems().textContent).toMatch(/warning/));
      expect(errors()).toEqual([]);

      holdFull = true;
      fireEvent.change(editor, {
        target: { value: "broken: [unclosed\npack:\n  namespace: demo\n" },
      });
      // The quick check answered; the full check of this text is held, or not even asked for
      // yet (it waits for typing to pause).
      await waitFor(() => expect(errors()).toHaveLength(1), { timeout: 5000 });
      const quickError = errors()[0]!;
      expect(quickError).toMatch(
        /^error\s*line 1\s*values\.yaml: Flow sequence/,
      );
      // The error's own line button (the blank pack's IMAGES_MISSING warning is at line 1 too).
      expect(
        within(
          problems().querySelector<HTMLElement>(".problem--error")!,
        ).getByRole("button", { name: "line 1" }),
      ).toBeTruthy();
      await waitFor(() =>
        expect(held.map((r) => r.method)).toContain("validateRefs"),
      );
      expect(errors()).toEqual([quickError]);

      // The full check's report says the same.
      holdFull = false;
      for (const request of held.splice(0)) workers.handle(FULL, request);
      await waitFor(() =>
        expect(answered.filter((m) => m === "validateRefs").length).toBe(2),
      );
      await waitFor(() => expect(errors()).toEqual([quickError]));
    },
  );
});
