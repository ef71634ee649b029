import { MAX_LOGO_BYTES, MAX_LOGO_SIDE, WARN_LOGO_SIDE_LARGE } from "../limits";
import { mib } from "../pack-files";
import { imageInfo } from "../png";
import type { BaseContext } from "./context";

/** logo.png (rule 5): present, a PNG by its bytes, within the size and side limits. */
export function checkLogo({ files, add, targetSeverity }: BaseContext): void {
  const logo = files.get("logo.png");
  const where = { file: "logo.png" };
  if (!logo) {
    add(
      targetSeverity("LOGO_MISSING"),
      "LOGO_MISSING",
      "logo.png is missing: the Spectro CLI refuses packs without one and Palette shows a placeholder",
      where,
    );
    return;
  }
  if (logo.length > MAX_LOGO_BYTES) {
    add(
      "error",
      "LOGO_TOO_LARGE",
      `logo.png is ${mib(logo.length)}; the limit is ${mib(MAX_LOGO_BYTES)}`,
      where,
    );
    return;
  }
  const info = imageInfo(logo);
  if (info.format === "png") {
    if (
      info.width === undefined ||
      info.height === undefined ||
      info.width === 0 ||
      info.height === 0
    ) {
      add(
        "error",
        "LOGO_INVALID",
        "logo.png has a PNG signature but no valid IHDR header",
        where,
      );
    } else if (info.width > MAX_LOGO_SIDE || info.height > MAX_LOGO_SIDE) {
      add(
        "error",
        "LOGO_TOO_LARGE",
        `logo.png is ${info.width}×${info.height} pixels: image too large (the limit is ${MAX_LOGO_SIDE} per side)`,
        where,
      );
    } else if (
      info.width > WARN_LOGO_SIDE_LARGE ||
      info.height > WARN_LOGO_SIDE_LARGE
    ) {
      add(
        "warning",
        "LOGO_LARGE",
        `logo.png is ${info.width}×${info.height} pixels; 128–512 px square is plenty`,
        where,
      );
    }
  } else if (
    info.format === "jpeg" ||
    info.format === "gif" ||
    info.format === "webp"
  ) {
    add(
      targetSeverity("LOGO_NOT_PNG"),
      "LOGO_NOT_PNG",
      `logo.png is really a ${info.format.toUpperCase()} image; convert it to PNG`,
      where,
    );
  } else {
    add(
      "error",
      "LOGO_NOT_IMAGE",
      `logo.png is ${info.format === "svg" ? "an SVG document" : "not an image"}: it must be a PNG (checked by its bytes)`,
      where,
    );
  }
}

/**
 * Words a README still has when nobody wrote it: the builder's skeleton (its sentences to replace),
 * or the usual markers of unfinished text.
 */
const PLACEHOLDER_TEXT =
  /Describe what this pack installs and why someone would add it|Link to the upstream project's documentation|\bTODO\b|\bTBD\b|lorem ipsum/i;

/** Fewer words of prose than this (headings, tables and code left out) is no documentation yet. */
const MIN_README_WORDS = 20;

/** The prose of a Markdown text: no headings, table rows, code blocks or link targets. */
function proseWords(markdown: string): number {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .split("\n")
    .filter((l) => !/^\s*(#|\||<!--)/.test(l))
    .join(" ")
    .replace(/\]\([^)]*\)/g, "]")
    .split(/\s+/)
    .filter((w) => /[A-Za-z]{2}/.test(w)).length;
}

/**
 * README.md (rule 6; §H rule 20): missing is an error for pack-central, a warning for the Spectro
 * CLI and OCI; a placeholder (the builder's skeleton, TODO, a few words) is a warning for every target.
 */
export function checkReadme({ files, add, targetSeverity }: BaseContext): void {
  const readme = files.get("README.md");
  if (!readme) {
    add(
      targetSeverity("README_MISSING"),
      "README_MISSING",
      "README.md is missing: reviewers and Palette show it as the pack's documentation",
      { file: "README.md" },
    );
    return;
  }
  const text = new TextDecoder().decode(readme);
  const lines = text.split("\n");
  const at = lines.findIndex((l) => PLACEHOLDER_TEXT.test(l));
  if (at >= 0)
    add(
      "warning",
      "README_PLACEHOLDER",
      `README.md still has placeholder text ("${quoteStart(lines[at]!.trim(), 80)}"): say what the pack installs, its parameters and how to use it`,
      { file: "README.md", line: at + 1 },
    );
  else if (proseWords(text) < MIN_README_WORDS)
    add(
      "warning",
      "README_PLACEHOLDER",
      `README.md has almost no text (fewer than ${MIN_README_WORDS} words): say what the pack installs, its parameters and how to use it`,
      { file: "README.md" },
    );
}

/** The start of `text`, at most `max` characters, cut at a word's end with "…" when it is longer. */
function quoteStart(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
