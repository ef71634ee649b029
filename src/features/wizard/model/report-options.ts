import type { DraftOrigin } from "@/features/wizard/model/draft-schema";
import { templateSampleValues } from "@/features/wizard/templates/templates";
import type { Target, ValidateOptions } from "@/pack/validate";

/**
 * What the core's check of a draft is told besides its files, from where the draft came from: the
 * target; for a new version of a pack, the previous name and display name (rule 25); for a draft
 * from a template, the documentation's sample values the template holds, so each one the draft
 * still holds is a warning (`TEMPLATE_SAMPLE_VALUE`). Plain JSON: it travels to the pack worker.
 */
export function reportOptions(
  origin: DraftOrigin,
  target: Target,
): ValidateOptions {
  switch (origin.kind) {
    case "blank":
      return { target };
    case "template": {
      const samples = templateSampleValues(origin.template);
      return samples.length ? { target, samples } : { target };
    }
    case "import": {
      const { previous } = origin;
      return previous
        ? {
            target,
            previous: {
              name: previous.name,
              displayName: previous.displayName,
            },
          }
        : { target };
    }
  }
}
