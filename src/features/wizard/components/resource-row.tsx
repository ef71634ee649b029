import { useFieldArray, useFormContext } from "react-hook-form";

import { Button } from "@/components/ui/button";
import {
  SelectField,
  TextField,
} from "@/features/wizard/components/form-fields";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { RESOURCE_TYPES, SCHEDULE_TYPES } from "@/pack/schemas";

const RESOURCE_LABELS: Record<(typeof RESOURCE_TYPES)[number], string> = {
  cpu: "CPU (millicores)",
  memory: "Memory (MiB)",
  diskSize: "Disk (GB)",
};

/** One constraints.resources entry, with its optional components. */
export function ResourceRow({
  index,
  onRemove,
}: {
  index: number;
  onRemove: () => void;
}) {
  const { control } = useFormContext<WizardValues>();
  const base = `constraints.resources.${index}` as const;
  const comps = useFieldArray({
    control,
    name: `${base}.components`,
    keyName: "key",
  });
  return (
    <fieldset className="wizard-fieldset wizard-row">
      <legend>Resource {index + 1}</legend>
      <SelectField
        name={`${base}.type`}
        label="Resource"
        options={RESOURCE_TYPES.map((t) => ({
          value: t,
          label: RESOURCE_LABELS[t],
        }))}
        placeholder="Choose a resource"
      />
      <TextField
        name={`${base}.minLimit`}
        label="Minimum"
        inputMode="numeric"
        hint="A number in the unit above. Ignored when components are listed."
      />
      {comps.fields.map((c, j) => (
        <fieldset key={c.key} className="wizard-fieldset">
          <legend>Component {j + 1}</legend>
          <SelectField
            name={`${base}.components.${j}.scheduleType`}
            label="Runs on"
            options={SCHEDULE_TYPES.map((t) => ({ value: t, label: t }))}
            placeholder="Choose"
          />
          <TextField
            name={`${base}.components.${j}.resourceRequestParamRef`}
            label="Request value path"
            required={false}
            hint="Dotted path in values.yaml, e.g. charts.my-app.resources.requests.cpu"
          />
          <TextField
            name={`${base}.components.${j}.replicaCountParamRef`}
            label="Replica count value path"
            required={false}
            hint="e.g. charts.my-app.replicaCount"
          />
          <Button
            onClick={() => comps.remove(j)}
            aria-label={`Remove component ${j + 1} of resource ${index + 1}`}
          >
            Remove component
          </Button>
        </fieldset>
      ))}
      <Button
        onClick={() =>
          comps.append({
            scheduleType: "worker",
            resourceRequestParamRef: "",
            replicaCountParamRef: "",
          })
        }
      >
        Add a component
      </Button>{" "}
      <Button onClick={onRemove} aria-label={`Remove resource ${index + 1}`}>
        Remove resource
      </Button>
    </fieldset>
  );
}
