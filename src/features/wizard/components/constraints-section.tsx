import { useFieldArray, useFormContext } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { ResourceRow } from "@/features/wizard/components/resource-row";
import {
  SelectField,
  TextField,
} from "@/features/wizard/components/form-fields";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { DEPENDENCY_TYPES, LAYERS } from "@/pack/schemas";

const DEPENDENCY_LABELS: Record<(typeof DEPENDENCY_TYPES)[number], string> = {
  required: "Required",
  optional: "Optional (checked when present)",
  notSupported: "Not supported",
  upgrade: "Upgrade",
};

/** constraints.dependencies and constraints.resources (pack-format §A.5). */
export function ConstraintsSection() {
  const { control } = useFormContext<WizardValues>();
  const deps = useFieldArray({
    control,
    name: "constraints.dependencies",
    keyName: "key",
  });
  const res = useFieldArray({
    control,
    name: "constraints.resources",
    keyName: "key",
  });
  return (
    <section className="wizard-section" aria-labelledby="constraints-heading">
      <h3 id="constraints-heading">Constraints</h3>
      <p className="muted">
        Optional. Palette checks them when the pack is added to a cluster
        profile.
      </p>
      <h4>Dependencies</h4>
      {deps.fields.length === 0 && <p className="muted">No dependencies.</p>}
      {deps.fields.map((d, i) => (
        <fieldset key={d.key} className="wizard-fieldset wizard-row">
          <legend>Dependency {i + 1}</legend>
          <TextField
            name={`constraints.dependencies.${i}.packName`}
            label="Pack name"
            hint="e.g. kubernetes"
          />
          <SelectField
            name={`constraints.dependencies.${i}.layer`}
            label="Its layer"
            options={LAYERS.map((l) => ({ value: l, label: l }))}
            placeholder="Choose a layer"
          />
          <SelectField
            name={`constraints.dependencies.${i}.type`}
            label="Type"
            options={DEPENDENCY_TYPES.map((t) => ({
              value: t,
              label: DEPENDENCY_LABELS[t],
            }))}
            placeholder="Choose a type"
          />
          <TextField
            name={`constraints.dependencies.${i}.minVersion`}
            label="Minimum version"
            required={false}
            hint="Empty: no minimum."
          />
          <TextField
            name={`constraints.dependencies.${i}.maxVersion`}
            label="Maximum version"
            required={false}
            hint="Empty: no maximum."
          />
          <Button
            onClick={() => deps.remove(i)}
            aria-label={`Remove dependency ${i + 1}`}
          >
            Remove
          </Button>
        </fieldset>
      ))}
      <Button
        onClick={() =>
          deps.append({
            packName: "",
            layer: "k8s",
            type: "optional",
            minVersion: "",
            maxVersion: "",
          })
        }
      >
        Add a dependency
      </Button>
      <h4>Resources</h4>
      {res.fields.length === 0 && (
        <p className="muted">No resource requirements.</p>
      )}
      {res.fields.map((r, i) => (
        <ResourceRow key={r.key} index={i} onRemove={() => res.remove(i)} />
      ))}
      <Button
        onClick={() =>
          res.append({ type: "cpu", minLimit: "", components: [] })
        }
      >
        Add a resource requirement
      </Button>
    </section>
  );
}
