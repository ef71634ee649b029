/**
 * Packs for the reviewer bench: the real argo-cd pack from pack-central (test/fixtures), whose
 * chart archive gets 420 more templates, so it holds 500+ files. The added templates are real:
 * every `templates/**.yaml` of every chart archive in the fixtures, taken in a seeded order (and
 * again from the start when they run out), each renamed `templates/t-NNN.yaml` and given a first
 * line `# packsmith-bench:t-NNN` that the bench looks for in the viewer. Sizes are therefore
 * those of real templates.
 *
 * Two versions: A (the pack's own 3.26.7) and B (3.27.0): in B the chart's version is bumped and
 * every third added template changed (its first line gains `:changed-in-3.27.0`, a line is added
 * to its end), so compare has 140 changed templates inside one chart, plus Chart.yaml. Both are
 * zipped by the core (`writePackZip`) and the chart by the core's tar writer, as the app does.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readChartArchive } from "../../../src/pack/chart";
import { compareBytes, type PackFiles } from "../../../src/pack/pack-files";
import { writePackTarGz } from "../../../src/pack/tar-write";
import { writePackZip } from "../../../src/pack/zip-write";
import { loadFolder } from "./context";
import { ROOT } from "./browser-env";
import { Rng } from "./gen";

const enc = new TextEncoder();
const dec = new TextDecoder();
const FIXTURES = path.join(ROOT, "test/fixtures/pack-central");

export const REVIEW_PACK = "argo-cd";
export const VERSION_A = "3.26.7";
export const VERSION_B = "3.27.0";
/** The chart archive, as the pack names it. */
export const CHART = "charts/argo-cd.tgz";
/** Templates added to the chart. */
export const ADDED_TEMPLATES = 420;
/** In version B, every CHANGE_EVERY-th added template is changed. */
const CHANGE_EVERY = 3;

/** `templates/t-007.yaml` */
export const templatePath = (i: number): string =>
  `templates/t-${String(i).padStart(3, "0")}.yaml`;
/** The first line of an added template, unique to it (no spaces: Monaco shows them as U+00A0). */
export const templateMark = (i: number): string =>
  `packsmith-bench:t-${String(i).padStart(3, "0")}`;
/** What version B writes after the mark of a changed template. */
export const CHANGED_MARK = `:changed-in-${VERSION_B}`;

export interface ReviewerPacks {
  zipA: Uint8Array;
  zipB: Uint8Array;
  /** Files of the pack (version A), chart archive counted as one. */
  packFiles: number;
  /** Files inside the chart archive of version A. */
  chartFiles: number;
  chartBytes: number;
  chartExpandedBytes: number;
  /** Changed files inside the chart from A to B (templates + Chart.yaml). */
  changedInside: number;
  /** Indexes of the changed templates, in path order. */
  changedTemplates: number[];
  /** Sizes of the added templates: min, median, max. */
  templateBytes: { min: number; median: number; max: number };
  /** Real templates the added ones were taken from. */
  sourceTemplates: number;
}

/** Every `templates/**.yaml` of every chart archive of the fixtures, by archive then path. */
function realTemplates(): { from: string; text: string }[] {
  const out: { from: string; text: string }[] = [];
  for (const dir of readdirSync(FIXTURES).sort()) {
    let charts: string[];
    try {
      charts = readdirSync(path.join(FIXTURES, dir, "charts"));
    } catch {
      continue;
    }
    for (const c of charts.filter((f) => f.endsWith(".tgz")).sort()) {
      const b = readFileSync(path.join(FIXTURES, dir, "charts", c));
      const bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      const r = readChartArchive(bytes, { name: `${dir}/charts/${c}` });
      if (!r.ok) continue;
      for (const [p, b] of [...r.value.files].sort(([a], [z]) =>
        compareBytes(a, z),
      ))
        if (/^templates\/.+\.ya?ml$/.test(p))
          out.push({ from: `${dir}/charts/${c}/${p}`, text: dec.decode(b) });
    }
  }
  return out;
}

function shuffled<T>(r: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const replaced = (s: string, from: string, to: string): string => {
  if (!s.includes(from)) throw new Error(`reviewer pack: no "${from}"`);
  return s.replace(from, to);
};

/** Build both versions (deterministic for the seed). */
export async function reviewerPacks(seed = 20260808): Promise<ReviewerPacks> {
  const base = loadFolder(path.join(FIXTURES, "argocd-3.26.7"));
  const tgz = base.get(CHART);
  if (!tgz) throw new Error(`the argo-cd fixture has no ${CHART}`);
  const chart = readChartArchive(tgz, { name: CHART });
  if (!chart.ok) throw new Error(chart.error.message);

  const sources = shuffled(new Rng(seed), realTemplates());
  if (sources.length === 0) throw new Error("no templates in the fixtures");
  const innerA = new Map(chart.value.files);
  const innerB = new Map(chart.value.files);
  const sizes: number[] = [];
  const changedTemplates: number[] = [];
  for (let i = 0; i < ADDED_TEMPLATES; i++) {
    const src = sources[i % sources.length]!;
    const body = `# ${templateMark(i)} (from ${src.from})\n${src.text}`;
    const a = enc.encode(body);
    innerA.set(templatePath(i), a);
    sizes.push(a.length);
    if (i % CHANGE_EVERY === 0) {
      changedTemplates.push(i);
      innerB.set(
        templatePath(i),
        enc.encode(
          `${replaced(body, templateMark(i), templateMark(i) + CHANGED_MARK)}${body.endsWith("\n") ? "" : "\n"}# changed for ${VERSION_B}\n`,
        ),
      );
    } else innerB.set(templatePath(i), a);
  }
  const chartYaml = dec.decode(innerA.get("Chart.yaml"));
  innerB.set(
    "Chart.yaml",
    enc.encode(
      replaced(chartYaml, `version: ${VERSION_A}`, `version: ${VERSION_B}`),
    ),
  );

  const packJson = dec.decode(base.get("pack.json"));
  const chartA = writePackTarGz(innerA, "argo-cd");
  const chartB = writePackTarGz(innerB, "argo-cd");
  const filesA: PackFiles = new Map(base);
  filesA.set(CHART, chartA);
  const filesB: PackFiles = new Map(base);
  filesB.set(CHART, chartB);
  filesB.set(
    "pack.json",
    enc.encode(
      replaced(
        packJson,
        `"version": "${VERSION_A}"`,
        `"version": "${VERSION_B}"`,
      ),
    ),
  );

  let expanded = 0;
  for (const b of innerA.values()) expanded += b.length;
  const sorted = [...sizes].sort((x, y) => x - y);
  return {
    zipA: await writePackZip(filesA, `${REVIEW_PACK}-${VERSION_A}`),
    zipB: await writePackZip(filesB, `${REVIEW_PACK}-${VERSION_B}`),
    packFiles: filesA.size,
    chartFiles: innerA.size,
    chartBytes: chartA.length,
    chartExpandedBytes: expanded,
    changedInside: changedTemplates.length + 1,
    changedTemplates,
    templateBytes: {
      min: sorted[0]!,
      median: sorted[sorted.length >> 1]!,
      max: sorted[sorted.length - 1]!,
    },
    sourceTemplates: sources.length,
  };
}
