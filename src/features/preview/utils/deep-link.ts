import { lineOfPath, parseYamlLimited, splitPath } from "@/pack/yaml-text";

/** The tabs of the pack page; the URL's `tab` names one. */
export const PACK_TABS = [
  "overview",
  "files",
  "presets",
  "schema",
  "findings",
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
  return loc;
}

/** The query string for a location; default parts are left out so links stay short. */
export function packLocationSearch(loc: PackLocation): string {
  const p = new URLSearchParams();
  if (loc.tab !== (loc.file ? "files" : "overview")) p.set("tab", loc.tab);
  if (loc.file) p.set("file", loc.file);
  if (loc.path) p.set("path", loc.path);
  if (loc.line) p.set("line", String(loc.line));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/**
 * The line a location points at in a file's text: the explicit line, or the line of the value
 * path in a YAML file (the deepest existing part of it, so a path to a missing key still lands
 * on its parent). `$[]` (every array element) resolves to the first element.
 */
export function targetLine(
  text: string,
  file: string,
  loc: Pick<PackLocation, "path" | "line">,
): number | undefined {
  if (loc.path && /\.ya?ml$/i.test(file)) {
    const parsed = parseYamlLimited(text, file);
    const segments = splitPath(loc.path).map((s) =>
      s === "$[]" ? 0 : /^\d+$/.test(s) ? Number(s) : s,
    );
    const line = lineOfPath(parsed, 0, segments);
    if (line !== undefined) return line;
  }
  return loc.line;
}
