import { useCallback, useEffect, useRef, useState } from "react";

import type {
  DraftBlobs,
  DraftData,
} from "@/features/wizard/model/draft-schema";
import type { WizardDraftStorage } from "@/features/wizard/types";

/** `published`: the registry holds this content and its draft was removed (forget). */
export type SaveStatus =
  "saved" | "published" | "pending" | "saving" | "error" | "conflict";

export interface AutosaveState {
  status: SaveStatus;
  savedAt: string | null;
  error: string | null;
  /**
   * True while a change to the pack is not in storage (or storage is memory and the pack changed).
   * Moving between steps is saved too, but losing it loses nothing: it does not count.
   */
  unsaved: boolean;
  /** Save now (before an export or leaving); resolves when stored. */
  flush: () => Promise<boolean>;
  /**
   * The draft was removed from storage with its files (it was published): nothing of it is
   * stored any more. Moving between steps stores nothing and leaving asks nothing (the registry
   * holds this content); the first change to the pack stores the whole draft again, every file
   * with it.
   */
  forget: () => void;
}

interface Snapshot {
  data: DraftData;
  blobs: DraftBlobs;
  /** useDraftRevision of the pack's content: equal means the pack did not change. */
  content: string;
  /** The content plus where the user is (step, visited steps): equal means nothing to save. */
  fingerprint: string;
}

export const draftTitle = (d: DraftData): string =>
  d.values.basics.displayName.trim() || d.values.basics.name || "Untitled pack";
export const draftSubtitle = (d: DraftData): string => {
  const b = d.values.basics;
  return `${b.name || "unnamed"}@${b.version || "?"} · ${b.layer || "no layer"}`;
};

/**
 * Save the draft as the user works: half a second after the last change, with the revision it
 * started from (a second tab that saved in between is a conflict, never overwritten), sending
 * only file bytes not stored yet.
 */
export function useAutosave(opts: {
  draftId: string;
  storage: WizardDraftStorage;
  initialRev: number | null;
  initialSavedAt: string | null;
  snapshot: Snapshot;
}): AutosaveState {
  const { draftId, storage, snapshot } = opts;
  const rev = useRef(opts.initialRev);
  const stored = useRef<Set<string>>(
    new Set(opts.initialRev === null ? [] : [...snapshot.blobs.keys()]),
  );
  const savedFingerprint = useRef(
    opts.initialRev === null ? "" : snapshot.fingerprint,
  );
  // The content leaving loses nothing of, as state: it decides whether leaving must ask. The last
  // stored; in memory, the content as opened (what memory keeps dies with the page); after a
  // publish, the registry's.
  const [safeContent, setSafeContent] = useState(
    opts.initialRev === null && storage.kind !== "memory"
      ? ""
      : snapshot.content,
  );
  const latest = useRef(snapshot);
  const running = useRef<Promise<boolean> | null>(null);
  const [status, setStatus] = useState<SaveStatus>(
    opts.initialRev === null ? "pending" : "saved",
  );
  const [savedAt, setSavedAt] = useState(opts.initialSavedAt);
  const [error, setError] = useState<string | null>(null);
  // The fingerprint whose save failed: retried on the next change or "Try again", never in a loop.
  const failedFingerprint = useRef<string | null>(null);
  // Set by forget(): the content the registry holds, whose draft storage no longer has.
  const forgotten = useRef<string | null>(null);
  // Bumped by forget(), so a save that was running then does not count its files as stored.
  const generation = useRef(0);

  useEffect(() => {
    latest.current = snapshot;
  });

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const snap = latest.current;
    if (
      snap.fingerprint === savedFingerprint.current ||
      snap.content === forgotten.current
    ) {
      savedFingerprint.current = snap.fingerprint;
      setStatus(snap.content === forgotten.current ? "published" : "saved");
      return true;
    }
    const gen = generation.current;
    setStatus("saving");
    const newBlobs = new Map<string, Uint8Array>();
    for (const [id, bytes] of snap.blobs)
      if (!stored.current.has(id)) newBlobs.set(id, bytes);
    try {
      const r = await storage.save({
        id: draftId,
        title: draftTitle(snap.data),
        subtitle: draftSubtitle(snap.data),
        data: snap.data,
        blobIds: [...snap.blobs.keys()],
        newBlobs,
        baseRev: rev.current,
      });
      if (!r.ok) {
        setStatus("conflict");
        return false;
      }
      if (gen !== generation.current) {
        // Removed while this save ran: what it stored may be gone with the rest. The next change
        // stores everything anew.
        setStatus(
          latest.current.content === forgotten.current ? "saved" : "pending",
        );
        return true;
      }
      forgotten.current = null;
      rev.current = r.rev;
      stored.current = new Set(snap.blobs.keys());
      savedFingerprint.current = snap.fingerprint;
      if (storage.kind !== "memory") setSafeContent(snap.content);
      setSavedAt(r.savedAt);
      setError(null);
      failedFingerprint.current = null;
      // Changes made while saving are saved by the next round.
      setStatus(
        latest.current.fingerprint === snap.fingerprint ? "saved" : "pending",
      );
      return true;
    } catch (e) {
      failedFingerprint.current = snap.fingerprint;
      setError(
        e instanceof DOMException && e.name === "QuotaExceededError"
          ? "The browser's storage is full: export the draft to keep it, or delete old drafts."
          : `The draft could not be saved: ${e instanceof Error ? e.message : String(e)}`,
      );
      setStatus("error");
      return false;
    }
  }, [draftId, storage]);

  const flush = useCallback(async (): Promise<boolean> => {
    while (running.current) await running.current;
    if (status === "conflict") return false;
    const p = saveOnce();
    running.current = p;
    try {
      return await p;
    } finally {
      running.current = null;
    }
  }, [saveOnce, status]);

  const forget = useCallback(() => {
    generation.current++;
    forgotten.current = latest.current.content;
    setSafeContent(latest.current.content);
    // A failed or conflicting save of this content no longer matters: the registry has it.
    failedFingerprint.current = null;
    setError(null);
    setStatus("published");
    rev.current = null;
    stored.current = new Set();
  }, []);

  useEffect(() => {
    if (status === "conflict") return;
    if (snapshot.fingerprint === savedFingerprint.current) return;
    // After a failure the message stays on screen: the same content is not retried by itself
    // (that loop hid the message every half second), a further change is, keeping the message
    // until a save succeeds.
    if (
      status === "error" &&
      snapshot.fingerprint === failedFingerprint.current
    )
      return;
    setStatus((s) => (s === "saving" || s === "error" ? s : "pending"));
    const t = window.setTimeout(() => void flush(), 500);
    return () => window.clearTimeout(t);
  }, [snapshot.fingerprint, flush, status]);

  const unsaved =
    snapshot.content !== safeContent ||
    (storage.kind !== "memory" &&
      (status === "error" || status === "conflict"));
  return { status, savedAt, error, unsaved, flush, forget };
}
