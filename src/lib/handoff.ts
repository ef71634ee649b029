import type { PackFiles } from "@/pack/pack-files";

/**
 * Passes a pack opened from the user's disk to the builder ("Edit as a new version" on a local
 * pack). Features do not import each other, and the files never leave the tab: they stay in this
 * module for the one in-app navigation, and are taken exactly once. After a reload they are gone,
 * and the builder says so.
 */
let pending: { files: PackFiles; label: string } | null = null;

export function handOffPack(files: PackFiles, label: string): void {
  pending = { files, label };
}

export function takeHandedOffPack(): {
  files: PackFiles;
  label: string;
} | null {
  const p = pending;
  pending = null;
  return p;
}
