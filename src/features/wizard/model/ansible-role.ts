import { ArchiveFailure } from "@/pack/archive-error";
import { checkEntryPath } from "@/pack/entry-path";
import { withLimits } from "@/pack/limits";
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
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(roleName))
    return err(
      `${roleName}: a role name may hold letters, digits, . _ and - only`,
    );
  if (RESERVED.has(roleName.toLowerCase()))
    return err(`${roleName} is a name the pack itself uses: rename the role`);
  if (existing.includes(roleName))
    return err(`The role ${roleName} is already in the pack`);
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
