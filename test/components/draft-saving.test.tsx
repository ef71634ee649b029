import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DraftData } from "@/features/wizard/model/draft-schema";

import { fillTheDisk, freshIndexedDb, openAsNewPage, openRaw } from "./idb";
import { renderWizard, withQueryClient } from "./render";

/*
 * Drafts on IndexedDB as the user meets them: the builder saving as they type, what it says when
 * the browser's storage is full, and the drafts list when IndexedDB cannot be opened.
 */

const SAVE = { timeout: 5_000 };

/** The display name stored for draft d1, as a reloaded page reads it. */
async function storedDisplayName(): Promise<[number, string] | null> {
  const loaded = await (await openAsNewPage()).load("d1");
  if (!loaded) return null;
  const data = loaded.draft.data as DraftData;
  return [loaded.draft.rev, data.values.basics.displayName];
}

const saveStatus = () =>
  screen.getByText(/^(Draft|Saving)/, { selector: ".wizard__save" });

beforeEach(freshIndexedDb);
afterEach(() => vi.restoreAllMocks());

describe("the builder saving to IndexedDB", () => {
  it("saves the draft as the user types; a reload finds it", async () => {
    const user = renderWizard(await openAsNewPage());
    await screen.findByText(/^Draft saved at/, {}, SAVE);
    await user.type(screen.getByLabelText("Display name"), "My pack");
    await screen.findByText(/^Draft saved at/, {}, SAVE);
    await vi.waitFor(async () =>
      expect(await storedDisplayName()).toEqual([2, "My pack"]),
    );
  });

  it("a full disk: the message says so, what was typed stays on screen, what was stored is intact; Try again saves it", async () => {
    const user = renderWizard(await openAsNewPage());
    await screen.findByText(/^Draft saved at/, {}, SAVE);
    expect(await storedDisplayName()).toEqual([1, ""]);

    const freeTheDisk = fillTheDisk();
    await user.type(screen.getByLabelText("Display name"), "Full pack");
    const alert = await screen.findByRole("alert", {}, SAVE);
    expect(within(alert).getByText("The draft is not saved")).toBeTruthy();
    expect(alert.textContent).toContain(
      "The browser's storage is full: export the draft to keep it, or delete old drafts.",
    );
    // The message stays: the same content is not retried behind it (which hid it every 500 ms).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(screen.getByRole("alert")).toBe(alert);
    expect(saveStatus().textContent).toBe("Draft not saved");
    expect(screen.getByLabelText<HTMLInputElement>("Display name").value).toBe(
      "Full pack",
    );
    expect(await storedDisplayName()).toEqual([1, ""]);

    freeTheDisk();
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    await screen.findByText(/^Draft saved at/, {}, SAVE);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(await storedDisplayName()).toEqual([2, "Full pack"]);
  });
});

describe("the drafts list", () => {
  it("lists the drafts stored in IndexedDB, newest first", async () => {
    const store = await openAsNewPage();
    for (const [id, title] of [
      ["a", "Older pack"],
      ["b", "Newer pack"],
    ] as const) {
      await store.save({
        id,
        title,
        subtitle: `${id}@1.0.0 · addon`,
        data: {},
        blobIds: [],
        newBlobs: new Map(),
        baseRev: null,
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    // The list reads the store the page opened (the same module instance).
    const { DraftList } =
      await import("@/features/drafts/components/draft-list");
    withQueryClient(<DraftList />);
    const links = await screen.findAllByRole("link", { name: /pack$/ });
    expect(links.map((a) => a.textContent)).toEqual([
      "Continue Newer pack",
      "Older pack",
    ]);
    expect(
      screen.getByRole("button", { name: "Delete Older pack" }),
    ).toBeTruthy();
  });

  it("says drafts cannot be saved when IndexedDB cannot be opened", async () => {
    // A newer version of the app upgraded the database: this version cannot open it.
    (await openRaw(2)).close();
    await openAsNewPage();
    const { DraftList } =
      await import("@/features/drafts/components/draft-list");
    withQueryClient(<DraftList />);
    // A warning is a polite status whose first line is its title.
    const title = await screen.findByText(
      "Drafts cannot be saved in this browser",
    );
    expect(title.closest('[role="status"]')?.textContent).toContain(
      "is lost on reload: export it",
    );
  });
});
