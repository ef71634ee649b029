import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { DraftSaveInput } from "@/features/drafts/api/draft-store";

import { fillTheDisk, freshIndexedDb, openAsNewPage, openRaw } from "./idb";

/*
 * The draft store the app runs: IndexedDB (fake-indexeddb), opened through openDraftStore as a
 * page does. A "reload" is a fresh module instance (the store is opened once per page) over the
 * same database.
 */

const input = (over: Partial<DraftSaveInput> = {}): DraftSaveInput => ({
  id: "d1",
  title: "My pack",
  subtitle: "my-pack@1.0.0 · addon",
  data: { values: { name: "my-pack" } },
  blobIds: ["chart", "logo"],
  newBlobs: new Map([
    ["chart", Uint8Array.of(31, 139, 8)],
    ["logo", Uint8Array.of(137, 80, 78, 71)],
  ]),
  baseRev: null,
  ...over,
});

beforeEach(freshIndexedDb);
afterEach(() => vi.restoreAllMocks());

describe("the IndexedDB draft store", () => {
  it("is IndexedDB, not the memory fallback", async () => {
    expect((await openAsNewPage()).kind).toBe("indexeddb");
  });

  it("saves, lists newest first, loads with the files and deletes", async () => {
    const store = await openAsNewPage();
    expect(await store.save(input())).toMatchObject({ ok: true, rev: 1 });
    await new Promise((r) => setTimeout(r, 5));
    expect(
      await store.save(
        input({ id: "d2", title: "Other", newBlobs: new Map(), blobIds: [] }),
      ),
    ).toMatchObject({ ok: true, rev: 1 });

    expect((await store.list()).map((d) => [d.id, d.title, d.rev])).toEqual([
      ["d2", "Other", 1],
      ["d1", "My pack", 1],
    ]);
    const loaded = await store.load("d1");
    expect(loaded?.draft).toMatchObject({
      id: "d1",
      subtitle: "my-pack@1.0.0 · addon",
      data: { values: { name: "my-pack" } },
      blobIds: ["chart", "logo"],
    });
    expect(loaded?.blobs).toEqual(
      new Map([
        ["chart", Uint8Array.of(31, 139, 8)],
        ["logo", Uint8Array.of(137, 80, 78, 71)],
      ]),
    );

    await store.remove("d1");
    expect(await store.load("d1")).toBeNull();
    expect((await store.list()).map((d) => d.id)).toEqual(["d2"]);
  });

  it("survives a reload: a new page's store has the drafts and their files", async () => {
    const first = await openAsNewPage();
    await first.save(input());
    await first.save(
      input({
        baseRev: 1,
        data: { values: { name: "renamed" } },
        blobIds: ["chart"],
        newBlobs: new Map(),
      }),
    );

    const reloaded = await openAsNewPage();
    expect(reloaded).not.toBe(first);
    expect(reloaded.kind).toBe("indexeddb");
    const loaded = await reloaded.load("d1");
    expect(loaded?.draft).toMatchObject({
      rev: 2,
      data: { values: { name: "renamed" } },
    });
    // The logo the second save dropped is gone from storage, the chart kept.
    expect([...(loaded?.blobs.keys() ?? [])]).toEqual(["chart"]);
  });

  it("refuses a save built on an old revision (another tab saved) and keeps that tab's work", async () => {
    const store = await openAsNewPage();
    await store.save(input());
    await store.save(input({ baseRev: 1, data: { tab: "A" } }));
    const stale = await store.save(input({ baseRev: 1, data: { tab: "B" } }));
    expect(stale).toMatchObject({ ok: false, conflict: { rev: 2 } });
    expect((await store.load("d1"))?.draft.data).toEqual({ tab: "A" });
  });

  // A builder that published (the draft removed with its files) and carried on saved the draft
  // again naming files it no longer sent: a draft stored without them, opened as missing charts.
  it.each(["indexeddb", "memory"] as const)(
    "%s: refuses a save naming files neither sent nor stored, and stores nothing of it",
    async (kind) => {
      const store =
        kind === "indexeddb"
          ? await openAsNewPage()
          : (
              await import("@/features/drafts/api/draft-store")
            ).memoryDraftStore();
      await store.save(input());
      await store.remove("d1");
      await expect(
        store.save(input({ baseRev: 1, newBlobs: new Map() })),
      ).rejects.toThrow(
        "2 of its files are no longer in this browser's storage (the draft was published or deleted meanwhile); nothing was saved: export the draft to keep it",
      );
      expect(await store.load("d1")).toBeNull();
      // Sent again with the save, they are stored: the draft is whole.
      expect(await store.save(input())).toMatchObject({ ok: true, rev: 1 });
      expect((await store.load("d1"))?.blobs.size).toBe(2);
    },
  );

  it("a full disk rejects the save with QuotaExceededError and loses nothing stored", async () => {
    const store = await openAsNewPage();
    await store.save(input());

    const restore = fillTheDisk();
    const failed = store.save(
      input({
        baseRev: 1,
        data: { values: { name: "bigger" } },
        blobIds: ["chart", "logo", "big"],
        newBlobs: new Map([["big", new Uint8Array(1024)]]),
      }),
    );
    await expect(failed).rejects.toMatchObject({ name: "QuotaExceededError" });
    restore();

    // What was stored before is intact, to the byte, and the failed save left nothing behind.
    const after = await (await openAsNewPage()).load("d1");
    expect(after?.draft).toMatchObject({
      rev: 1,
      data: { values: { name: "my-pack" } },
    });
    expect(after?.blobs).toEqual(
      new Map([
        ["chart", Uint8Array.of(31, 139, 8)],
        ["logo", Uint8Array.of(137, 80, 78, 71)],
      ]),
    );
    // Once there is room, the same save (same base revision) goes through.
    expect(
      await store.save(
        input({ baseRev: 1, data: { values: { name: "bigger" } } }),
      ),
    ).toMatchObject({ ok: true, rev: 2 });
  });

  it("falls back to memory when IndexedDB cannot be opened, leaving the database alone", async () => {
    // A newer version of the app upgraded the database (version 2): version 1 cannot open it.
    const db = await openRaw(2, (d) => {
      d.createObjectStore("drafts", { keyPath: "id" }).put({ id: "kept" });
    });
    db.close();

    const fallback = await openAsNewPage();
    expect(fallback.kind).toBe("memory");
    expect(await fallback.list()).toEqual([]);

    const again = await openRaw(2);
    const kept = await new Promise((resolve) => {
      const req = again.transaction("drafts").objectStore("drafts").get("kept");
      req.onsuccess = () => resolve(req.result);
    });
    again.close();
    expect(kept).toEqual({ id: "kept" });
  });
});
