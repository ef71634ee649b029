import type { EditorLanguage } from "@/lib/monaco";
import { imageInfo } from "@/pack/png";
import { MAX_RICH_PREVIEW_BYTES, MAX_TEXT_PREVIEW_BYTES } from "@/pack/limits";
import { describeSniffed, sniff } from "@/pack/sniff";
import { decodeText } from "@/pack/yaml-text";

export type Language = EditorLanguage;

/**
 * The editor language of a file, from its name; YAML is `yaml-template` when it is a chart's
 * template or any of `texts` (its content, both sides of a diff) holds a template action (`{{`):
 * it is not YAML until Helm or Palette renders it, so it is not checked as YAML.
 */
export function languageOf(path: string, ...texts: string[]): Language {
  const lower = path.toLowerCase();
  if (/\.ya?ml$/.test(lower))
    return /(?:^|\/)templates\//.test(lower) ||
      texts.some((t) => t.includes("{{"))
      ? "yaml-template"
      : "yaml";
  if (lower.endsWith(".json")) return "json";
  if (/\.(md|markdown)$/.test(lower)) return "markdown";
  return "plaintext";
}

/** How one file is previewed: decided by its size and its bytes, never by its extension alone. */
export type FilePreview =
  | { kind: "rich"; text: string; language: Language }
  | { kind: "plain"; text: string }
  | { kind: "too-large"; size: number }
  | { kind: "chart" }
  | { kind: "image"; type: string; width?: number; height?: number }
  | { kind: "binary"; type: string };

export const isChartPath = (path: string): boolean =>
  /\.(tgz|tar\.gz)$/i.test(path);

/**
 * Text up to MAX_RICH_PREVIEW_BYTES goes to the editor, up to MAX_TEXT_PREVIEW_BYTES to a plain
 * `<pre>` (Monaco stalls on big files), anything larger is described only. Text is UTF-8 without
 * NUL bytes, the rule the server uses to serve a file as text.
 */
export function previewOf(path: string, bytes: Uint8Array): FilePreview {
  const sniffed = sniff(bytes);
  if (sniffed === "gzip" && isChartPath(path)) return { kind: "chart" };
  if (
    sniffed === "png" ||
    sniffed === "jpeg" ||
    sniffed === "gif" ||
    sniffed === "webp"
  ) {
    const info = imageInfo(bytes);
    return {
      kind: "image",
      type: describeSniffed(sniffed),
      ...(info.width !== undefined ? { width: info.width } : {}),
      ...(info.height !== undefined ? { height: info.height } : {}),
    };
  }
  if (sniffed !== "unknown" && sniffed !== "empty" && sniffed !== "svg")
    return { kind: "binary", type: describeSniffed(sniffed) };
  if (bytes.length > MAX_TEXT_PREVIEW_BYTES)
    return { kind: "too-large", size: bytes.length };
  const text = bytes.includes(0) ? null : decodeText(bytes);
  if (text === null)
    return { kind: "binary", type: "binary data (not UTF-8 text)" };
  if (bytes.length > MAX_RICH_PREVIEW_BYTES) return { kind: "plain", text };
  return { kind: "rich", text, language: languageOf(path, text) };
}

/** A byte count for people: `812 B`, `14.2 KiB`, `3.1 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
