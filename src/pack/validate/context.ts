import type { ChartArchive, ChartError, ChartInfo } from "../chart";
import type { NativeFlate } from "../inflate";
import type { Finding, Severity } from "../finding";
import type { LocatedJson } from "../json-locate";
import { Budget, withLimits, type Limits } from "../limits";
import type { PackFiles } from "../pack-files";
import type { Result } from "../result";
import type { TemplateSample } from "../template-info";
import {
  decodeText,
  lineOfPath,
  parseYamlLimited,
  type ParsedYaml,
} from "../yaml-text";

import { raisedBy, type Target, type TargetCode } from "../targets";

export type { Target };

export interface ValidateOptions {
  target?: Target;
  /** name and displayName of the previous version, for rule 25. */
  previous?: { name: string; displayName: string };
  /**
   * The documentation's sample values of the template the pack was made from, with the value the
   * template holds at each (template-info.ts templateSamples): each one the pack still holds
   * unchanged is a `TEMPLATE_SAMPLE_VALUE` warning.
   */
  samples?: readonly TemplateSample[];
  limits?: Partial<Limits>;
  /** The budget the archive was read with, so nested charts share it. */
  budget?: Budget;
  /**
   * Chart archives opened by an earlier validation, so a check after an edit elsewhere (values.yaml)
   * neither expands nor scans them again: asked for each chart before it is read, told of each
   * read. The caller keys entries by the bytes (their identity or digest); the core reuses one only
   * when its path and limits match and the budget has room for it, so the findings are the same as
   * without the cache.
   */
  chartCache?: ChartCache;
  /**
   * The credential and leftover scan of each of the pack's own files, by path and bytes (keyed
   * by the caller as {@link ChartCache} is), so an edit re-scans only the file that changed.
   */
  secretCache?: SecretScanCache;
  /**
   * The YAML check of each plain manifest (its syntax findings: they depend on its bytes alone),
   * keyed as {@link ChartCache} is, so a values.yaml edit does not parse every manifest again.
   */
  manifestCache?: FileFindingsCache;
  /** Expand chart archives with this native codec (Node's zlib on the server) instead of fflate. */
  native?: NativeFlate;
  /**
   * Hand each chart archive read to this once validation is done with its files (read, scanned),
   * and keep none: the report's `chartArchives` stays empty. A caller that needs only something
   * of them (the server: each file's digest) then holds one expanded chart at a time.
   */
  takeChart?: (path: string, archive: ChartArchive) => void;
}

/** Where validation keeps findings that depend on one file's path and bytes alone, between checks. */
export interface FileFindingsCache {
  get(path: string, bytes: Uint8Array): readonly Finding[] | undefined;
  set(path: string, bytes: Uint8Array, findings: readonly Finding[]): void;
}

/** Where validation keeps each file's secret scan (see ValidateOptions.secretCache). */
export type SecretScanCache = FileFindingsCache;

/**
 * A chart archive as validation opened it, with what depends on its bytes alone. Opaque to
 * callers: kept by a {@link ChartCache} and handed back.
 */
export interface OpenedChart {
  /** Its path in the pack: messages and secret findings are named by it. */
  readonly path: string;
  /** The limits it was read with (JSON). */
  readonly limits: string;
  readonly result: Result<ChartArchive, ChartError>;
  /** Room left in the shared budget before the read, and what the read took from it. */
  readonly room: number;
  readonly taken: number;
  /** Credentials and leftovers inside the archive, named by their pack-wide path. */
  readonly secrets: readonly Finding[];
}

/** Where validation keeps the chart archives it opened, by path and bytes (see ValidateOptions.chartCache). */
export interface ChartCache {
  get(path: string, bytes: Uint8Array): OpenedChart | undefined;
  set(path: string, bytes: Uint8Array, opened: OpenedChart): void;
}

export const PACK_JSON = "pack.json";
export const VALUES = "values.yaml";

/** Report one finding. */
export type Add = (
  severity: Severity,
  code: string,
  message: string,
  where?: Omit<Finding, "code" | "severity" | "message">,
) => void;
/** Where a pack.json field is: its file, line (when known) and dotted path. */
export type At = (path: string) => {
  file: string;
  line?: number;
  path: string;
};

/** pack.json once it parsed into a JSON object (whatever its fields hold). */
export interface PackJsonDoc {
  json: LocatedJson;
  raw: Record<string, unknown>;
  at: At;
}

/** What every rule family may use before any file is read: the pack, the options, the sink. */
export interface BaseContext {
  files: PackFiles;
  /**
   * The severity of a code that depends on the target (`TARGET_ERRORS` in targets.ts): the
   * Spectro CLI and pack-central refuse a pack without a PNG logo (§H rule 19), pack-central's CI
   * also one without a README, image list or add-on type (§H 9, 16, 20).
   */
  targetSeverity: (code: TargetCode) => Severity;
  previous?: { name: string; displayName: string };
  samples?: readonly TemplateSample[];
  limits: Limits;
  /** Shared by the pack and every chart archive opened inside it. */
  budget: Budget;
  /** The findings sink: everything reported so far, in order. */
  findings: Finding[];
  add: Add;
  /** Cache: each chart archive opened, by its path in the pack (none with `takeChart`). */
  chartArchives: Map<string, ChartArchive>;
  /** Chart.yaml and what validation read of each chart opened, by its path in the pack. */
  chartInfo: Map<string, ChartInfo>;
  /** Archives opened by an earlier validation, when the caller keeps them. */
  chartCache?: ChartCache;
  secretCache?: SecretScanCache;
  manifestCache?: FileFindingsCache;
  native?: NativeFlate;
  takeChart?: (path: string, archive: ChartArchive) => void;
}

