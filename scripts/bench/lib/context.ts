import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PackFiles } from "../../../src/pack/pack-files";
import type { Row } from "./measure";

/** What run.ts gives every bench. */
export interface BenchContext {
  /** A new empty folder under the run's temp folder; everything is removed when the run ends. */
  tmpDir(name: string): string;
  /** Progress on stderr (the table goes to stdout). */
  log(message: string): void;
  /** A line printed above the table and kept in bench.json (what was measured, on what input). */
  note(line: string): void;
  /** Facts for bench.json next to the rows (input sizes, checks…), under the bench's name. */
  info: Record<string, unknown>;
}

/**
 * A bench module is `scripts/bench/<name>.ts` exporting these two. run.ts finds it by its file
 * name; `npm run bench -- <name>` runs only it.
 */
export interface BenchModule {
  description: string;
  bench(ctx: BenchContext): Promise<Row[]>;
  /** Optional: operations whose peak memory probeRss measures in a fresh process. */
  rssOps?: RssOps;
}

/**
 * op name → prepare(args): load the inputs (not counted) and return the operation to measure.
 * Args are plain strings (file paths…) because they cross a process boundary.
 */
export type RssOps = Record<
  string,
  (args: Record<string, string>) => Promise<() => unknown> | (() => unknown)
>;

/** Read a folder into the core's PackFiles (paths relative to `dir`, forward slashes). */
export function loadFolder(dir: string): PackFiles {
  const files: PackFiles = new Map();
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    const b = readFileSync(abs);
    // A plain Uint8Array, as in the browser: JSZip takes another code path for Node Buffers.
    files.set(
      path.relative(dir, abs).split(path.sep).join("/"),
      new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
  }
  return files;
}
