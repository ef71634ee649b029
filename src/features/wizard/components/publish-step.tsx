import { useFormContext, useWatch } from "react-hook-form";

import { OrasPanel } from "@/components/pack/oras-panel";
import { SpectroPanel } from "@/components/pack/spectro-panel";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DownloadPanel } from "@/features/wizard/components/download-panel";
import {
  errorsToFix,
  TargetSwitch,
} from "@/features/wizard/components/target-switch";
import { UploadPanel } from "@/features/wizard/components/upload-panel";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import { packStem } from "@/features/wizard/model/draft-to-pack-files";

export interface PublishStepProps {
  onPublished: () => void;
}

/** Step 6: download the archives, push them with ORAS or the Spectro CLI, or upload to this registry. */
export function PublishStep({ onPublished }: PublishStepProps) {
  const { control } = useFormContext<WizardValues>();
  const values = useWatch({ control }) as WizardValues;
  const { report, goToStep, target } = useWizard();
  const errors =
    report?.findings.filter((f) => f.severity === "error").length ?? 0;
  const stem = packStem(values);
  return (
    <div className="wizard-step">
      <TargetSwitch />
      {errors > 0 && (
        <Alert tone="error" title={errorsToFix(errors, target)}>
          <p>
            {target === "pack-central"
              ? "pack-central's checks refuse a pack with errors."
              : "A registry refuses a pack with errors."}{" "}
            The downloads work, but the pack is not ready.
          </p>
          <Button onClick={() => goToStep("review")}>Go to the review</Button>
        </Alert>
      )}
      <section className="wizard-section" aria-labelledby="download-heading">
        <h3 id="download-heading">Download</h3>
        <DownloadPanel stem={stem} />
      </section>
      <section className="wizard-section" aria-labelledby="oras-heading">
        <h3 id="oras-heading">Push to a Palette OCI registry</h3>
        <OrasPanel name={values.basics.name} version={values.basics.version} />
      </section>
      <section className="wizard-section" aria-labelledby="spectro-heading">
        <h3 id="spectro-heading">Push to a Spectro registry</h3>
        <SpectroPanel
          name={values.basics.name}
          version={values.basics.version}
        />
      </section>
      <section className="wizard-section" aria-labelledby="upload-heading">
        <h3 id="upload-heading">Upload to this Packsmith registry</h3>
        <UploadPanel
          name={values.basics.name}
          version={values.basics.version}
          stem={stem}
          blocked={errors > 0 || !report}
          onPublished={onPublished}
        />
      </section>
    </div>
  );
}
