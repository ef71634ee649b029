import { isStr, type BaseContext, type PackJsonDoc } from "./context";

/** A path listed in pack.json: relative, no `..`, forward slashes (rule 12). */
export function refProblem(p: string): string | null {
  if (p === "") return "is empty";
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p))
    return "must be relative to the pack root";
  if (p.includes("\\")) return "must use forward slashes";
  if (p.split("/").some((s) => s === ".." || s === "." || s === ""))
    return "must not contain `.`, `..` or empty segments";
  return null;
}

/**
 * The entries of `charts` or `kubeManifests` that are safe and present, each error reported (rules
 * 12, 13). An entry listed again is reported once, at its second mention, and left out: every
 * later check runs once per distinct entry.
 */
export function listedPaths(
  ctx: BaseContext,
  doc: PackJsonDoc,
  key: "charts" | "kubeManifests",
): { path: string; index: number }[] {
  const { files, add } = ctx;
  const { at } = doc;
  const out: { path: string; index: number }[] = [];
  for (const { entry: p, index } of distinctEntries(ctx, doc, key)) {
    const where = at(`${key}.${index}`);
    const problem = refProblem(p);
    if (problem)
      add("error", "REF_UNSAFE", `${key} entry \`${p}\` ${problem}`, where);
    else if (!files.has(p))
      add(
        "error",
        "REF_MISSING",
        `${key} lists \`${p}\`, which is not in the pack`,
        where,
      );
    else out.push({ path: p, index });
  }
  return out;
}

/**
 * The string entries of a pack.json list, each once, with the index of its first mention. An entry
 * listed more than once is one warning (`REF_DUPLICATE`, at its second mention), not an error:
 * pack-format §H does not forbid it; but checking it again would print each of its findings again.
 */
function distinctEntries(
  { add }: BaseContext,
  { raw, at }: PackJsonDoc,
  key: "charts" | "kubeManifests" | "ansibleRoles",
): { entry: string; index: number }[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  const mentions = new Map<string, number[]>();
  list.forEach((entry: unknown, index) => {
    if (isStr(entry))
      mentions.set(entry, [...(mentions.get(entry) ?? []), index]);
  });
  const out: { entry: string; index: number }[] = [];
  for (const [entry, [index, again, ...more]] of mentions) {
    if (index === undefined) continue;
    out.push({ entry, index });
    if (again === undefined) continue;
    const first = at(`${key}.${index}`).line;
    add(
      "warning",
      "REF_DUPLICATE",
      `${key} lists \`${entry}\` ${more.length + 2} times${first ? ` (first on line ${first})` : ""}: it is checked once; list it once`,
      at(`${key}.${again}`),
    );
  }
  return out;
}

/** The file an Ansible role runs from (rule 14): `<role>/tasks/main.yml` or `.yaml`; undefined when the pack has neither. */
export const roleTasksFile = (
  files: ReadonlyMap<string, unknown>,
  role: string,
): string | undefined =>
  [`${role}/tasks/main.yml`, `${role}/tasks/main.yaml`].find((f) =>
    files.has(f),
  );

/** Each Ansible role listed is a plain folder with tasks/main.yml (rule 14), each role once. */
export function checkAnsibleRoles(ctx: BaseContext, doc: PackJsonDoc): void {
  const { files, add } = ctx;
  const { at } = doc;
  for (const { entry: role, index: i } of distinctEntries(
    ctx,
    doc,
    "ansibleRoles",
  )) {
    if (refProblem(role) || role.includes("/"))
      add(
        "error",
        "REF_UNSAFE",
        `ansibleRoles entry \`${role}\` must be a plain folder name`,
        at(`ansibleRoles.${i}`),
      );
    else if (!roleTasksFile(files, role)) {
      add(
        "error",
        "ANSIBLE_ROLE_MISSING",
        `Ansible role \`${role}\` needs \`${role}/tasks/main.yml\` in the pack`,
        at(`ansibleRoles.${i}`),
      );
    }
  }
}
