/**
 * Safety budgets for reading untrusted archives and files. The defaults are the
 * "Recommended defaults" of security.md; every reader takes a partial override.
 */
export interface Limits {
  /** Total bytes an archive may expand to, counted across every nesting level. */
  maxTotalBytes: number;
  /** Bytes one entry may expand to. */
  maxEntryBytes: number;
  /** Entries per archive level. */
  maxEntries: number;
  /** Output/input ratio allowed per entry once past `ratioGraceBytes`. */
  maxRatio: number;
  ratioGraceBytes: number;
  /** Archive inside archive (pack zip → chart tgz). */
  maxDepth: number;
  maxSegmentBytes: number;
  maxPathBytes: number;
  maxPathDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 1024,
  maxRatio: 100,
  ratioGraceBytes: 1024 * 1024,
  maxDepth: 2,
  maxSegmentBytes: 255,
  maxPathBytes: 1024,
  maxPathDepth: 16,
});

/**
 * The most bytes `compressed` bytes may expand to under the ratio rule (security.md: 100:1 per
 * entry after a 1 MiB grace): `maxRatio` times them, never less than `ratioGraceBytes`. One
 * definition for both sides: the readers refuse what expands past it (a zip entry, a whole gzip
 * stream), and the writers refuse to write it.
 */
export const ratioCap = (compressed: number, limits: Limits): number =>
  Math.max(limits.ratioGraceBytes, limits.maxRatio * Math.max(compressed, 1));

/** Helm's own limits for a chart archive (helm/pkg/chart/loader). */
export const HELM_LIMITS: Readonly<
  Pick<Limits, "maxTotalBytes" | "maxEntryBytes">
> = Object.freeze({
  maxTotalBytes: 100 * 1024 * 1024,
  maxEntryBytes: 5 * 1024 * 1024,
});

/**
 * values.yaml (and every other YAML file but plain manifests) larger than this is an error, not
 * parsed (security.md, YAML row: ≤5 MiB). Helm refuses a chart file above 5 MiB as well.
 */
export const MAX_YAML_PARSE_BYTES = 5 * 1024 * 1024;
/**
 * A plain manifest up to this size is parsed; a larger one is a warning and is not parsed, never an
 * error (security.md, YAML row): real packs ship 2.4 MiB manifests, and Palette applies them as they are.
 */
export const MAX_MANIFEST_PARSE_BYTES = 16 * 1024 * 1024;
export const MAX_YAML_DOCUMENTS = 1000;
export const MAX_YAML_DEPTH = 100;
export const MAX_YAML_ALIASES = 100;
/** Largest text shown in a rich editor; above it a preview falls back to plain text. */
export const MAX_RICH_PREVIEW_BYTES = 1024 * 1024;
/** Largest text previewed at all. */
export const MAX_TEXT_PREVIEW_BYTES = 5 * 1024 * 1024;
export const MAX_LOGO_BYTES = 1024 * 1024;
/** A side above this is refused (an image bomb); real logos reach 3750 px. */
export const MAX_LOGO_SIDE = 4096;
/** Above this a warning recommends a smaller logo (security.md: ≤1024). */
export const WARN_LOGO_SIDE_LARGE = 1024;
export const WARN_LOGO_SIDE = 512;

/**
 * Shared decompression budget. One instance is passed down through nested archives so
 * a pack zip and the chart archives inside it draw from the same total.
 */
export class Budget {
  used = 0;
  constructor(readonly limit: number) {}
  /** Returns false when taking `n` more bytes would exceed the budget. */
  take(n: number): boolean {
    this.used += n;
    return this.used <= this.limit;
  }
}

export const withLimits = (over?: Partial<Limits>): Limits => ({
  ...DEFAULT_LIMITS,
  ...over,
});
