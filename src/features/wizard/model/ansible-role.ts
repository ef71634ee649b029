import { ArchiveFailure } from "@/pack/archive-error";
import { caseNote } from "@/features/wizard/model/add-files";
import { checkEntryPath } from "@/pack/entry-path";
import { withLimits } from "@/pack/limits";
import { foldName } from "@/pack/pack-files";
import { err, ok, type Result } from "@/pack/result";

/** Names a role folder cannot take: they are the pack's own files and folders. */
const RESERVED = new Set([
  "charts",
  "manifests",
  "pack.json",
  "values.yaml",
  "logo.png",
  "readme.md",
  "presets.yaml",
  "schema.yaml",
]);

/**
 * A role from a folder's files (paths relative to the folder the user gave). When that folder
 * only wraps the role (`roles/harden_os/tasks/…`), the role is the single folder inside.
 */
export function roleFromFiles(
  name: string,
  files: readonly { path: string; bytes: Uint8Array }[],
  existing: readonly string[],
): Result<
  { name: string; files: { path: string; bytes: Uint8Array }[] },
  string
> {
  let roleName = name;
  let entries = [...files];
  const hasTasks = (list: typeof entries) =>
    list.some(
      (f) => f.path === "tasks/main.yml" || f.path === "tasks/main.yaml",
    );
  // An archive of a role that only has tasks/ comes back without that folder (the reader removes
  // a single top folder): put it back.
  if (
    !hasTasks(entries) &&
    entries.every((f) => !f.path.includes("/")) &&
    entries.some((f) => /^main\.ya?ml$/.test(f.path))
  )
    entries = entries.map((f) => ({ ...f, path: `tasks/${f.path}` }));
  if (!hasTasks(entries)) {
    const tops = new Set(entries.map((f) => f.path.split("/")[0]));
    const [only] = tops;
    const inner = entries.map((f) => ({
      ...f,
      path: f.path.slice((only?.length ?? 0) + 1),
    }));
    if (
      tops.size === 1 &&
      only &&
      entries.every((f) => f.path.includes("/")) &&
      hasTasks(inner)
    ) {
      roleName = only;
      entries = inner;
    }
  }
  const named = checkRoleFolder(roleName, existing);
  if (!named.ok) return named;
  if (!hasTasks(entries))
    return err(`${roleName} is not an Ansible role: it has no tasks/main.yml`);
  // Folder files come straight from the user's disk: the core's path rules apply to them as in an archive.
  const limits = withLimits();
  for (const f of entries) {
    try {
      checkEntryPath(`${roleName}/${f.path}`, limits);
    } catch (e) {
      if (e instanceof ArchiveFailure)
        return err(`${roleName}: ${e.detail.message}`);
      throw e;
    }
  }
  return ok({ name: roleName, files: entries });
}

/** The role name of a zip or tar.gz: its file name without the extension. */
export const roleNameOfArchive = (fileName: string): string =>
  fileName.replace(/\.(zip|tar\.gz|tgz|tar)$/i, "");

/** A folder name a role can take in the pack: not a file or folder of the pack's own, not taken. */
function checkRoleFolder(
  name: string,
  existing: readonly string[],
): Result<string, string> {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name))
    return err(`${name}: a role name may hold letters, digits, . _ and - only`);
  if (RESERVED.has(name.toLowerCase()))
    return err(`${name} is a name the pack itself uses: rename the role`);
  const taken = existing.find((e) => foldName(e) === foldName(name));
  if (taken !== undefined)
    return err(
      `The role ${taken} is already in the pack${caseNote(taken, name)}`,
    );
  return ok(name);
}

/**
 * The name of a role created in the builder: what ansible-lint's `role-name` rule accepts
 * (`^[a-z][a-z0-9_]*$`: Ansible reads roles as Python-like identifiers), and a folder the pack
 * can hold. An uploaded role keeps the folder name it came with.
 */
export function checkNewRoleName(
  name: string,
  existing: readonly string[],
): Result<string, string> {
  const n = name.trim();
  if (n === "") return err("Enter the role's name, e.g. harden_extra");
  if (!/^[a-z][a-z0-9_]*$/.test(n))
    return err(
      `${n}: start with a lower-case letter and use lower-case letters, digits and _ only, e.g. harden_extra`,
    );
  return checkRoleFolder(n, existing);
}

/** The tasks/main.yml of a new role: a play's task list with one task to replace. */
export const roleTasksSkeleton = (name: string): string =>
  `---
- name: Customise the image (${name})
  ansible.builtin.debug:
    msg: Replace this task with the steps of ${name}
`;

/** The folders of a role that take plain files (copied as they are, or rendered with Jinja). */
export const ROLE_FILE_FOLDERS = ["files", "templates"] as const;
export type RoleFileFolder = (typeof ROLE_FILE_FOLDERS)[number];

/**
 * Where an uploaded file goes in a role: `<folder>/<file name>`, with the core's path rules, and
 * never over a file the role already has.
 */
export function roleFilePath(
  role: string,
  folder: RoleFileFolder,
  fileName: string,
  existing: readonly string[],
): Result<string, string> {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const path = `${folder}/${base}`;
  if (base === "" || base === "." || base === "..")
    return err(`${fileName} is not a file name`);
  try {
    checkEntryPath(`${role}/${path}`, withLimits());
  } catch (e) {
    if (e instanceof ArchiveFailure)
      return err(`${fileName}: ${e.detail.message}`);
    throw e;
  }
  const taken = existing.find((e) => foldName(e) === foldName(path));
  if (taken !== undefined)
    return err(
      `${role}/${taken} is already in the role${caseNote(taken, path)}: remove it first`,
    );
  return ok(path);
}
