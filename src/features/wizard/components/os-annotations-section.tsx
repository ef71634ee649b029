import { useFormContext, useWatch } from "react-hook-form";

import { Alert } from "@/components/ui/alert";
import {
  TextField,
  useFieldError,
} from "@/features/wizard/components/form-fields";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { fieldId } from "@/features/wizard/model/finding-targets";
import { OS_CLOUDS } from "@/features/wizard/model/os-keys";

/** A yes/no question written as the annotation's "true"/"false". */
function SkipK8sInstall() {
  const { register } = useFormContext<WizardValues>();
  const error = useFieldError("os.skipK8sInstall");
  const id = fieldId("os.skipK8sInstall");
  return (
    <fieldset
      className={error ? "radio-group radio-group--error" : "radio-group"}
      aria-describedby={`${id}-hint`}
    >
      <legend>
        Is Kubernetes already installed in the image? (skipK8sInstall)
      </legend>
      <p id={`${id}-hint`} className="form-field__hint">
        No: Palette installs Kubernetes matching the profile and runs the
        Ansible roles. Yes: the image already has kubelet and kubeadm.
      </p>
      {error && <p className="form-field__error">{error}</p>}
      <div className="radio-group__options">
        <span>
          <input
            id={id}
            type="radio"
            value="false"
            {...register("os.skipK8sInstall")}
          />
          <label htmlFor={id}>No (false)</label>
        </span>
        <span>
          <input
            id={`${id}-true`}
            type="radio"
            value="true"
            {...register("os.skipK8sInstall")}
          />
          <label htmlFor={`${id}-true`}>Yes (true)</label>
        </span>
      </div>
    </fieldset>
  );
}

function VsphereSource() {
  const { register } = useFormContext<WizardValues>();
  const id = fieldId("os.vsphereSource");
  return (
    <fieldset className="radio-group">
      <legend>Where is the image?</legend>
      <div className="radio-group__options">
        <span>
          <input
            id={id}
            type="radio"
            value="template"
            {...register("os.vsphereSource")}
          />
          <label htmlFor={id}>A VM template in vCenter</label>
        </span>
        <span>
          <input
            id={`${id}-ova`}
            type="radio"
            value="ova"
            {...register("os.vsphereSource")}
          />
          <label htmlFor={`${id}-ova`}>A remote .ova file</label>
        </span>
      </div>
    </fieldset>
  );
}

/** Typed forms for the documented OS annotations of each chosen cloud (pack-format §C.1). */
export function OsAnnotationsSection() {
  const { control } = useFormContext<WizardValues>();
  const [clouds, source] = useWatch({
    control,
    name: ["basics.cloudTypes", "os.vsphereSource"],
  });
  const aws = clouds.includes("aws");
  const vsphere = clouds.includes("vsphere");
  const azure = clouds.includes("azure");
  const untyped = clouds.filter(
    (c) => !(OS_CLOUDS as readonly string[]).includes(c),
  );
  return (
    <section className="wizard-section" aria-labelledby="os-heading">
      <h3 id="os-heading">Image</h3>
      {untyped.length > 0 && (
        <Alert tone="info" title={`No typed form for ${untyped.join(", ")}`}>
          <p>
            Palette documents image annotations for AWS, vSphere and Azure only:
            add the ones your cloud needs under Other annotations.
          </p>
        </Alert>
      )}
      {aws && (
        <fieldset className="wizard-fieldset">
          <legend>AWS</legend>
          <TextField
            name="os.cloudRegion"
            label="Region (cloudRegion)"
            hint="Where the AMI lives, e.g. us-east-1."
          />
          <TextField
            name="os.imageId"
            label="AMI id (imageId)"
            hint="e.g. ami-0abcd1234ef567890."
            placeholder="ami-…"
          />
          <TextField
            name="os.imageOwner"
            label="AMI owner (imageOwner)"
            hint="The 12-digit AWS account id that owns the AMI."
            inputMode="numeric"
          />
        </fieldset>
      )}
      {vsphere && (
        <fieldset className="wizard-fieldset">
          <legend>vSphere</legend>
          <TextField
            name="os.folder"
            label="Folder (folder)"
            hint="The vCenter folder Palette keeps images in, e.g. spectro-templates."
          />
          {aws ? (
            <p className="muted">
              pack.json has one imageId: the AMI id above is used for vSphere
              too. Make one pack per cloud to give each its own image.
            </p>
          ) : (
            <>
              <VsphereSource />
              {source === "ova" ? (
                <TextField
                  name="os.imageId"
                  label="OVA address (imageId)"
                  hint="An HTTPS address ending in .ova; Palette downloads it."
                  type="url"
                  placeholder="https://…/image.ova"
                />
              ) : (
                <TextField
                  name="os.imageId"
                  label="Template path (imageId)"
                  hint="The inventory path of an existing VM template, e.g. /Datacenter/vm/spectro-templates/ubuntu-22.04."
                />
              )}
            </>
          )}
        </fieldset>
      )}
      {azure && (
        <fieldset className="wizard-fieldset">
          <legend>Azure</legend>
          <TextField
            name="os.imagePublisher"
            label="Publisher (imagePublisher)"
            hint="e.g. Canonical."
          />
          <TextField
            name="os.imageOffer"
            label="Offer (imageOffer)"
            hint="e.g. 0001-com-ubuntu-server-jammy."
          />
          <TextField
            name="os.imageSKU"
            label="SKU (imageSKU)"
            hint="e.g. 22_04-lts-gen2."
          />
        </fieldset>
      )}
      <fieldset className="wizard-fieldset">
        <legend>Operating system</legend>
        <TextField
          name="os.osName"
          label="OS name (osName)"
          hint="e.g. ubuntu, centos, rhel."
        />
        <TextField
          name="os.os_spectro_version"
          label="Spectro OS version (os_spectro_version)"
          required={false}
          hint='Usually "0".'
        />
        <TextField
          name="os.sshUsername"
          label="SSH user (sshUsername)"
          hint="The user Palette logs in as to customise the image."
          autoComplete="off"
        />
        <TextField
          name="os.sshPassword"
          label="SSH password (sshPassword)"
          required={false}
          type="password"
          autoComplete="new-password"
          hint="Only if the image needs one. It is written into pack.json as plain text."
        />
        <SkipK8sInstall />
      </fieldset>
    </section>
  );
}
