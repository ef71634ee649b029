import { ArchiveFailure } from "./archive-error";
import { checkEntryPath } from "./entry-path";
import { withLimits } from "./limits";

/**
 * Whether `top` can be the one top folder of a written pack: a single path segment that the
 * readers' own path rules accept, so every entry `top/<path>` stays inside the folder it unpacks to.
 */
export function isTopFolder(top: string): boolean {
  if (top.includes("/")) return false;
  try {
    return checkEntryPath(top, withLimits()) === top;
  } catch (e) {
    if (e instanceof ArchiveFailure) return false;
    throw e;
  }
}

/**
 * The top folder of a pack written from its pack.json: `<name>-<version>` when both are strings
 * and that is one safe segment ({@link isTopFolder}), else `pack` (a pack written with `--force`
 * whose name holds `/` or `..` must not write outside the folder it unpacks to).
 */
export function packTopFolder(name: unknown, version: unknown): string {
  if (
    typeof name !== "string" ||
    typeof version !== "string" ||
    !name ||
    !version
  )
    return "pack";
  const top = `${name}-${version}`;
  return isTopFolder(top) ? top : "pack";
}

/** Throws when `top` is not a safe top folder: the writers' guard, whatever their caller checked. */
export function assertTopFolder(top: string): void {
  if (!isTopFolder(top))
    throw new Error(
      `the top folder ${JSON.stringify(top)} is not one safe folder name`,
    );
}
