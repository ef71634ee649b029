/*
 * Drafts kept in the browser: IndexedDB when it works, memory otherwise (some private modes). A
 * draft is an opaque JSON document (the wizard owns its shape and restores it with its own schema)
 * plus its files' bytes, stored apart by id so a keystroke never rewrites a chart.
 *
 * Every save checks the revision it started from: a second tab that saved in between is a
 * conflict, reported instead of overwritten (security.md case 70).
 */

import { blobOf } from "@/lib/files/byte-blobs";
import { getPackWorker } from "@/lib/pack-worker/client";

export interface DraftSummary {
  id: string;
  /** What the list shows: the pack's display name, or "Untitled pack". */
  title: string;
  /** name@version · layer, or what is known of it. */
  subtitle: string;
  createdAt: string;
  savedAt: string;
  /** Incremented by every save. */
  rev: number;
}

export interface StoredDraft extends DraftSummary {
  data: unknown;
  /** Ids of the blobs the draft uses; others are deleted on save. */
  blobIds: string[];
}

export interface DraftSaveInput {
  id: string;
  title: string;
  subtitle: string;
  data: unknown;
  blobIds: string[];
  /** Blobs not stored yet. */
  newBlobs: ReadonlyMap<string, Uint8Array>;
  /** The revision this save builds on; null for a new draft. */
  baseRev: number | null;
}

export type DraftSaveResult =
  | { ok: true; rev: number; savedAt: string }
  | { ok: false; conflict: DraftSummary };

export interface DraftStore {
  /** "memory" when IndexedDB is unavailable: drafts do not survive a reload. */
  kind: "indexeddb" | "memory";
  list(): Promise<DraftSummary[]>;
  load(
    id: string,
  ): Promise<{ draft: StoredDraft; blobs: Map<string, Uint8Array> } | null>;
  save(input: DraftSaveInput): Promise<DraftSaveResult>;
  remove(id: string): Promise<void>;
}

const summaryOf = (d: StoredDraft): DraftSummary => ({
  id: d.id,
  title: d.title,
  subtitle: d.subtitle,
  createdAt: d.createdAt,
  savedAt: d.savedAt,
  rev: d.rev,
});

/**
 * A save that names files neither sent with it nor stored for the draft: they were removed
 * meanwhile (the draft published, or deleted in another tab). Refused, so a draft is never stored
 * with files it cannot open; the wizard still holds them, and an export keeps them.
 */
function missingBlobsError(
  input: DraftSaveInput,
  stored: ReadonlySet<string>,
): Error | null {
  const missing = input.blobIds.filter(
    (b) => !input.newBlobs.has(b) && !stored.has(b),
  );
  if (missing.length === 0) return null;
  return new Error(
    `${missing.length === 1 ? "one of its files is" : `${missing.length} of its files are`} no longer in this browser's storage (the draft was published or deleted meanwhile); nothing was saved: export the draft to keep it`,
  );
}

const newestFirst = (a: DraftSummary, b: DraftSummary) =>
  b.savedAt.localeCompare(a.savedAt);

/** A store in memory: the fallback, and the store of unit tests. */
export function memoryDraftStore(): DraftStore {
  const drafts = new Map<string, StoredDraft>();
  const blobs = new Map<string, Map<string, Uint8Array>>();
  return {
    kind: "memory",
    list: async () => [...drafts.values()].map(summaryOf).sort(newestFirst),
    load: async (id) => {
      const draft = drafts.get(id);
      if (!draft) return null;
      const own = blobs.get(id) ?? new Map<string, Uint8Array>();
      return {
        draft: structuredClone(draft),
        blobs: new Map(
          draft.blobIds.flatMap((b) => (own.has(b) ? [[b, own.get(b)!]] : [])),
        ),
      };
    },
    save: async (input) => {
      const prev = drafts.get(input.id);
      if (prev && prev.rev !== input.baseRev)
        return { ok: false, conflict: summaryOf(prev) };
      const now = new Date().toISOString();
      const own = blobs.get(input.id) ?? new Map<string, Uint8Array>();
      const missing = missingBlobsError(input, new Set(own.keys()));
      if (missing) throw missing;
      for (const [k, v] of input.newBlobs) own.set(k, v);
      const keep = new Set(input.blobIds);
      for (const k of own.keys()) if (!keep.has(k)) own.delete(k);
      blobs.set(input.id, own);
      const rev = (prev?.rev ?? 0) + 1;
      drafts.set(input.id, {
        id: input.id,
        title: input.title,
        subtitle: input.subtitle,
        data: structuredClone(input.data),
        blobIds: [...input.blobIds],
        createdAt: prev?.createdAt ?? now,
        savedAt: now,
        rev,
      });
      return { ok: true, rev, savedAt: now };
    },
    remove: async (id) => {
      drafts.delete(id);
      blobs.delete(id);
    },
  };
}

const DB_NAME = "packsmith-drafts";
const DRAFTS = "drafts";
const BLOBS = "blobs";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () =>
      reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

/**
 * A transaction's end. A failed request (a full disk's QuotaExceededError) aborts the transaction
 * with that request's error: the abort carries the cause, while `error` events fire before it is
 * set on the transaction.
 */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () =>
      reject(tx.error ?? new DOMException("aborted", "AbortError"));
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(DRAFTS))
        db.createObjectStore(DRAFTS, { keyPath: "id" });
      // Blob keys are [draftId, blobId], so one key range holds a draft's files.
      if (!db.objectStoreNames.contains(BLOBS)) db.createObjectStore(BLOBS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () =>
      reject(req.error ?? new Error("IndexedDB cannot be opened"));
    req.onblocked = () =>
      reject(new Error("IndexedDB is blocked by another tab"));
  });
}

