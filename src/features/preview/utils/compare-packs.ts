import {
  diffCharts,
  diffPackFiles,
  type ChartsDiff,
  type FileDelta,
} from "@/pack/chart-diff";
import { diffImages, type ImageDelta } from "@/pack/image-diff";
import type { PackFiles } from "@/pack/pack-files";
import type { PackDetail } from "@/pack/registry-types";

/** Everything the compare page shows, computed from the two versions' details alone. */
export interface PackComparison {
  files: FileDelta[];
  charts: ChartsDiff;
  images: ImageDelta[];
}

/** What a comparison reads of each side: a registry detail, or what the pack worker computed of a local pack. */
export type CompareInput = Pick<PackDetail, "files" | "charts" | "images">;

/**
 * Compare two versions from their API details: files by SHA-256, charts by their inner files'
 * SHA-256 (registry-api.md version 2 `charts[].files`) and images by reference. No archive is
 * needed, so the lists show at once however many files changed. A detail from a server without
 * `charts` or `images` compares as having none.
 */
export function comparePacks(
  before: CompareInput,
  after: CompareInput,
): PackComparison {
  // Untyped JSON: an older server leaves the version 2 fields out.
  const charts = (d: CompareInput) => (Array.isArray(d.charts) ? d.charts : []);
  const images = (d: CompareInput) => (Array.isArray(d.images) ? d.images : []);
  return {
    files: diffPackFiles(before.files, after.files),
    charts: diffCharts(charts(before), charts(after)),
    images: diffImages(images(before), images(after)),
  };
}

/** One side of a comparison: a registry version, or with `local` a pack opened from disk. */
export interface CompareSide {
  name: string;
  version: string;
  local?: PackFiles;
}

/** The two versions compared, left and right: where each diff reads its files. */
export interface CompareSides {
  before: CompareSide;
  after: CompareSide;
}
