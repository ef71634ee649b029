import { useMemo, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";

import { Tabs } from "@/components/ui/tabs";
import { ChartDefaultsDiff } from "@/features/wizard/components/chart-defaults-diff";
import { ReadmeEditor } from "@/features/wizard/components/readme-editor";
import { TextFileEditor } from "@/features/wizard/components/text-file-editor";
import { useChartInfos } from "@/features/wizard/hooks/use-chart-infos";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import type { TextFileKey } from "@/features/wizard/model/finding-targets";
import { valuesJsonSchema } from "@/features/wizard/model/values-json-schema";
import { decodeText } from "@/pack/yaml-text";
import { manifestKey, manifestValueRefs } from "@/pack/values";

type Tab = TextFileKey | "diff";

const PRESETS_SKELETON = `presets:
  - name: "example"
    displayName: "Example"
    group: "Example"
    remove: []
    add: |
      pack:
        namespace: example
`;

/** Step 4: values.yaml and the other text files, in Monaco, checked as the user types. */
export function ValuesStep() {
  const { control } = useFormContext<WizardValues>();
  const { blobs, jump, draftId } = useWizard();
  const [charts, manifests] = useWatch({
    control,
    name: ["charts", "manifests"],
  });
  const chartInfos = useChartInfos(charts);
  const [tab, setTab] = useState<Tab>(
    jump?.kind === "text" ? jump.file : "values",
  );
  const [seenJump, setSeenJump] = useState(jump?.seq ?? 0);
  const [ready, setReady] = useState(false);
  // A finding's link while this step is open selects its file (state adjusted during render).
  if (jump && jump.seq !== seenJump) {
    setSeenJump(jump.seq);
    if (jump.kind === "text") setTab(jump.file);
  }
  const revealLine =
    jump?.kind === "text" && jump.file === tab ? jump.line : undefined;

  const schema = useMemo(() => {
    const manifestRefs = new Map<string, { path: string; refs: string[] }>();
    for (const m of manifests) {
      const text = m.blob
        ? decodeText(blobs.get(m.blob) ?? new Uint8Array())
        : null;
      if (text)
        manifestRefs.set(manifestKey(m.path), {
          path: m.path,
          refs: manifestValueRefs(text),
        });
    }
    return valuesJsonSchema({
      charts: new Map(
        chartInfos.charts.map((c) => [c.name, c.valuesSchema ?? null]),
      ),
      manifests: manifestRefs,
    });
  }, [manifests, blobs, chartInfos.charts]);

  const tabs = [
    { id: "values" as const, label: "values.yaml" },
    { id: "readme" as const, label: "README.md" },
    { id: "presets" as const, label: "presets.yaml" },
    { id: "schema" as const, label: "schema.yaml" },
    ...(charts.length
      ? [{ id: "diff" as const, label: "Compare with chart defaults" }]
      : []),
  ];
  return (
    <div className="wizard-step" data-editor-ready={ready ? "true" : "false"}>
      <p>
        values.yaml holds what a cluster profile can change: <code>pack</code>{" "}
        settings, <code>charts.&lt;name&gt;</code> per chart and{" "}
        <code>manifests.&lt;name&gt;</code> per manifest. Completion
        (Ctrl+Space) and hover come from the pack and its charts.
      </p>
      <Tabs
        label="Files"
        tabs={tabs}
        selected={tab}
        onSelect={setTab}
        idPrefix="values-files"
      >
        {tab === "values" && (
          <TextFileEditor
            file="values"
            path="values.yaml"
            modelUri={`file:///${draftId}/values.yaml`}
            schema={schema}
            revealLine={revealLine}
            onReady={() => setReady(true)}
            required
          />
        )}
        {tab === "readme" && (
          <ReadmeEditor draftId={draftId} revealLine={revealLine} />
        )}
        {tab === "presets" && (
          <TextFileEditor
            file="presets"
            path="presets.yaml"
            modelUri={`file:///${draftId}/presets.yaml`}
            revealLine={revealLine}
            skeleton={PRESETS_SKELETON}
            about="Presets are named sets of changes to values.yaml that users pick in Palette (pack-format §B.6)."
          />
        )}
        {tab === "schema" && (
          <TextFileEditor
            file="schema"
            path="schema.yaml"
            modelUri={`file:///${draftId}/schema.yaml`}
            revealLine={revealLine}
            skeleton={
              'pack.namespace:\n  schema: \'{{ required | format "${string}" | hints "Namespace to install into" }}\'\n'
            }
            about="schema.yaml tells Palette how to ask for values: required, format and hints per value path (pack-format §B.7)."
          />
        )}
        {tab === "diff" && (
          <ChartDefaultsDiff
            charts={chartInfos.charts}
            pending={chartInfos.pending}
          />
        )}
      </Tabs>
    </div>
  );
}