const draftRange = (id: string) => IDBKeyRange.bound([id], [id, []]);

function idbDraftStore(db: IDBDatabase): DraftStore {
  return {
    kind: "indexeddb",
    async list() {
      const tx = db.transaction(DRAFTS, "readonly");
      const all = (await request(
        tx.objectStore(DRAFTS).getAll(),
      )) as StoredDraft[];
      return all.map(summaryOf).sort(newestFirst);
    },
    async load(id) {
      const tx = db.transaction([DRAFTS, BLOBS], "readonly");
      const draft = (await request(tx.objectStore(DRAFTS).get(id))) as
        StoredDraft | undefined;
      if (!draft) return null;
      const store = tx.objectStore(BLOBS);
      const [keys, values] = await Promise.all([
        request(store.getAllKeys(draftRange(id))),
        request(store.getAll(draftRange(id))),
      ]);
      const stored = keys.map(
        (k, i) =>
          [
            (k as [string, string])[1],
            values[i] as Uint8Array | Blob | undefined,
          ] as const,
      );
      const read = await storedBytes(
        stored.flatMap(([blobId, v]) =>
          v instanceof Blob ? [[blobId, v] as [string, Blob]] : [],
        ),
      );
      const blobs = new Map<string, Uint8Array>();
      for (const [blobId, v] of stored) {
        const bytes = v instanceof Blob ? read.get(blobId) : v;
        if (bytes) blobs.set(blobId, bytes);
      }
      return { draft, blobs };
    },
    async save(input) {
      const tx = db.transaction([DRAFTS, BLOBS], "readwrite");
      const finished = done(tx);
      try {
        return await saveIn(tx, finished, input);
      } catch (e) {
        // One failed request aborts the whole save (nothing of it is stored) and fails the
        // requests after it with AbortError: report the cause (QuotaExceededError) instead.
        // Any other failure aborts it here, so no half of a save is ever committed.
        try {
          tx.abort();
        } catch {
          // Already aborted.
        }
        await finished.catch(() => undefined);
        throw tx.error ?? e;
      }
    },
    async remove(id) {
      const tx = db.transaction([DRAFTS, BLOBS], "readwrite");
      tx.objectStore(DRAFTS).delete(id);
      tx.objectStore(BLOBS).delete(draftRange(id));
      await done(tx);
    },
  };
}

/**
 * The bytes of a draft's stored Blobs (files saved since drafts store Blobs; older drafts hold
 * bytes), read in the pack worker, which keeps them: the draft's first check then sends none of
 * them (a reopened 100 MB draft copied them all on the page's thread), and each Blob is
 * remembered as its bytes' twin, so saving them again hands over the same handle.
 */
async function storedBytes(
  blobs: [blobId: string, blob: Blob][],
): Promise<Map<string, Uint8Array>> {
  if (blobs.length === 0) return new Map();
  const r = await getPackWorker().readBlobs(blobs);
  if (!r.ok)
    throw new Error(
      "one of the draft's files could not be read from this browser's storage",
    );
  return r.value;
}

/** The steps of one save, in its readwrite transaction over both stores. */
async function saveIn(
  tx: IDBTransaction,
  finished: Promise<void>,
  input: DraftSaveInput,
): Promise<DraftSaveResult> {
  const drafts = tx.objectStore(DRAFTS);
  const blobStore = tx.objectStore(BLOBS);
  const prev = (await request(drafts.get(input.id))) as StoredDraft | undefined;
  if (prev && prev.rev !== input.baseRev) {
    tx.abort();
    await finished.catch(() => undefined);
    return { ok: false, conflict: summaryOf(prev) };
  }
  const now = new Date().toISOString();
  const rev = (prev?.rev ?? 0) + 1;
  const keys = await request(blobStore.getAllKeys(draftRange(input.id)));
  const missing = missingBlobsError(
    input,
    new Set(keys.map((k) => (k as [string, string])[1])),
  );
  if (missing) throw missing;
  // A file known as a Blob is stored as one: IndexedDB takes the handle, where bytes would be
  // serialized here, on the page's thread (lib/files/byte-blobs.ts).
  for (const [blobId, bytes] of input.newBlobs)
    blobStore.put(blobOf(bytes) ?? bytes, [input.id, blobId]);
  const keep = new Set(input.blobIds);
  for (const k of keys)
    if (!keep.has((k as [string, string])[1])) blobStore.delete(k);
  drafts.put({
    id: input.id,
    title: input.title,
    subtitle: input.subtitle,
    data: input.data,
    blobIds: input.blobIds,
    createdAt: prev?.createdAt ?? now,
    savedAt: now,
    rev,
  } satisfies StoredDraft);
  await finished;
  return { ok: true, rev, savedAt: now };
}

let opened: Promise<DraftStore> | null = null;

/**
 * The app's draft store: IndexedDB, or memory when it cannot be opened (the UI then warns that
 * drafts will not survive a reload, security.md case 73). Opened once per page.
 */
export function openDraftStore(): Promise<DraftStore> {
  opened ??= (async () => {
    try {
      if (typeof indexedDB === "undefined") throw new Error("no IndexedDB");
      return idbDraftStore(await openDb());
    } catch {
      return memoryDraftStore();
    }
  })();
  return opened;
}
