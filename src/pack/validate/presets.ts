import { presetSchema } from "../schemas";
import { hasPath, parseYamlLimited, type ParsedYaml } from "../yaml-text";
import {
  isStr,
  lineAt,
  readYamlFile,
  typeName,
  VALUES,
  type BaseContext,
} from "./context";

const FILE = "presets.yaml";
/** Shape findings reported at most, so a file of 10,000 broken presets stays one screen. */
const MAX_SHAPE_FINDINGS = 20;

/** What each field of a preset must be (pack-format §B.6), for a field that is not. */
const FIELD_RULE: Record<string, string> = {
  name: "needs `name`, a non-empty string unique in the file",
  displayName: "needs `displayName`, the non-empty label Palette shows",
  group: "needs `group`, a non-empty string (one preset per group is active)",
  remove:
    "`remove` must be a list of dotted value paths (`remove: []` for none)",
  add: "`add` must be YAML text, written as a block (`add: |`)",
};

/**
 * Check presets.yaml (rule 21) and return the trees its presets `add`: a manifest value or a
 * schema.yaml path may legitimately come only from a preset (hello-universe does this). Each
 * preset is checked on its own, so one broken preset hides nothing about the others, and each
 * problem is reported at its own line. `complete` is false when the file or a preset's `add`
 * could not be read: a value may then come from what was not read.
 */
export function checkPresets(
  ctx: BaseContext,
  valuesRoot: unknown,
  valuesText: string,
): { trees: unknown[]; complete: boolean } {
  const { add } = ctx;
  let complete = true;
  const read = readYamlFile(ctx, FILE, "PRESETS_SYNTAX", {
    notText: "PRESETS_INVALID",
  });
  if (!read) return { trees: [], complete: !ctx.files.has(FILE) };
  const { parsed, text } = read;
  const root = parsed.values[0];
  // An empty presets.yaml occurs in a real pack (kyverno-1.12.2): no presets.
  if (root === null || root === undefined) return { trees: [], complete };
  const list =
    typeof root === "object" && !Array.isArray(root)
      ? (root as Record<string, unknown>).presets
      : undefined;
  if (!Array.isArray(list)) {
    add(
      "error",
      "PRESETS_INVALID",
      list === undefined
        ? `presets.yaml must be a mapping with a \`presets:\` list at the top, not ${typeof root === "object" && !Array.isArray(root) ? "a mapping without it" : typeName(root)}`
        : `presets.yaml \`presets\` must be a list of presets, not ${typeName(list)}`,
      { file: FILE, path: "presets", ...lineAt(parsed, ["presets"]) },
    );
    return { trees: [], complete: false };
  }
  const trees: unknown[] = [];
  const names = new Map<string, number | undefined>();
  const groups = new Map<string, string[]>();
  let shapeFindings = 0;
  list.forEach((item: unknown, i) => {
    const fields: Record<string, unknown> =
      item && typeof item === "object" && !Array.isArray(item)
        ? (item as Record<string, unknown>)
        : {};
    const name = isStr(fields.name) && fields.name ? fields.name : undefined;
    const label = name ? `preset \`${name}\`` : `preset ${i + 1}`;
    const at = (...path: (string | number)[]) => ({
      file: FILE,
      path: ["presets", i, ...path].join("."),
      ...lineAt(parsed, ["presets", i, ...path]),
    });
    const shape = presetSchema.safeParse(item);
    if (!shape.success) {
      // A preset that is not even a mapping may have had an `add`: its values are unknown.
      if (item === null || typeof item !== "object" || Array.isArray(item))
        complete = false;
      const bad = new Set<string>();
      for (const issue of shape.error.issues) {
        const field = String(issue.path[0] ?? "");
        if (bad.has(field) || shapeFindings >= MAX_SHAPE_FINDINGS) continue;
        bad.add(field);
        shapeFindings++;
        add(
          "error",
          "PRESETS_INVALID",
          `${label}: ${FIELD_RULE[field] ?? `must be a mapping of name, displayName, group, remove and add, not ${typeName(item)}`}`,
          at(...issue.path.map((p) => (typeof p === "number" ? p : String(p)))),
        );
      }
    }
    if (name !== undefined) {
      if (names.has(name)) {
        const first = names.get(name);
        add(
          "error",
          "PRESETS_INVALID",
          `preset name \`${name}\` is used twice${first ? ` (first on line ${first})` : ""}: give each preset its own name`,
          at("name"),
        );
      } else names.set(name, lineAt(parsed, ["presets", i, "name"]).line);
      if (isStr(fields.group))
        groups.set(fields.group, [...(groups.get(fields.group) ?? []), name]);
    }
    if (isStr(fields.add)) {
      const tree = readAdd(ctx, parsed, text, i, label, fields.add);
      if (tree === undefined) complete = false;
      else trees.push(tree);
    } else if (fields.add !== undefined && fields.add !== null)
      complete = false;
    if (Array.isArray(fields.remove))
      fields.remove.forEach((r: unknown, j) => {
        if (isStr(r) && valuesRoot && !hasPath(valuesRoot, r))
          add(
            "info",
            "PRESET_REMOVE_UNRESOLVED",
            `${label} removes \`${r}\`, which values.yaml does not have`,
            at("remove", j),
          );
      });
  });
  // The first-line comment names the default preset of each group.
  const m = /^#\s*spectrocloud\.com\/enabled-presets:\s*(.+)$/m.exec(
    valuesText,
  );
  for (const pair of m?.[1]?.split(",") ?? []) {
    const [group, name] = pair.trim().split(":");
    if (group && name && !(groups.get(group) ?? []).includes(name)) {
      add(
        "warning",
        "PRESET_DEFAULT_UNKNOWN",
        `values.yaml enables preset \`${group}:${name}\`, which presets.yaml does not define`,
        { file: VALUES },
      );
    }
  }
  return { trees, complete };
}

/**
 * The tree one preset's `add` text holds (null when empty), or undefined when it does not parse:
 * each error at its line in presets.yaml. Inside a literal block (`add: |`) the text keeps its
 * lines, so line n of the text is n lines below the `|`; otherwise the error is at `add:`.
 */
function readAdd(
  { add }: BaseContext,
  parsed: ParsedYaml,
  text: string,
  i: number,
  label: string,
  source: string,
): unknown {
  const what = "its `add` text";
  const sub = parseYamlLimited(source, what, { code: "PRESETS_INVALID" });
  const start = parsed.node(0, ["presets", i, "add"])?.start;
  const literal = start !== undefined && text[start] === "|";
  // A literal's lines count from its `|` header; any other error is reported at the `add:` key.
  const addLine = literal
    ? parsed.line(start)
    : lineAt(parsed, ["presets", i, "add"]).line;
  for (const f of sub.findings) {
    const line =
      literal && f.line && addLine !== undefined ? addLine + f.line : addLine;
    const detail = f.message.startsWith(`${what}: `)
      ? f.message.slice(what.length + 2)
      : f.message;
    add(
      "error",
      "PRESETS_INVALID",
      `${label}: ${what} is not valid YAML (${detail}); Palette merges it into values.yaml, so it must parse`,
      {
        file: FILE,
        path: `presets.${i}.add`,
        ...(line !== undefined ? { line } : {}),
      },
    );
  }
  return sub.findings.some((f) => f.severity === "error")
    ? undefined
    : (sub.values[0] ?? null);
}
