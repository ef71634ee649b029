import { useMemo } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import type { ChartDefaults } from "@/features/wizard/hooks/use-chart-infos";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { DiffEditor } from "@/lib/monaco";
import { addChartValues } from "@/pack/values";

/** What values.yaml would hold with every chart's defaults and nothing else. */
function defaultsText(charts: readonly ChartDefaults[]): string {
  let text = "";
  for (const c of charts) {
    try {
      text = addChartValues(text, c.name, c.valuesText).text;
    } catch {
      // A chart whose own values.yaml does not parse adds nothing to compare with.
    }
  }
  return text;
}

/** values.yaml against the charts' own defaults: what this pack changes. */
export function ChartDefaultsDiff({
  charts,
  pending,
}: {
  charts: readonly ChartDefaults[];
  pending: boolean;
}) {
  const { control } = useFormContext<WizardValues>();
  const values = useWatch({ control, name: "files.values" }) ?? "";
  const original = useMemo(() => defaultsText(charts), [charts]);
  if (pending) return <p role="status">Reading the charts…</p>;
  return (
    <div className="text-file">
      <p>
        Left: the charts&apos; own defaults, as <code>charts.&lt;name&gt;</code>{" "}
        blocks. Right: this pack&apos;s values.yaml.
      </p>
      <DiffEditor
        original={original}
        modified={values}
        language="yaml"
        ariaLabel="values.yaml compared with the charts' defaults"
        height="28rem"
      />
    </div>
  );
}
