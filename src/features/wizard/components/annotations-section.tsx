import { Controller, useFormContext } from "react-hook-form";

import { KeyValueEditor } from "@/components/ui/key-value-editor";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";

const SUGGESTED = [
  "source",
  "contributor",
  "docsURL",
  "description",
  "ingressSupported",
  "prerequisitesRequired",
  "commit_msg",
];

/** The pack.json annotations not covered by a typed field, as key and value pairs. */
export function AnnotationsSection({
  legend,
  hint,
}: {
  legend: string;
  hint: string;
}) {
  const { control } = useFormContext<WizardValues>();
  return (
    <section className="wizard-section" aria-label={legend}>
      <Controller
        control={control}
        name="annotations"
        render={({ field, fieldState }) => {
          // Row errors come as an array of per-field errors.
          const rowErrors =
            (fieldState.error as unknown as
              | (
                  | { key?: { message?: string }; value?: { message?: string } }
                  | undefined
                )[]
              | undefined) ?? [];
          return (
            <KeyValueEditor
              id={fieldId("annotations")}
              legend={legend}
              hint={hint}
              rows={field.value}
              onChange={field.onChange}
              errors={
                Array.isArray(rowErrors)
                  ? rowErrors.map((e) => ({
                      key: e?.key?.message,
                      value: e?.value?.message,
                    }))
                  : []
              }
              keyLabel="Annotation"
              valueLabel="Value"
              suggestions={SUGGESTED}
            />
          );
        }}
      />
    </section>
  );
}
