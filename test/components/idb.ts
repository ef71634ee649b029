import { IDBFactory, IDBObjectStore } from "fake-indexeddb";
import "fake-indexeddb/auto";
import { vi } from "vitest";

import type { DraftStore } from "@/features/drafts/api/draft-store";

/*
 * IndexedDB for tests: fake-indexeddb, a complete in-memory implementation installed as the
 * global `indexedDB`, and the ways a browser's storage fails.
 */

/** A new, empty IndexedDB (call before each test). */
export function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

/** The draft store as a freshly loaded page opens it: a new module instance, a new connection. */
export async function openAsNewPage(): Promise<DraftStore> {
  vi.resetModules();
  const { openDraftStore } = await import("@/features/drafts/api/draft-store");
  return openDraftStore();
}

/** Open the drafts database directly, as another version of the app would. */
export function openRaw(
  version: number,
  upgrade?: (db: IDBDatabase) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open("packsmith-drafts", version);
    req.onupgradeneeded = () => upgrade?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("open failed"));
  });
}

/**
 * From now on every put fails as a full disk makes it fail: the request errors with
 * QuotaExceededError and the browser aborts its transaction. (fake-indexeddb runs a request's
 * operation through `_execRequestAsync`; an operation that throws is exactly that path.)
 * Returns the function that frees the disk again.
 */
export function fillTheDisk(): () => void {
  const spy = vi
    .spyOn(IDBObjectStore.prototype, "put")
    .mockImplementation(function (this: IDBObjectStore) {
      const tx = this.transaction as unknown as {
        _execRequestAsync(o: {
          operation: () => never;
          source: unknown;
        }): IDBRequest;
      };
      return tx._execRequestAsync({
        operation: () => {
          throw new DOMException("The disk is full", "QuotaExceededError");
        },
        source: this,
      });
    });
  return () => spy.mockRestore();
}
