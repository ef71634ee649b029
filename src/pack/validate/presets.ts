import { presetsFileSchema } from "../schemas";
import { hasPath, parseYamlLimited } from "../yaml-text";
import { lineAt, readYamlFile, VALUES, type BaseContext } from "./context";

/**
 * Check presets.yaml (rule 21) and return the trees its presets `add`: a manifest value or a
 * schema.yaml path may legitimately come only from a preset (hello-universe does this).
 */
export function checkPresets(
  ctx: BaseContext,
  valuesRoot: unknown,
  valuesText: string,
): unknown[] {
  const { add } = ctx;
  const file = "presets.yaml";
  const read = readYamlFile(ctx, file, "PRESETS_SYNTAX", {
    notText: "PRESETS_INVALID",
  });
  const root = read?.parsed.values[0];
  if (!read || root === null || root === undefined) return [];
  const { parsed } = read;
  const shape = presetsFileSchema.safeParse(root);
  if (!shape.success) {
    for (const issue of shape.error.issues.slice(0, 20)) {
      const path = issue.path.map(String);
      add(
        "error",
        "PRESETS_INVALID",
        `presets.yaml ${path.length ? `\`${path.join(".")}\`` : "root"}: ${issue.message}`,
        {
          file,
          path: path.join("."),
          ...lineAt(parsed, issue.path as (string | number)[]),
        },
      );
    }
    return [];
  }
  const trees: unknown[] = [];
  const names = new Set<string>();
  const groups = new Map<string, string[]>();
  shape.data.presets.forEach((p, i) => {
    const where = {
      file,
      path: `presets.${i}`,
      ...lineAt(parsed, ["presets", i]),
    };
    if (names.has(p.name))
      add(
        "error",
        "PRESETS_INVALID",
        `preset name \`${p.name}\` is used twice`,
        where,
      );
    names.add(p.name);
    groups.set(p.group, [...(groups.get(p.group) ?? []), p.name]);
    if (p.add) {
      const sub = parseYamlLimited(p.add, `presets.yaml preset ${p.name} add`, {
        code: "PRESETS_INVALID",
      });
      for (const f of sub.findings)
        add(
          "error",
          "PRESETS_INVALID",
          `preset \`${p.name}\`: its \`add\` text is not valid YAML (${f.message})`,
          where,
        );
      trees.push(...sub.values.slice(0, 1));
    }
    for (const r of p.remove ?? []) {
      if (valuesRoot && !hasPath(valuesRoot, r))
        add(
          "info",
          "PRESET_REMOVE_UNRESOLVED",
          `preset \`${p.name}\` removes \`${r}\`, which values.yaml does not have`,
          where,
        );
    }
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
  return trees;
}
