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

/** The entries of `charts` or `kubeManifests` that are safe and present, each error reported (rules 12, 13). */
export function listedPaths(
  { files, add }: BaseContext,
  { raw, at }: PackJsonDoc,
  key: "charts" | "kubeManifests",
): { path: string; index: number }[] {
  const list = raw[key];
  if (!Array.isArray(list)) return [];
  const out: { path: string; index: number }[] = [];
  list.forEach((p, index) => {
    if (!isStr(p)) return;
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
  });
  return out;
}

/** Each Ansible role listed is a plain folder with tasks/main.yml (rule 14). */
export function checkAnsibleRoles(
  { files, add }: BaseContext,
  { raw, at }: PackJsonDoc,
): void {
  const roles = raw.ansibleRoles;
  if (!Array.isArray(roles)) return;
  roles.forEach((role, i) => {
    if (!isStr(role)) return;
    if (refProblem(role) || role.includes("/"))
      add(
        "error",
        "REF_UNSAFE",
        `ansibleRoles entry \`${role}\` must be a plain folder name`,
        at(`ansibleRoles.${i}`),
      );
    else if (
      !files.has(`${role}/tasks/main.yml`) &&
      !files.has(`${role}/tasks/main.yaml`)
    ) {
      add(
        "error",
        "ANSIBLE_ROLE_MISSING",
        `Ansible role \`${role}\` needs \`${role}/tasks/main.yml\` in the pack`,
        at(`ansibleRoles.${i}`),
      );
    }
  });
}
