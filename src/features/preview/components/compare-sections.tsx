import type { CompareSides, PackComparison } from "../utils/compare-packs";
import { CompareCharts } from "./compare-charts";
import { CompareImages } from "./compare-images";
import { CompareResult } from "./compare-result";

interface CompareSectionsProps {
  comparison: PackComparison;
  sides: CompareSides;
  /** Column headings for the two sides (`1.0.0`, `1.1.0 (local)`). */
  labels: readonly [string, string];
}

/**
 * Everything a comparison shows, in order: the pack's files, every chart's inside, the images.
 * Give it a `key` per comparison: another pair of sides then mounts fresh diff editors, never
 * swaps the texts of a live one (Monaco's folded regions can throw while its two models change
 * one by one).
 */
export function CompareSections({
  comparison,
  sides,
  labels,
}: CompareSectionsProps) {
  return (
    <>
      <CompareResult
        changes={comparison.files}
        charts={comparison.charts}
        sides={sides}
      />
      <CompareCharts charts={comparison.charts} sides={sides} labels={labels} />
      <CompareImages images={comparison.images} labels={labels} sides={sides} />
    </>
  );
}
