import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { memoryDraftStore } from "@/features/drafts/api/draft-store";
import { useAutosave } from "@/features/wizard/hooks/use-autosave";
import type { DraftData } from "@/features/wizard/model/draft-schema";
import { blankDraft } from "@/features/wizard/model/new-draft";

/*
 * After a publish the draft is removed from storage with its files, and the builder stays open.
 * Carrying on (a step back, an edit) saved the draft again naming files it no longer sent: a
 * reload opened it with every chart and manifest missing (found by trying the builder).
 */

const CHART = Uint8Array.of(31, 139, 8, 0);

interface Props {
  content: string;
  step: string;
}

function setup() {
  const store = memoryDraftStore();
  const { data } = blankDraft();
  const blobs = new Map([["chart", CHART]]);
  const snapshot = ({ content, step }: Props) => ({
    data: { ...data, meta: { ...data.meta, step } } as DraftData,
    blobs,
    content,
    fingerprint: `${content}:${step}`,
  });
  const hook = renderHook(
    (p: Props) =>
      useAutosave({
        draftId: "d1",
        storage: store,
        initialRev: null,
        initialSavedAt: null,
        snapshot: snapshot(p),
      }),
    { initialProps: { content: "v1", step: "publish" } },
  );
  return { store, hook };
}

describe("the autosave after a publish", () => {
  it("stores nothing for a step change, then the whole draft, files and all, on the first edit", async () => {
    const { store, hook } = setup();
    await act(() => hook.result.current.flush());
    expect((await store.load("d1"))?.blobs.size).toBe(1);

    // Published: the draft and its files are removed, as the build page does; the header says
    // so rather than "Draft saved at …" (an exploratory review).
    act(() => hook.result.current.forget());
    await store.remove("d1");
    expect(hook.result.current.status).toBe("published");

    // A step back: the registry holds this content; no draft comes back.
    hook.rerender({ content: "v1", step: "basics" });
    expect(await act(() => hook.result.current.flush())).toBe(true);
    expect(await store.load("d1")).toBeNull();
    expect(hook.result.current.status).toBe("published");

    // An edit: the draft is stored again with its chart.
    hook.rerender({ content: "v2", step: "basics" });
    expect(await act(() => hook.result.current.flush())).toBe(true);
    const back = await store.load("d1");
    expect(back?.draft.rev).toBe(1);
    expect(back?.blobs).toEqual(new Map([["chart", CHART]]));
    expect(hook.result.current.error).toBeNull();
    expect(hook.result.current.status).toBe("saved");

    // And from then on it saves as usual, building on that revision.
    hook.rerender({ content: "v3", step: "basics" });
    await act(() => hook.result.current.flush());
    expect((await store.load("d1"))?.draft.rev).toBe(2);
  });
});
