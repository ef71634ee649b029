import { useQueries } from "@tanstack/react-query";

import { wizardKeys } from "@/features/wizard/hooks/use-pack-report";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { ChartRow } from "@/features/wizard/model/draft-schema";
import { readChartOnce } from "@/components/pack/read-chart";

export interface ChartDefaults {
  name: string;
  valuesText: string;
  valuesSchema: unknown;
}

/**
 * Each chart's own values.yaml and values.schema.json, read by the core in the worker. Keyed by
 * blob id: a blob's bytes never change, so each chart is read once (and shared with Review).
 */
export function useChartInfos(charts: readonly ChartRow[]): {
  charts: ChartDefaults[];
  pending: boolean;
} {
  const { blobs } = useWizard();
  const readable = charts.filter(
    (c): c is ChartRow & { blob: string } => c.blob !== null && c.name !== "",
  );
  return useQueries({
    queries: readable.map((c) => ({
      queryKey: wizardKeys.chart(c.blob),
      queryFn: async (): Promise<ChartDefaults | null> => {
        const bytes = blobs.get(c.blob);
        if (!bytes) return null;
        // The shared read of these bytes: the Review step's tree and chart panel use the same one.
        const r = await readChartOnce(bytes, c.path);
        return r.ok
          ? {
              name: r.value.name,
              valuesText: r.value.valuesText,
              valuesSchema: r.value.valuesSchema,
            }
          : null;
      },
      staleTime: Infinity,
    })),
    // A stable `combine` makes TanStack Query return the same object until a result changes, so the
    // Values step's schema keeps its identity and monaco-yaml's worker is not restarted per render.
    combine: combineChartInfos,
  });
}

function combineChartInfos(
  results: { data?: ChartDefaults | null | undefined; isPending: boolean }[],
): {
  charts: ChartDefaults[];
  pending: boolean;
} {
  return {
    charts: results.flatMap((r) => (r.data ? [r.data] : [])),
    pending: results.some((r) => r.isPending),
  };
}
