import { screen, within } from "@testing-library/react";
import type userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { memoryDraftStore } from "@/features/drafts/api/draft-store";
import type { StepId } from "@/features/wizard/model/draft-schema";
import { blankDraft } from "@/features/wizard/model/new-draft";

import { renderWizard as renderBuilder } from "./render";

/*
 * The builder's step status as the user sees it: the stepper's buttons (name = label + status in
 * words, `aria-current="step"` on the current one, disabled until reached) and what "Next" does
 * when the step has errors. The real wizard renders over a blank draft; storage is the in-memory
 * draft store.
 */

function renderWizard(
  meta: { step: StepId; visited: StepId[] } = {
    step: "basics",
    visited: ["basics"],
  },
) {
  const draft = blankDraft();
  draft.data.meta = { ...draft.data.meta, ...meta };
  return renderBuilder(memoryDraftStore(), draft);
}

const stepper = () => screen.getByRole("navigation", { name: "Steps" });
const stepButton = (label: string) =>
  within(stepper()).getByRole("button", { name: new RegExp(`^${label},`) });
/** Each step's status as the stepper says it in words. */
const statuses = () =>
  Object.fromEntries(
    within(stepper())
      .getAllByRole("button")
      .map((b) => {
        const [label, status] = (b.textContent ?? "")
          .replace(/^\d|^[✓!]/, "")
          .split(", ");
        return [label, status];
      }),
  );
const heading = () => screen.getByRole("heading", { level: 2 });

async function fillBasics(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(screen.getByLabelText("Add-on type"), "monitoring");
  await user.type(screen.getByLabelText("Name", { exact: true }), "my-pack");
  await user.type(screen.getByLabelText("Display name"), "My pack");
}

describe("the wizard's step status", () => {
  it("starts on Basics as the current step, every later step not started and not reachable", () => {
    renderWizard();
    expect(heading().textContent).toBe("Step 1 of 6: Basics");
    expect(statuses()).toEqual({
      Basics: "current step",
      Content: "not started",
      Logo: "not started",
      Values: "not started",
      Review: "not started",
      Publish: "not started",
    });
    expect(stepButton("Basics").getAttribute("aria-current")).toBe("step");
    expect(stepButton("Content")).toHaveProperty("disabled", true);
  });

  it("the Clouds: ticking a cloud unticks All clouds, ticking All clouds unticks the rest", async () => {
    const user = renderWizard();
    const box = (name: RegExp) => screen.getByRole("checkbox", { name });
    expect((box(/^All clouds/) as HTMLInputElement).checked).toBe(true);
    await user.click(box(/\(aws\)/));
    expect((box(/^All clouds/) as HTMLInputElement).checked).toBe(false);
    await user.click(box(/\(azure\)/));
    expect((box(/\(aws\)/) as HTMLInputElement).checked).toBe(true);
    await user.click(box(/^All clouds/));
    const checked = (name: RegExp) => (box(name) as HTMLInputElement).checked;
    expect([/^All clouds/, /\(aws\)/, /\(azure\)/].map(checked)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("a step with errors blocks Next and lists them; fixing them lets Next through", async () => {
    const user = renderWizard();
    await user.click(screen.getByRole("button", { name: /^Next/ }));

    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("There is a problem");
    // addonType does not block here: a new draft publishes to the Palette OCI registry, where the
    // core only warns about it (one rulebook, issue 9 item 7).
    expect(
      within(summary)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href")),
    ).toEqual(["#field-basics-name", "#field-basics-displayName"]);
    expect(heading().textContent).toBe("Step 1 of 6: Basics");
    expect(statuses()).toMatchObject({
      Basics: "current step",
      Content: "not started",
    });
    expect(stepButton("Content")).toHaveProperty("disabled", true);

    await fillBasics(user);
    await user.click(screen.getByRole("button", { name: /^Next/ }));
    expect(
      (await screen.findByRole("heading", { name: /Step 2 of 6/ })).textContent,
    ).toBe("Step 2 of 6: Content");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(statuses()).toMatchObject({
      Basics: "done",
      Content: "current step",
      Logo: "not started",
    });
    expect(
      stepButton("Basics").querySelector(".stepper__mark")?.textContent,
    ).toBe("✓");
    expect(stepButton("Content").getAttribute("aria-current")).toBe("step");
  });

  it("a visited step whose fields break again shows it has problems, with its mark", async () => {
    const user = renderWizard();
    await fillBasics(user);
    await user.click(screen.getByRole("button", { name: /^Next/ }));
    await screen.findByRole("heading", { name: /Step 2 of 6/ });

    await user.click(stepButton("Basics"));
    await user.clear(screen.getByLabelText("Name", { exact: true }));
    await user.click(stepButton("Content"));

    expect(heading().textContent).toBe("Step 2 of 6: Content");
    expect(statuses()).toMatchObject({
      Basics: "has problems",
      Content: "current step",
    });
    expect(
      stepButton("Basics").querySelector(".stepper__mark")?.textContent,
    ).toBe("!");
  });

  it("a draft reopened on a later step shows the steps it passed as done and the errors of one left broken", () => {
    renderWizard({ step: "content", visited: ["basics", "content", "logo"] });
    // A blank draft's Basics is empty: visited and invalid is "has problems", not "done".
    expect(statuses()).toMatchObject({
      Basics: "has problems",
      Content: "current step",
      Values: "not started",
    });
    expect(stepButton("Logo")).toHaveProperty("disabled", false);
    expect(stepButton("Values")).toHaveProperty("disabled", true);
  });
});
