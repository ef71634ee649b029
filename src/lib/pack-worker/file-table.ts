import { readChart, type ChartError, type ChartInfo } from "@/pack/chart";
import { sha256Hex } from "@/pack/digest";
import type { PackFiles } from "@/pack/pack-files";
import type { Finding } from "@/pack/finding";
import type {
  ChartCache,
  FileFindingsCache,
  OpenedChart,
} from "@/pack/validate";

import type { Result } from "@/pack/result";

import type { HeldIds, LentPack, PackRefs } from "./protocol";

interface Held {
  bytes: Uint8Array;
  /** SHA-256 of the bytes, computed once: a pack's digest re-hashes only what changed. */
  sha256?: Promise<string>;
  /** The chart read from these bytes, once: it lives as long as the file. */
  chart?: Result<ChartInfo, ChartError>;
  /** The chart archive as the last check opened and scanned it, reused by the next (values edits). */
  opened?: OpenedChart;
  /** The secret scan of the file at a path, by the last check. */
  secrets?: { path: string; findings: readonly Finding[] };
  /** The YAML check of the file as a manifest at a path, by the last check. */
  manifest?: { path: string; findings: readonly Finding[] };
}

/** The session holding the last read's files: a name no page session has (those are draft ids). */
export const LAST_READ = "last read";

/**
 * The worker's file table: bytes by id, sent once by the page (client.ts FileRefs) and then named
 * by id only. Each session (one consumer: a draft's report, its digest) holds the ids of its
 * latest request; a file no session holds is dropped. The page applies the same rule in the same
 * order, so both sides always agree on what the worker holds.
 */
export class FileTable {
  private readonly files = new Map<string, Held>();
  private readonly sessions = new Map<string, Set<string>>();
  /** The request id of the read that started last. */
  private latestRead = -1;
  private readIds = 0;

  /**
   * A kept read (readArchive with `keep`, fromEntries, readBlobs) starts: the last read's files are let go, as the page's
   * mirror let them go when it posted the read. Call before the request awaits anything.
   */
  startRead(request: number): void {
    this.latestRead = request;
    this.release(LAST_READ);
  }

  /**
   * Hold a read's files as the last read, under new ids, unless a newer read started meanwhile
   * (the page adopts the answer of its latest read only, so both sides agree). The table keeps
   * copies: the files themselves go to the page, transferred. A pack opened or imported is then
   * checked, digested and written by id: its bytes never cross from the page again.
   */
  holdRead(request: number, files: PackFiles): HeldIds {
    if (request !== this.latestRead) return [];
    const held: HeldIds = [];
    for (const [path, bytes] of files) {
      const id = `r${++this.readIds}`;
      this.files.set(id, { bytes: bytes.slice() });
      held.push([path, id]);
    }
    this.sessions.set(LAST_READ, new Set(held.map(([, id]) => id)));
    return held;
  }

  /**
   * Take the request's new bytes, resolve every path to its bytes and make the request's ids what
   * the session holds. Throws when an id is neither held nor sent (the page's mirror is wrong: a
   * bug, not bad input).
   */
  open(refs: PackRefs): PackFiles {
    const files: PackFiles = new Map();
    const ids = new Set<string>();
    const missing: string[] = [];
    for (const [path, ref] of refs.files) {
      if (ref.bytes) this.files.set(ref.id, { bytes: ref.bytes });
      const held = this.files.get(ref.id);
      if (!held) {
        missing.push(`${path} (${ref.id})`);
        continue;
      }
      files.set(path, held.bytes);
      ids.add(ref.id);
    }
    if (missing.length)
      throw new Error(
        `the pack worker does not hold ${missing.join(", ")}: its file table and the page's disagree`,
      );
    this.sessions.set(refs.session, ids);
    this.sweep();
    return files;
  }

  /**
   * A lent pack's files (client.ts FileRefs.lend), resolved at once, before the call awaits
   * anything: a later request may drop a held file from the table, never from this map. Changes
   * nothing the table holds. Throws when an id is not held (the page's mirror is wrong).
   */
  lent(pack: LentPack): PackFiles {
    return new Map(
      pack.map(([path, file]) => [
        path,
        "id" in file ? this.entry(file.id).bytes : file.bytes,
      ]),
    );
  }

  /** The session is over (the draft was closed): its files go unless another session holds them. */
  release(session: string): void {
    this.sessions.delete(session);
    this.sweep();
  }

  /** The SHA-256 of a held file, hashed once per id. */
  async sha256(id: string): Promise<string> {
    const held = this.entry(id);
    held.sha256 ??= sha256Hex(held.bytes);
    return held.sha256;
  }

  /** The bytes of a held file. */
  bytes(id: string): Uint8Array {
    return this.entry(id).bytes;
  }

  /** readChart of a held file, read once per id. */
  chart(id: string, name: string): Result<ChartInfo, ChartError> {
    const held = this.entry(id);
    held.chart ??= readChart(held.bytes, { name });
    return held.chart;
  }

  /** A held file; throws when it is not held (the page's mirror is wrong). */
  private entry(id: string): Held {
    const held = this.files.get(id);
    if (!held) throw new Error(`the pack worker does not hold file ${id}`);
    return held;
  }

  /**
   * validatePack's chart cache for one request: each chart archive is opened once per id and
   * kept with the file, so a check after a values.yaml edit neither expands nor scans it again.
   */
  chartCache(refs: PackRefs): ChartCache {
    const held = this.resolver(refs);
    return {
      get: (path, bytes) => held(path, bytes)?.opened,
      set: (path, bytes, opened) => {
        const h = held(path, bytes);
        if (h) h.opened = opened;
      },
    };
  }

  /** validatePack's secret scan cache for one request: each file is scanned once per id and path. */
  secretCache(refs: PackRefs): FileFindingsCache {
    return this.findingsCache(refs, "secrets");
  }

  /** validatePack's manifest cache for one request: each manifest is parsed once per id and path. */
  manifestCache(refs: PackRefs): FileFindingsCache {
    return this.findingsCache(refs, "manifest");
  }

  private findingsCache(
    refs: PackRefs,
    slot: "secrets" | "manifest",
  ): FileFindingsCache {
    const held = this.resolver(refs);
    return {
      get: (path, bytes) => {
        const s = held(path, bytes)?.[slot];
        return s?.path === path ? s.findings : undefined;
      },
      set: (path, bytes, findings) => {
        const h = held(path, bytes);
        if (h) h[slot] = { path, findings };
      },
    };
  }

  /** The held entry a path of the request names, when it holds these very bytes. */
  private resolver(
    refs: PackRefs,
  ): (path: string, bytes: Uint8Array) => Held | undefined {
    const ids = new Map(refs.files.map(([path, ref]) => [path, ref.id]));
    return (path, bytes) => {
      const id = ids.get(path);
      const h = id === undefined ? undefined : this.files.get(id);
      return h?.bytes === bytes ? h : undefined;
    };
  }

  /** The secret scan last cached for a held file, for tests and diagnostics. */
  secretScan(id: string): readonly Finding[] | undefined {
    return this.files.get(id)?.secrets?.findings;
  }

  /** The chart archive last opened from a held file, for tests and diagnostics. */
  openedChart(id: string): OpenedChart | undefined {
    return this.files.get(id)?.opened;
  }

  /** Ids held now, for tests and diagnostics. */
  ids(): string[] {
    return [...this.files.keys()];
  }

  private sweep(): void {
    const live = new Set<string>();
    for (const ids of this.sessions.values())
      for (const id of ids) live.add(id);
    for (const id of [...this.files.keys()])
      if (!live.has(id)) this.files.delete(id);
  }
}
