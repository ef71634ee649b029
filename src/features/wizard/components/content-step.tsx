import { useFormContext, useWatch } from "react-hook-form";

import { AnnotationsSection } from "@/features/wizard/components/annotations-section";
import { AnsibleRolesSection } from "@/features/wizard/components/ansible-roles-section";
import { CarriedFilesSection } from "@/features/wizard/components/carried-files-section";
import { ChartsSection } from "@/features/wizard/components/charts-section";
import { ConstraintsSection } from "@/features/wizard/components/constraints-section";
import { ManifestsSection } from "@/features/wizard/components/manifests-section";
import { OsAnnotationsSection } from "@/features/wizard/components/os-annotations-section";
import type { WizardValues } from "@/features/wizard/model/draft-schema";

/**
 * Step 2: what the pack carries. OS packs describe an image; the other layers bring charts or
 * manifests. Files of an imported pack the builder has no editor for are listed to be removed.
 */
export function ContentStep() {
  const { control } = useFormContext<WizardValues>();
  const layer = useWatch({ control, name: "basics.layer" });
  const os = layer === "os";
  return (
    <div className="wizard-step">
      {os ? (
        <>
          <OsAnnotationsSection />
          <AnnotationsSection
            legend="Other annotations"
            hint="Annotations for other clouds, or extra ones Palette documents. Values are text: write true as true."
          />
          <AnsibleRolesSection />
        </>
      ) : (
        <>
          <ChartsSection />
          <ManifestsSection />
          <AnnotationsSection
            legend="Annotations"
            hint="Free-form facts about the pack, e.g. source: community, docsURL: https://…"
          />
        </>
      )}
      <CarriedFilesSection />
      <ConstraintsSection />
    </div>
  );
}
