import { useCallback, useMemo, useState } from "react";

import type {
  DraftBlobs,
  WizardValues,
} from "@/features/wizard/model/draft-schema";

/** Blob ids the form still references. */
export function referencedBlobs(v: WizardValues): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => id && ids.add(id);
  v.charts.forEach((c) => add(c.blob));
  v.manifests.forEach((m) => add(m.blob));
  v.roles.forEach((r) => r.files.forEach((f) => add(f.blob)));
  v.extras.files.forEach((f) => add(f.blob));
  add(v.logo?.blob);
  return ids;
}

/**
 * The draft's file bytes. New bytes get a fresh id (an id never changes its bytes); files the
 * form no longer references drop out of `blobs`, so they are neither written nor saved. `blobs`
 * keeps its identity while the referenced ids stay the same.
 */
export function useDraftBlobs(initial: DraftBlobs, values: WizardValues) {
  const [all, setAll] = useState<DraftBlobs>(() => new Map(initial));
  const addBlobs = useCallback((list: readonly Uint8Array[]) => {
    const ids = list.map(() => crypto.randomUUID());
    setAll((prev) => {
      const next = new Map(prev);
      list.forEach((bytes, i) => next.set(ids[i]!, bytes));
      return next;
    });
    return ids;
  }, []);
  // Keyed by the ids themselves: typing in a text field changes `values` on every key but not
  // which files it references, and a new `blobs` each time re-ran everything that depends on it
  // (the Values step's JSON schema for monaco-yaml among them).
  const usedKey = [...referencedBlobs(values)].sort().join(",");
  const blobs = useMemo(() => {
    const used = new Set(usedKey.split(","));
    return new Map([...all].filter(([id]) => used.has(id)));
  }, [all, usedKey]);
  return { blobs, addBlobs };
}
