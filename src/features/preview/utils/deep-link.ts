import { splitArchivePath } from "@/components/pack/archive-path";
import type { FindingAction } from "@/components/pack/findings-list";
import type { Finding } from "@/pack/finding";

/** The tabs of the pack page; the URL's `tab` names one. */
export const PACK_TABS = [
  "overview",
  "files",
  "presets",
  "schema",
  "images",
  "findings",
  "compare",
] as const;
export type PackTab = (typeof PACK_TABS)[number];

/**
 * What the URL of a pack page selects: `?tab=files&file=values.yaml&path=charts.app.replicas`
 * (or `&line=12`). The URL is the only place this lives, so a link reproduces the view exactly.
 */
export interface PackLocation {
  tab: PackTab;
  file?: string;
  /** Dotted value path inside a YAML file. */
  path?: string;
  /** 1-based line, when no value path is given (findings name lines). */
  line?: number;
  /** A local pack's compare tab: the registry version it is compared with. */
  with?: string;
}

export function readPackLocation(search: URLSearchParams): PackLocation {
  const file = search.get("file") || undefined;
  const rawTab = search.get("tab");
  const tab =
    PACK_TABS.find((t) => t === rawTab) ?? (file ? "files" : "overview");
  const loc: PackLocation = { tab };
  if (file) loc.file = file;
  const path = search.get("path");
  if (path) loc.path = path;
  const line = Number(search.get("line"));
  if (Number.isInteger(line) && line > 0) loc.line = line;
  const other = search.get("with");
  if (other) loc.with = other;
  return loc;
}

/** The query string for a location; default parts are left out so links stay short. */
export function packLocationSearch(loc: PackLocation): string {
  const p = new URLSearchParams();
  if (loc.tab !== (loc.file ? "files" : "overview")) p.set("tab", loc.tab);
  if (loc.file) p.set("file", loc.file);
  if (loc.path) p.set("path", loc.path);
  if (loc.line) p.set("line", String(loc.line));
  if (loc.with) p.set("with", loc.with);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Where a finding points: its file at its line (or value path), opened in the file viewer. */
export function findingLocation(f: Finding): PackLocation | null {
  if (!f.file) return null;
  if (f.line) return { tab: "files", file: f.file, line: f.line };
  if (f.path && /\.ya?ml$/i.test(f.file))
    return { tab: "files", file: f.file, path: f.path };
  return { tab: "files", file: f.file };
}

/**
 * A finding's link on the pack page: to its file (and line), when the pack has that file, as a
 * file of its own or inside one of its chart archives. A finding about a missing file has none.
 */
export function findingAction(
  f: Finding,
  files: ReadonlyMap<string, Uint8Array>,
  hrefFor: (loc: PackLocation) => string,
): FindingAction | null {
  const loc = findingLocation(f);
  if (!loc?.file) return null;
  if (!files.has(loc.file) && !splitArchivePath(files, loc.file)) return null;
  return {
    label: `${loc.file}${f.line ? `:${f.line}` : ""}`,
    href: hrefFor(loc),
  };
}
