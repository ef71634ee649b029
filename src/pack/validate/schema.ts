import { parseSchemaTemplate } from "../schema-template";
import { hasPath, splitPath } from "../yaml-text";
import { isStr, lineAt, readYamlFile, type ValidateContext } from "./context";

/**
 * schema.yaml (rule 28): a map of value paths to `{schema: …}` templates that parse, each path
 * found in values.yaml or a preset.
 */
export function checkSchemaYaml(ctx: ValidateContext): void {
  const { add, roots } = ctx;
  // After a syntax error in values.yaml or presets.yaml, "not a path" would only repeat it.
  const checkPaths = ctx.valuesKnown && Boolean(roots[0]);
  const file = "schema.yaml";
  const read = readYamlFile(ctx, file, "SCHEMA_SYNTAX", {
    notText: "SCHEMA_INVALID",
  });
  const root = read?.parsed.values[0];
  if (!read || root === null || root === undefined) return;
  const { parsed } = read;
  if (typeof root !== "object" || Array.isArray(root))
    return add(
      "error",
      "SCHEMA_INVALID",
      "schema.yaml must map value paths to {schema: …}",
      { file, line: 1 },
    );
  for (const [key, entry] of Object.entries(root)) {
    // The entry and its path are found at the key; a template's own problems at the template.
    const where = { file, path: key, ...lineAt(parsed, [key]) };
    const atTemplate = {
      file,
      path: key,
      ...lineAt(parsed, [key, "schema"], "value"),
    };
    const template =
      entry && typeof entry === "object"
        ? (entry as Record<string, unknown>).schema
        : undefined;
    if (!isStr(template)) {
      add(
        "error",
        "SCHEMA_INVALID",
        `schema.yaml \`${key}\` must be an object with a \`schema\` string`,
        where,
      );
      continue;
    }
    const t = parseSchemaTemplate(template);
    if (!t.ok)
      add(
        "error",
        "SCHEMA_TEMPLATE_INVALID",
        `schema.yaml \`${key}\`: ${t.message}`,
        atTemplate,
      );
    else
      for (const w of t.warnings)
        add(
          "info",
          "SCHEMA_TEMPLATE_UNDOCUMENTED",
          `schema.yaml \`${key}\`: ${w}`,
          atTemplate,
        );
    if (
      checkPaths &&
      !roots.some((r) => r && hasPath(r, splitPath(key).join(".")))
    ) {
      add(
        "warning",
        "SCHEMA_PATH_UNKNOWN",
        `schema.yaml describes \`${key}\`, which is not a path in values.yaml or any preset`,
        where,
      );
    }
  }
}
