import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { FIXTURES } from "../../../../test/helpers/fixtures";
import { valuesBlockRemoval } from "@/features/wizard/components/values-block-removal";
import { addCharts } from "@/features/wizard/model/add-files";
import type { ChartRow } from "@/features/wizard/model/draft-schema";
import { readChart } from "@/pack/chart";

/*
 * Undo of a chart's removal put back the whole list as it was before the removal: a chart added
 * in between vanished, its values block stayed behind with nothing using it (found by trying the
 * builder: add crossplane, remove it, add optimize-live, Undo).
 */

const candidate = (path: string) => {
  const bytes = new Uint8Array(
    readFileSync(join(FIXTURES, "pack-central", path)),
  );
  const fileName = path.slice(path.lastIndexOf("/") + 1);
  return { fileName, bytes, read: readChart(bytes, { name: fileName }) };
};
const CROSSPLANE = candidate("crossplane-2.3.0/charts/crossplane-2.3.0.tgz");
const OPTIMIZE = candidate(
  "stormforge-optimize-live-0.7.8/charts/optimize-live-0.7.8.tgz",
);

/** A form holding the two fields the removal reads and writes, as react-hook-form would. */
function form(rows: ChartRow[], values: string) {
  const state = { charts: rows, "files.values": values as string | null };
  return {
    state,
    getValues: ((k: "charts" | "files.values") => state[k]) as never,
    setValue: ((k: "charts" | "files.values", v: never) => {
      state[k] = v;
    }) as never,
  };
}

let n = 0;
const blob = () => `b${++n}`;

function withCharts(...cs: (typeof CROSSPLANE)[]) {
  const r = addCharts([], cs, "pack:\n  namespace: demo\n", blob);
  return form(r.rows, r.valuesText!);
}

function removeChart(f: ReturnType<typeof form>, path: string) {
  return valuesBlockRemoval(f, {
    list: "charts",
    path,
    key: f.state.charts.find((r) => r.path === path)!.name,
    alwaysAsk: true,
    remove: () => {
      f.state.charts = f.state.charts.filter((r) => r.path !== path);
    },
  }).run();
}

describe("undo of a chart's removal", () => {
  it("puts the chart and its values back where they were, keeping a chart added since", () => {
    const f = withCharts(CROSSPLANE);
    const first = f.state["files.values"];
    const done = removeChart(f, "charts/crossplane-2.3.0.tgz");
    expect(f.state.charts).toEqual([]);
    const added = addCharts(
      f.state.charts,
      [OPTIMIZE],
      f.state["files.values"],
      blob,
    );
    f.state.charts = added.rows;
    f.state["files.values"] = added.valuesText;

    expect(done.undo()).toBe(
      "Put back charts/crossplane-2.3.0.tgz and charts.crossplane in values.yaml (43 settings).",
    );
    expect(f.state.charts.map((r) => r.path)).toEqual([
      "charts/crossplane-2.3.0.tgz",
      "charts/optimize-live-0.7.8.tgz",
    ]);
    const values = parse(f.state["files.values"]!) as {
      charts: Record<string, unknown>;
    };
    expect(Object.keys(values.charts)).toEqual(["optimize-live", "crossplane"]);
    expect(values.charts.crossplane).toEqual(
      (parse(first!) as { charts: Record<string, unknown> }).charts.crossplane,
    );
  });

  it("keeps a chart of the same name added since, and says the old one was not put back", () => {
    const f = withCharts(CROSSPLANE);
    const done = removeChart(f, "charts/crossplane-2.3.0.tgz");
    const again = addCharts(
      [],
      [candidate("crossplane-2.3.0/charts/crossplane-2.3.0.tgz")],
      f.state["files.values"],
      blob,
    );
    f.state.charts = again.rows.map((r) => ({
      ...r,
      path: "charts/crossplane-new.tgz",
    }));
    f.state["files.values"] = again.valuesText;
    const before = { ...f.state };
    expect(done.undo()).toBe(
      "charts/crossplane-2.3.0.tgz was not put back: charts/crossplane-new.tgz took its place since.",
    );
    expect(f.state).toEqual(before);
  });
});
