import { describe, expect, it } from "vitest";

import { memoryDraftStore } from "@/features/drafts/api/draft-store";

const input = (
  over: Partial<
    Parameters<ReturnType<typeof memoryDraftStore>["save"]>[0]
  > = {},
) => ({
  id: "d1",
  title: "My pack",
  subtitle: "my-pack@1.0.0",
  data: { a: 1 },
  blobIds: ["b1"],
  newBlobs: new Map([["b1", Uint8Array.of(1, 2, 3)]]),
  baseRev: null,
  ...over,
});

describe("draft store", () => {
  it("saves, lists newest first and loads with the files", async () => {
    const store = memoryDraftStore();
    const r = await store.save(input());
    expect(r).toMatchObject({ ok: true, rev: 1 });
    await store.save(input({ id: "d2", baseRev: null }));
    const list = await store.list();
    expect(list.map((d) => d.id)).toHaveLength(2);
    const loaded = await store.load("d1");
    expect(loaded?.draft.data).toEqual({ a: 1 });
    expect([...loaded!.blobs.get("b1")!]).toEqual([1, 2, 3]);
  });

  it("reports a conflict when another tab saved in between, and keeps that tab's work", async () => {
    const store = memoryDraftStore();
    await store.save(input());
    const other = await store.save(input({ baseRev: 1, data: { a: 2 } }));
    expect(other).toMatchObject({ ok: true, rev: 2 });
    const stale = await store.save(input({ baseRev: 1, data: { a: 3 } }));
    expect(stale).toMatchObject({ ok: false, conflict: { rev: 2 } });
    expect((await store.load("d1"))?.draft.data).toEqual({ a: 2 });
  });

  it("drops files the draft no longer uses", async () => {
    const store = memoryDraftStore();
    await store.save(input());
    await store.save(input({ baseRev: 1, blobIds: [], newBlobs: new Map() }));
    expect((await store.load("d1"))?.blobs.size).toBe(0);
  });

  it("removes a draft", async () => {
    const store = memoryDraftStore();
    await store.save(input());
    await store.remove("d1");
    expect(await store.load("d1")).toBeNull();
  });
});