/** The context of the families that run once pack.json, values.yaml and presets.yaml are read. */
export interface ValidateContext extends BaseContext {
  /** pack.json as an object; undefined when it is missing or not an object. */
  packJson: PackJsonDoc | undefined;
  /** values.yaml parsed; null when it is missing or broken. */
  values: ParsedYaml | null;
  /** The first document of values.yaml; null when there is none. */
  valuesRoot: unknown;
  /** values.yaml as text ('' when absent or not UTF-8). */
  valuesText: string;
  /** valuesRoot then the tree every preset adds: where a value may come from. */
  roots: unknown[];
  /**
   * Whether every place a value may come from was read: values.yaml parsed (an empty one counts)
   * and every preset's `add`. Checks that report a value as found nowhere ("renders empty", "not a
   * path in values.yaml") run only then: after a syntax error they would only repeat it.
   */
  valuesKnown: boolean;
}

/** The context every validation starts from. */
export function createContext(
  files: PackFiles,
  opts: ValidateOptions,
): BaseContext {
  const limits = withLimits(opts.limits);
  const findings: Finding[] = [];
  const ctx: BaseContext = {
    files,
    targetSeverity: (code) =>
      raisedBy(opts.target ?? "oci", code) ? "error" : "warning",
    limits,
    budget: opts.budget ?? packBudget(files, limits),
    findings,
    add: (severity, code, message, where = {}) => {
      findings.push({ code, severity, message, ...where });
    },
    chartArchives: new Map(),
    chartInfo: new Map(),
  };
  if (opts.previous) ctx.previous = opts.previous;
  if (opts.samples) ctx.samples = opts.samples;
  if (opts.chartCache) ctx.chartCache = opts.chartCache;
  if (opts.secretCache) ctx.secretCache = opts.secretCache;
  if (opts.manifestCache) ctx.manifestCache = opts.manifestCache;
  if (opts.native) ctx.native = opts.native;
  if (opts.takeChart) ctx.takeChart = opts.takeChart;
  return ctx;
}

/** The budget for nested archives: what the pack's own files already take counts against it. */
export function packBudget(files: PackFiles, limits: Limits): Budget {
  const b = new Budget(limits.maxTotalBytes);
  for (const v of files.values()) b.take(v.length);
  return b;
}

/** How a JSON value's type reads in a message: "an array", "a number". */
export const typeName = (v: unknown): string =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "an array"
      : typeof v === "object"
        ? "an object"
        : `a ${typeof v}`;

export const isStr = (v: unknown): v is string => typeof v === "string";

/**
 * The line of a path in values.yaml (or another parsed YAML file), when it has one: its key's
 * line for a finding about the entry, its value's for one about the value ({@link lineOfPath}).
 */
export const lineAt = (
  values: ParsedYaml,
  path: (string | number)[],
  at: "key" | "value" = "key",
): { line?: number } => {
  const line = lineOfPath(values, 0, path, at);
  return line ? { line } : {};
};

/**
 * The line where a missing part of values.yaml (or another parsed YAML file) belongs: the key of
 * its deepest part that exists ({@link lineOfPath}: `charts:` for a missing `charts.<chart>`), or
 * the first key of the document when no part does. A file with no content at all (empty, or
 * comments only) has no node to point at: the part goes at its top, line 1.
 */
export const missingLineAt = (
  values: ParsedYaml,
  path: (string | number)[],
): { line: number } => ({ line: lineOfPath(values, 0, path) ?? 1 });

/**
 * Read one YAML file of the pack with the limits, reporting its problems under `code`. Null when
 * the file is absent (an error only with `missing`), not UTF-8, or does not parse.
 */
export function readYamlFile(
  { files, add }: BaseContext,
  file: string,
  code: string,
  opts: { missing?: { code: string; message: string }; notText?: string } = {},
): { parsed: ParsedYaml; text: string } | null {
  const { missing, notText = code } = opts;
  const bytes = files.get(file);
  if (!bytes) {
    if (missing) add("error", missing.code, missing.message, { file });
    return null;
  }
  const text = decodeText(bytes);
  if (text === null) {
    add("error", notText, `${file} is not UTF-8 text`, { file });
    return null;
  }
  const parsed = parseYamlLimited(text, file, { code });
  for (const f of parsed.findings)
    add(f.severity, f.code, f.message, {
      file,
      ...(f.line ? { line: f.line } : {}),
    });
  return parsed.findings.some((f) => f.severity === "error")
    ? null
    : { parsed, text };
}
