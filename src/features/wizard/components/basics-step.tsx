import { Controller, useFormContext, useWatch } from "react-hook-form";

import { Alert } from "@/components/ui/alert";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import {
  SelectField,
  TextField,
  useFieldAdvice,
} from "@/features/wizard/components/form-fields";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { retitledReadme } from "@/features/wizard/model/empty-values";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { NAME_RULE_TEXT } from "@/features/wizard/model/step-schemas";
import { versionAdvice } from "@/features/wizard/model/version";
import { ADDON_TYPES, CLOUD_TYPES, LAYERS } from "@/pack/schemas";
import { chooseClouds } from "@/features/wizard/model/cloud-choice";

export const LAYER_LABELS: Record<(typeof LAYERS)[number], string> = {
  addon: "Add-on (addon)",
  os: "Operating system (os)",
  k8s: "Kubernetes (k8s)",
  cni: "Network, CNI (cni)",
  csi: "Storage, CSI (csi)",
  kernel: "Kernel (kernel)",
};

const CLOUD_LABELS: Record<string, string> = {
  all: "All clouds",
  aws: "AWS",
  azure: "Azure",
  gcp: "Google Cloud",
  vsphere: "VMware vSphere",
  openstack: "OpenStack",
  baremetal: "Bare metal",
  maas: "MAAS",
  aks: "Azure AKS",
  eks: "Amazon EKS",
  tencent: "Tencent",
  tke: "Tencent TKE",
  edge: "Edge",
  "edge-native": "Edge native",
  libvirt: "libvirt",
  coxedge: "Cox Edge",
  custom: "Custom cloud",
};

const LAYER_ORDER = ["addon", "os", "k8s", "cni", "csi", "kernel"] as const;

const sentenceCase = (s: string): string =>
  s.charAt(0).toUpperCase() + s.slice(1);

/** Step 1: what the pack is, what it is called, which version, for which clouds. */
export function BasicsStep() {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const { origin } = useWizard();
  // The README skeleton is written once, with the draft ("My pack"): while nobody has edited it,
  // its title follows the name typed here.
  const retitle = (displayName: string) => {
    const readme = getValues("files.readme");
    const next = retitledReadme(readme, displayName);
    if (next !== readme) setValue("files.readme", next, { shouldDirty: true });
  };
  const [layer, version] = useWatch({
    control,
    name: ["basics.layer", "basics.version"],
  });
  const cloudAdvice = useFieldAdvice("basics.cloudTypes");
  const previous = origin.kind === "import" ? origin.previous : undefined;

  return (
    <div className="wizard-step">
      {previous && (
        <Alert
          tone="info"
          title={`A new version of ${previous.displayName || previous.name}`}
        >
          <p>
            Imported from version {previous.version}. Keep the name and display
            name as they are, or Palette shows it as a different pack; change
            the version.
          </p>
        </Alert>
      )}
      <SelectField
        name="basics.layer"
        label="Layer"
        hint="Where the pack sits in a cluster profile. Most packs are add-ons."
        options={LAYER_ORDER.filter((l) => LAYERS.includes(l)).map((l) => ({
          value: l,
          label: LAYER_LABELS[l],
        }))}
        placeholder="Choose a layer"
      />
      {layer === "addon" && (
        <SelectField
          name="basics.addonType"
          label="Add-on type"
          hint="Palette groups add-ons by it."
          options={ADDON_TYPES.map((t) => ({ value: t, label: t }))}
          placeholder="Choose a type"
        />
      )}
      <TextField
        name="basics.name"
        label="Name"
        hint={`${sentenceCase(NAME_RULE_TEXT)} (dashes are usual), e.g. my-app. It becomes the registry repository: keep it across versions.`}
        autoComplete="off"
      />
      <TextField
        name="basics.displayName"
        label="Display name"
        hint="What people see in Palette, e.g. My App."
        autoComplete="off"
        onChange={(e) => retitle(e.target.value)}
      />
      <TextField
        name="basics.version"
        label="Version"
        hint="Semantic versioning, e.g. 1.2.3 (no leading v, no +). It becomes the OCI tag."
        advice={versionAdvice(version)}
        autoComplete="off"
      />
      <TextField
        name="basics.group"
        label="Group"
        required={false}
        hint="Only for packs shown in groups (Ubuntu OS packs use LTS). Leave empty otherwise."
      />
      <TextField
        name="basics.eol"
        label="End of life"
        required={false}
        hint="The date support ends, written YYYY-MM-DD, e.g. 2028-04-30."
        placeholder="YYYY-MM-DD"
        inputMode="numeric"
      />
      <Controller
        control={control}
        name="basics.cloudTypes"
        render={({ field, fieldState }) => (
          <CheckboxGroup
            id={fieldId("basics.cloudTypes")}
            legend="Clouds"
            hint={
              cloudAdvice.length
                ? cloudAdvice.join(" ")
                : layer === "os"
                  ? "OS packs usually target one cloud: its image annotations follow on the next step."
                  : "Where the pack can be used. All clouds suits most add-ons."
            }
            error={fieldState.error?.message}
            options={CLOUD_TYPES.map((c) => ({
              value: c,
              label:
                c === "all"
                  ? CLOUD_LABELS.all
                  : `${CLOUD_LABELS[c] ?? c} (${c})`,
            }))}
            value={field.value}
            onChange={(next) => field.onChange(chooseClouds(field.value, next))}
            onBlur={field.onBlur}
          />
        )}
      />
    </div>
  );
}
