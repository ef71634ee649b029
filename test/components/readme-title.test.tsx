import { readFileSync } from "node:fs";
import { join } from "node:path";

import { screen } from "@testing-library/react";
import { expect, it, vi } from "vitest";

import { memoryDraftStore } from "@/features/drafts/api/draft-store";
import type { DraftData } from "@/features/wizard/model/draft-schema";
import { readmeSkeleton } from "@/features/wizard/model/empty-values";
import { blankDraft } from "@/features/wizard/model/new-draft";

import { renderWizard } from "./render";

/*
 * A blank pack's README is the skeleton made with the draft, titled "My pack": its title follows
 * the display name typed on Basics while nobody has edited it, never once they have.
 */

const SAVE = { timeout: 5_000 };

/** The display name and README of draft d1 as last saved. */
async function saved(store: ReturnType<typeof memoryDraftStore>) {
  const data = (await store.load("d1"))?.draft.data as DraftData | undefined;
  return data && [data.values.basics.displayName, data.values.files.readme];
}

it("the untouched README skeleton takes the display name as its title, as it is typed and changed", async () => {
  const store = memoryDraftStore();
  const user = renderWizard(store);
  const displayName = screen.getByLabelText("Display name");
  await user.type(displayName, "Crossplane");
  await vi.waitFor(
    async () =>
      expect(await saved(store)).toEqual([
        "Crossplane",
        readmeSkeleton("Crossplane"),
      ]),
    SAVE,
  );
  await user.clear(displayName);
  await user.type(displayName, "Crossplane XP");
  await vi.waitFor(
    async () =>
      expect(await saved(store)).toEqual([
        "Crossplane XP",
        readmeSkeleton("Crossplane XP"),
      ]),
    SAVE,
  );
});

it("a README the user wrote keeps its own title", async () => {
  // jsdom's import.meta.url is not a file URL: the fixtures are found from the project root.
  const readme = readFileSync(
    join(
      process.cwd(),
      "test/fixtures/pack-central/crossplane-2.3.0/README.md",
    ),
    "utf8",
  );
  const draft = blankDraft();
  draft.data.values.files.readme = readme;
  const store = memoryDraftStore();
  const user = renderWizard(store, draft);
  await user.type(screen.getByLabelText("Display name"), "Crossplane");
  await vi.waitFor(
    async () => expect(await saved(store)).toEqual(["Crossplane", readme]),
    SAVE,
  );
});
