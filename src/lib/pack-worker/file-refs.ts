import type { PackFiles } from "@/pack/pack-files";

import type { FileRef, HeldIds, LentPack, PackRefs } from "./protocol";

/** Byte equality; lengths first, so an edit that changes a file's size costs nothing. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The page's mirror of the worker's file table (file-table.ts): which ids the worker holds and
 * which bytes they name. A Uint8Array the worker has is named by its id (bytes are never changed
 * in place: a draft's blob id never changes its bytes); a new array equal to what the same path
 * held before (a text file re-encoded on each render) keeps that id; anything else is sent once,
 * copied, under a new id. After each request a session holds exactly that request's ids and
 * files no session holds are forgotten — the rule the worker applies, in the same order.
 */
export class FileRefs {
  private next = 0;
  private ids = new WeakMap<Uint8Array, string>();
  private held = new Map<string, Uint8Array>();
  private sessions = new Map<string, Map<string, string>>();

  /**
   * The refs for `files` in `session`, and `commit`, to run once the worker has the request
   * (until then the mirror is unchanged, so a request that could not be posted changes nothing).
   */
  refs(
    session: string,
    files: PackFiles,
  ): { refs: PackRefs; commit: () => void } {
    const before = this.sessions.get(session);
    const added = new Map<string, Uint8Array>();
    const paths = new Map<string, string>();
    const list: [string, FileRef][] = [];
    for (const [path, bytes] of files) {
      let id = this.ids.get(bytes);
      if (id === undefined || !(this.held.has(id) || added.has(id))) {
        const old = before?.get(path);
        const oldBytes = old === undefined ? undefined : this.held.get(old);
        id =
          old !== undefined && oldBytes && sameBytes(oldBytes, bytes)
            ? old
            : `f${++this.next}`;
        this.ids.set(bytes, id);
      }
      if (this.held.has(id) || added.has(id)) list.push([path, { id }]);
      else {
        added.set(id, bytes);
        list.push([path, { id, bytes }]);
      }
      paths.set(path, id);
    }
    const commit = () => {
      for (const [id, bytes] of added) this.held.set(id, bytes);
      this.sessions.set(session, paths);
      this.sweep();
    };
    return { refs: { session, files: list }, commit };
  }

  /**
   * `files` lent to one call: the bytes the worker holds are named by id, the rest sent with the
   * call. Nothing is committed: the worker keeps none of it afterwards.
   */
  lend(files: PackFiles): LentPack {
    return [...files].map(([path, bytes]) => {
      const id = this.heldId(bytes);
      return [path, id === undefined ? { bytes } : { id }];
    });
  }

  /**
   * The worker holds `files` under `held` (its ids, by path) for `session`, which they now make
   * up: the answer of a read the worker kept (file-table.ts holdRead). Paths without an id are
   * not held.
   */
  adopt(session: string, files: PackFiles, held: HeldIds): void {
    const paths = new Map<string, string>();
    for (const [path, id] of held) {
      const bytes = files.get(path);
      if (!bytes) continue;
      this.ids.set(bytes, id);
      this.held.set(id, bytes);
      paths.set(path, id);
    }
    this.sessions.set(session, paths);
    this.sweep();
  }

  /** The id the worker holds these very bytes under, if it does. */
  heldId(bytes: Uint8Array): string | undefined {
    const id = this.ids.get(bytes);
    return id !== undefined && this.held.has(id) ? id : undefined;
  }

  /** Forget a session; true when it held something (the worker must be told). */
  release(session: string): boolean {
    const had = this.sessions.delete(session);
    if (had) this.sweep();
    return had;
  }

  /** A fresh worker holds nothing. */
  reset(): void {
    this.held = new Map();
    this.sessions = new Map();
    // A fresh worker numbers its reads from r1 again: an old id kept for some bytes would name
    // another read's file in it.
    this.ids = new WeakMap();
  }

  private sweep(): void {
    const live = new Set<string>();
    for (const paths of this.sessions.values())
      for (const id of paths.values()) live.add(id);
    for (const id of [...this.held.keys()])
      if (!live.has(id)) this.held.delete(id);
  }
}
