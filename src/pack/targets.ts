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

/** The codes whose severity depends on the target: warnings for an OCI registry. */
const LOGO_CODES = ["LOGO_MISSING", "LOGO_NOT_PNG"] as const;
const PACK_CENTRAL_CODES = [
  ...LOGO_CODES,
  "README_MISSING",
  "IMAGES_MISSING",
  "ADDON_TYPE_MISSING",
] as const;

/** A finding code some target reports as an error. */
export type TargetCode = (typeof PACK_CENTRAL_CODES)[number];

/**
 * The finding codes each target reports as errors where an OCI registry reports warnings; nothing
 * else in a report depends on the target. The rule families read their severity from here
 * (`targetSeverity` of the validation context), so a caller can validate once (for `oci`) and
 * tell what each target makes of the report.
 */
export const TARGET_ERRORS: Readonly<Record<Target, readonly TargetCode[]>> = {
  oci: [],
  "spectro-cli": LOGO_CODES,
  "pack-central": PACK_CENTRAL_CODES,
};

/** Whether `target` reports `code` as an error where an OCI registry reports a warning. */
export const raisedBy = (target: Target, code: string): boolean =>
  (TARGET_ERRORS[target] as readonly string[]).includes(code);
