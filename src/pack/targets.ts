/**
 * Where a pack is going; it decides a few severities of the rules (pack-format §H): the Spectro CLI
 * insists on a PNG logo (rule 19); pack-central's CI on that, a README, image lists and an add-on
 * type (rules 9, 16, 20); an OCI registry on none of them.
 * The one list of them, for the core, the command line's `--target` and the builder's switch. It
 * imports nothing, so `packsmith --version` can read it without loading the core.
 */
export const TARGETS = ["oci", "spectro-cli", "pack-central"] as const;

/** One of {@link TARGETS}. */
export type Target = (typeof TARGETS)[number];

/** Whether `s` names a target. */
export const isTarget = (s: string): s is Target =>
  (TARGETS as readonly string[]).includes(s);
