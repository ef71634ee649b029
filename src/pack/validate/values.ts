import { K8S_NAMESPACE } from "../schemas";
import type { ParsedYaml } from "../yaml-text";
import {
  isStr,
  lineAt,
  missingLineAt,
  readYamlFile,
  typeName,
  VALUES,
  type Add,
  type BaseContext,
  type ValidateContext,
} from "./context";

/** values.yaml (rule 3): present, a mapping at the top, parsed within the limits, 2-space indented. */
export function readValues(ctx: BaseContext): ParsedYaml | null {
  const { add } = ctx;
  const read = readYamlFile(ctx, VALUES, "VALUES_SYNTAX", {
    missing: {
      code: "VALUES_MISSING",
      message: "values.yaml is missing: every pack needs one, even if empty",
    },
  });
  if (!read) return null;
  const { parsed, text } = read;
  const root = parsed.values[0];
  if (
    root !== null &&
    root !== undefined &&
    (typeof root !== "object" || Array.isArray(root))
  ) {
    add(
      "error",
      "VALUES_NOT_MAPPING",
      `values.yaml must be a mapping of keys at the top, not ${typeName(root)}`,
      { file: VALUES, line: 1 },
    );
    return null;
  }
  checkIndentation(text, add);
  return parsed;
}

/** Rule 29: pack-central asks for 2-space indentation; an odd step is almost always a mistake. */
function checkIndentation(text: string, add: Add): void {
  const lines = text.split("\n");
  let prev = 0;
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (indent > prev && (indent - prev) % 2 === 1) {
      add(
        "warning",
        "YAML_INDENT",
        `values.yaml line ${i + 1} is indented by ${indent - prev} spaces more than the line above; use 2`,
        { file: VALUES, line: i + 1 },
      );
      return;
    }
    prev = indent + (line.trimStart().startsWith("- ") ? 2 : 0);
    if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(line)) blockIndent = indent;
  }
}

/** The `pack:` section of values.yaml: its namespace and, for add-ons, the image list. */
export function checkPackSection(ctx: ValidateContext): void {
  const { valuesRoot: root, values, add, targetSeverity } = ctx;
  const raw = ctx.packJson?.raw;
  // An empty values.yaml (root null) still gets the image check: it has no list either.
  if (!values) return;
  const pack = (root as Record<string, unknown> | null)?.pack as
    Record<string, unknown> | undefined;
  const ns = pack?.namespace;
  if (ns !== undefined && ns !== null && !(isStr(ns) && ns.includes("{{"))) {
    if (!isStr(ns) || !K8S_NAMESPACE.test(ns) || ns.length > 63) {
      add(
        "error",
        "NAMESPACE_INVALID",
        `pack.namespace \`${String(ns)}\` is not a valid Kubernetes namespace (lower-case letters, digits and \`-\`)`,
        {
          file: VALUES,
          path: "pack.namespace",
          ...lineAt(values, ["pack", "namespace"], "value"),
        },
      );
    }
  }
  const layer = raw?.layer;
  if (layer === "os" || layer === "k8s" || layer === undefined) return;
  const content = pack?.content as Record<string, unknown> | undefined;
  const images = content?.images;
  if (!Array.isArray(images) || images.length === 0) {
    add(
      targetSeverity("IMAGES_MISSING"),
      "IMAGES_MISSING",
      "values.yaml has no `pack.content.images` list: air-gapped installs and image scanning need every image the pack pulls",
      {
        file: VALUES,
        path: "pack.content.images",
        ...missingLineAt(values, ["pack", "content", "images"]),
      },
    );
    return;
  }
  images.forEach((item: unknown, i) => {
    const image =
      item && typeof item === "object"
        ? (item as Record<string, unknown>).image
        : undefined;
    if (!isStr(image) || image === "")
      add(
        "warning",
        "IMAGE_ENTRY_INVALID",
        `pack.content.images[${i}] needs an \`image:\` entry`,
        {
          file: VALUES,
          path: `pack.content.images.${i}`,
          ...lineAt(values, ["pack", "content", "images", i]),
        },
      );
  });
}
