import { MAX_MANIFEST_PARSE_BYTES } from "../limits";
import { mib } from "../pack-files";
import { manifestKey, manifestValueRefs } from "../values";
import { decodeText, hasPath, parseYamlLimited } from "../yaml-text";
import {
  lineAt,
  VALUES,
  type PackJsonDoc,
  type ValidateContext,
} from "./context";
import { listedPaths } from "./refs";

/**
 * Every manifest pack.json lists (rules 19, 20): UTF-8, plain ones parsed within the limits,
 * templated ones' `.Values` found in values.yaml or a preset (only when all of them were read);
 * `manifests.<key>` blocks that match no manifest.
 */
export function checkManifests(ctx: ValidateContext, doc: PackJsonDoc): void {
  const { files, add, roots, values, valuesRoot } = ctx;
  // After a syntax error in values.yaml or presets.yaml, "no such value" would only repeat it.
  const checkRefs = ctx.valuesKnown;
  const listed = listedPaths(ctx, doc, "kubeManifests");
  const keys = new Set<string>();
  for (const { path } of listed) {
    const key = manifestKey(path);
    keys.add(key);
    const text = decodeText(files.get(path)!);
    if (text === null) {
      add(
        "error",
        "MANIFEST_NOT_TEXT",
        `manifest \`${path}\` is not UTF-8 text`,
        { file: path },
      );
      continue;
    }
    // A plain manifest beyond the parse limit is not read at all: Palette applies it as it is, so
    // that is a warning, never an error (security.md, YAML row; real packs ship 2.4 MiB manifests).
    const size = files.get(path)!.byteLength;
    if (size > MAX_MANIFEST_PARSE_BYTES && !text.includes("{{")) {
      add(
        "warning",
        "MANIFEST_TOO_LARGE",
        `manifest \`${path}\` is ${mib(size)}: too large to check as YAML (the limit is ${mib(MAX_MANIFEST_PARSE_BYTES)}); it is not parsed`,
        { file: path },
      );
      continue;
    }
    const docCount = text.split(/^---(?=[\s]|$)/m).length;
    if (docCount > 1000) {
      add(
        "error",
        "YAML_TOO_MANY_DOCUMENTS",
        `manifest \`${path}\` has ${docCount} YAML documents; the limit is 1000`,
        { file: path },
      );
      continue;
    }
    if (!text.includes("{{")) {
      // A template can only be checked once Palette renders it; a plain manifest can be checked now.
      const bytes = files.get(path)!;
      let found = ctx.manifestCache?.get(path, bytes);
      if (!found) {
        found = parseYamlLimited(text, path, {
          multi: true,
          code: "MANIFEST_SYNTAX",
          maxBytes: MAX_MANIFEST_PARSE_BYTES,
        }).findings;
        ctx.manifestCache?.set(path, bytes, found);
      }
      for (const f of found)
        add(f.severity, f.code, f.message, {
          file: path,
          ...(f.line ? { line: f.line } : {}),
        });
      continue;
    }
    if (!checkRefs) continue;
    const missing = manifestValueRefs(text).filter(
      (ref) => !roots.some((r) => r && hasPath(r, `manifests.${key}.${ref}`)),
    );
    if (missing.length) {
      const shown =
        missing
          .slice(0, 5)
          .map((r) => `\`${r}\``)
          .join(", ") +
        (missing.length > 5 ? ` and ${missing.length - 5} more` : "");
      const line = lineOfText(text, `.Values.${missing[0]!}`);
      add(
        "warning",
        "MANIFEST_VALUE_MISSING",
        `manifest \`${path}\` uses ${shown} from .Values, but values.yaml has no such value under \`manifests.${key}\` (nor does any preset): it renders empty`,
        {
          file: path,
          path: `manifests.${key}.${missing[0]!}`,
          ...(line ? { line } : {}),
        },
      );
    }
  }
  const block = (valuesRoot as Record<string, unknown> | null)?.manifests;
  if (
    listed.length &&
    block &&
    typeof block === "object" &&
    !Array.isArray(block) &&
    values
  ) {
    for (const key of Object.keys(block)) {
      if (!keys.has(key))
        add(
          "warning",
          "MANIFEST_VALUES_KEY",
          `values.yaml \`manifests.${key}\` matches no manifest in kubeManifests (keys must equal the file's base name)`,
          {
            file: VALUES,
            path: `manifests.${key}`,
            ...lineAt(values, ["manifests", key]),
          },
        );
    }
  }
}

function lineOfText(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split("\n").length;
}
