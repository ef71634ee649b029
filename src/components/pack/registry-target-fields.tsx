import { useId } from "react";

import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/text-input";
import "./pack.css";

/** Where a pack is pushed: the registry and Palette's base content path, and the ORAS in use. */
export interface RegistryTarget {
  registry: string;
  basePath: string;
  /** ORAS 1.1 or newer (needs `--image-spec v1.0`). */
  newOras: boolean;
}

export const EMPTY_TARGET: RegistryTarget = {
  registry: "",
  basePath: "",
  newOras: false,
};

/** The registry, base content path and ORAS version fields every ORAS command is built from. */
export function RegistryTargetFields({
  value,
  onChange,
}: {
  value: RegistryTarget;
  onChange: (next: RegistryTarget) => void;
}) {
  const id = useId();
  return (
    <div className="registry-target">
      <div className="registry-target__inputs">
        <Field
          id={`${id}-registry`}
          label="Registry"
          hint="Host name, e.g. harbor.example.com"
        >
          <TextInput
            id={`${id}-registry`}
            aria-describedby={`${id}-registry-hint`}
            value={value.registry}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => onChange({ ...value, registry: e.target.value })}
          />
        </Field>
        <Field
          id={`${id}-base`}
          label="Base content path"
          required={false}
          hint="The Harbor project or ECR prefix set in Palette"
        >
          <TextInput
            id={`${id}-base`}
            aria-describedby={`${id}-base-hint`}
            value={value.basePath}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => onChange({ ...value, basePath: e.target.value })}
          />
        </Field>
      </div>
      <p className="registry-target__check">
        <input
          id={`${id}-new`}
          type="checkbox"
          checked={value.newOras}
          onChange={(e) => onChange({ ...value, newOras: e.target.checked })}
        />
        <label htmlFor={`${id}-new`}>
          I use ORAS 1.1 or newer (adds --image-spec v1.0)
        </label>
      </p>
    </div>
  );
}
