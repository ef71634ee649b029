import { parseSchemaTemplate } from "@/pack/schema-template";
import { presetsFileSchema } from "@/pack/schemas";
import { parseYamlLimited } from "@/pack/yaml-text";

export interface PresetRow {
  name: string;
  displayName: string;
  /** Dotted value paths the preset deletes. */
  remove: string[];
  /** The YAML text the preset merges into values.yaml. */
  add: string;
  /** Named by values.yaml's `# spectrocloud.com/enabled-presets:` comment. */
  enabledByDefault: boolean;
}

export interface PresetGroup {
  group: string;
  presets: PresetRow[];
}

export type TableResult<T> =
  { ok: true; rows: T[] } | { ok: false; message: string };

/** `Group:name` pairs named by the first-line comment of values.yaml (pack-format §B.2). */
export function enabledPresets(valuesText: string): Set<string> {
  const m = /^#\s*spectrocloud\.com\/enabled-presets:\s*(.+)$/m.exec(
    valuesText,
  );
  return new Set(
    (m?.[1] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * presets.yaml shaped for a table: one group per `group`, in order of first appearance, since only
 * one preset per group can be active. An empty file is an empty table, not an error.
 */
export function readPresets(
  text: string,
  valuesText = "",
): TableResult<PresetGroup> {
  const parsed = parseYamlLimited(text, "presets.yaml");
  const error = parsed.findings.find((f) => f.severity === "error");
  if (error) return { ok: false, message: error.message };
  const root = parsed.values[0];
  if (root === null || root === undefined) return { ok: true, rows: [] };
  const shape = presetsFileSchema.safeParse(root);
  if (!shape.success)
    return {
      ok: false,
      message:
        "presets.yaml does not have the shape `presets: [{name, displayName, group, add, remove}]`",
    };
  const enabled = enabledPresets(valuesText);
  const groups = new Map<string, PresetRow[]>();
  for (const p of shape.data.presets) {
    const rows = groups.get(p.group) ?? [];
    rows.push({
      name: p.name,
      displayName: p.displayName,
      remove: p.remove ?? [],
      add: p.add ?? "",
      enabledByDefault: enabled.has(`${p.group}:${p.name}`),
    });
    groups.set(p.group, rows);
  }
  return {
    ok: true,
    rows: [...groups].map(([group, presets]) => ({ group, presets })),
  };
}

export interface SchemaRow {
  /** Dotted values path (`$[]` = every array element). */
  path: string;
  required: boolean;
  readonly: boolean;
  /** The format string as written, e.g. `${string}/${string}:${version}`. */
  format?: string;
  /** A readable form of each `${type[:arg]}` token. */
  types: string[];
  hints: string[];
  /** Why the template could not be read; the row still shows the raw text. */
  error?: string;
  template: string;
}

/** Describe one format token: `${number:[1-65535]}` → `number in [1-65535]`. */
export function describeToken(type: string, arg?: string): string {
  if (arg === undefined || arg === "") return type;
  if (type === "list")
    return `one of ${arg
      .replace(/^\[|\]$/g, "")
      .split(",")
      .join(", ")}`;
  if (arg.startsWith("/")) return `${type} matching ${arg}`;
  return `${type} in ${arg}`;
}

/** schema.yaml shaped for a table: one row per value path, in file order. */
export function readSchemaRows(text: string): TableResult<SchemaRow> {
  const parsed = parseYamlLimited(text, "schema.yaml");
  const error = parsed.findings.find((f) => f.severity === "error");
  if (error) return { ok: false, message: error.message };
  const root = parsed.values[0];
  if (root === null || root === undefined) return { ok: true, rows: [] };
  if (typeof root !== "object" || Array.isArray(root))
    return {
      ok: false,
      message: "schema.yaml must map value paths to {schema: …}",
    };
  const rows = Object.entries(root as Record<string, unknown>).map(
    ([path, entry]): SchemaRow => {
      const template =
        entry && typeof entry === "object"
          ? (entry as Record<string, unknown>).schema
          : undefined;
      if (typeof template !== "string")
        return {
          path,
          required: false,
          readonly: false,
          types: [],
          hints: [],
          template: "",
          error: "no `schema` string",
        };
      const t = parseSchemaTemplate(template);
      if (!t.ok)
        return {
          path,
          required: false,
          readonly: false,
          types: [],
          hints: [],
          template,
          error: t.message,
        };
      return {
        path,
        required: t.value.required,
        readonly: t.value.readonly,
        ...(t.value.format !== undefined ? { format: t.value.format } : {}),
        types: t.value.tokens.map((k) => describeToken(k.type, k.arg)),
        hints: t.value.hints,
        template,
      };
    },
  );
  return { ok: true, rows };
}
