import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";

import {
  draftQueryOptions,
  rememberSavedDraft,
} from "@/features/drafts/api/draft-queries";

describe("rememberSavedDraft", () => {
  it("opens the draft just saved from the bytes in hand, not from the store", async () => {
    const queryClient = new QueryClient();
    const blobs = new Map([["b1", new Uint8Array([1, 2, 3])]]);
    const input = {
      id: "d1",
      title: "Bench Pack",
      subtitle: "bench-pack@1.0.1 · addon",
      data: { format: 1 },
      blobIds: ["b1"],
      newBlobs: blobs,
      baseRev: null,
    };
    rememberSavedDraft(queryClient, input, blobs, {
      rev: 1,
      savedAt: "2026-11-26T20:00:00.000Z",
    });
    // The store (IndexedDB or memory) holds no such draft: a read would give null.
    const loaded = await queryClient.ensureQueryData(draftQueryOptions("d1"));
    expect(loaded?.blobs).toBe(blobs);
    expect(loaded?.draft).toEqual({
      id: "d1",
      title: "Bench Pack",
      subtitle: "bench-pack@1.0.1 · addon",
      data: { format: 1 },
      blobIds: ["b1"],
      createdAt: "2026-11-26T20:00:00.000Z",
      savedAt: "2026-11-26T20:00:00.000Z",
      rev: 1,
    });
    const other = await queryClient.ensureQueryData(draftQueryOptions("d2"));
    expect(other).toBeNull();
  });
});
