import type { ChartArchive } from "./chart";
import type { Finding } from "./finding";
import { sortFindings } from "./finding";
import { packImages, type PackImage } from "./images";
import { secretFindings, strayFolderFindings } from "./secrets";
import type { PackFiles } from "./pack-files";
import { decodeText } from "./yaml-text";
import { checkCharts, type ChartSummary } from "./validate/charts";
import { checkConstraints } from "./validate/constraints";
import { checkFileNames } from "./validate/file-names";
import {
  createContext,
  VALUES,
  type ValidateContext,
  type ValidateOptions,
} from "./validate/context";
import { checkLogo, checkReadme } from "./validate/logo";
import { checkManifests } from "./validate/manifests";
import { checkOsAnnotations } from "./validate/os";
import {
  checkPackJson,
  readPackJsonDoc,
  type PackJsonRead,
} from "./validate/pack-json";
import { checkPresets } from "./validate/presets";
import { checkAnsibleRoles } from "./validate/refs";
import { checkSampleValues } from "./validate/samples";
import { checkSchemaYaml } from "./validate/schema";
import { checkPackSection, readValues } from "./validate/values";

export type { ChartSummary } from "./validate/charts";
export type {
  ChartCache,
  FileFindingsCache,
  OpenedChart,
  SecretScanCache,
  Target,
  ValidateOptions,
} from "./validate/context";
export { checkIdentity } from "./validate/identity";
export { packJsonMissing } from "./validate/pack-json";
export { OS_ANNOTATIONS } from "./validate/os";
export type { PackJsonRead } from "./validate/pack-json";

/**
 * What validation found. `pack` is pack.json typed as {@link PackJson} only when `packStatus` is
 * `valid` (it passed the schema); an object that did not is `invalid` and its fields are unknown.
 */
export type ValidationReport = PackJsonRead & {
  findings: Finding[];
  charts: ChartSummary[];
  /**
   * Each chart listed in pack.json that could be read, by its path in the pack: all of Chart.yaml
   * and the files inside, so callers need not expand the archives again. Empty when
   * `ValidateOptions.takeChart` took them.
   */
  chartArchives: Map<string, ChartArchive>;
  /** Every container image the pack pulls (registry-api.md `PackDetail.images`). */
  images: PackImage[];
};

/**
 * Check a pack against every rule of pack-format §H, one rule family after the other around one
 * {@link ValidateContext} (src/pack/validate/*). Synchronous. A problem with the pack is a
 * finding; an exception is a bug in this code and propagates.
 */
export function validatePack(
  files: PackFiles,
  opts: ValidateOptions = {},
): ValidationReport {
  const base = createContext(files, opts);
  checkFileNames(base);
  const doc = readPackJsonDoc(base);
  const pack: PackJsonRead = doc
    ? checkPackJson(base, doc)
    : { packStatus: "missing", pack: null };

  const values = readValues(base);
  const valuesRoot = values?.values[0] ?? null;
  // Preset trees first: manifest values and schema.yaml paths may come only from a preset.
  const valuesText = decodeText(files.get(VALUES) ?? new Uint8Array()) ?? "";
  const fromPresets = checkPresets(base, valuesRoot, valuesText);
  const ctx: ValidateContext = {
    ...base,
    packJson: doc,
    values,
    valuesRoot,
    valuesText,
    roots: [valuesRoot, ...fromPresets.trees],
    valuesKnown: values !== null && fromPresets.complete,
  };
  const charts = doc ? checkCharts(ctx, doc) : [];
  if (doc) {
    checkManifests(ctx, doc);
    checkAnsibleRoles(ctx, doc);
    checkConstraints(ctx, doc);
    checkOsAnnotations(ctx, doc);
  }
  checkPackSection(ctx);
  checkLogo(ctx);
  checkReadme(ctx);
  checkSchemaYaml(ctx);
  checkSampleValues(ctx);
  const { findings, chartArchives, chartInfo } = ctx;
  // Credentials and leftovers in the pack's own files, unpacked chart folders included.
  // One file at a time (the scan is per file), each from the caller's cache when it has one.
  const secretCache = ctx.secretCache;
  for (const [path, bytes] of files) {
    let found = secretCache?.get(path, bytes);
    if (!found) {
      found = secretFindings(new Map([[path, bytes]]));
      secretCache?.set(path, bytes, found);
    }
    for (const f of found) findings.push({ ...f });
  }
  // A version-control folder is one finding naming its file count, so it needs every path.
  findings.push(...strayFolderFindings(files.keys()));
  const scan = packImages({
    files,
    values,
    charts: [...chartInfo].map(([file, info]) => ({ file, info })),
  });
  findings.push(...scan.findings);
  return {
    ...pack,
    findings: sortFindings(findings),
    charts,
    chartArchives,
    images: scan.images,
  };
}
