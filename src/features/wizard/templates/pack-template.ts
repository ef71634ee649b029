import type {
  DraftBlobs,
  WizardValues,
} from "@/features/wizard/model/draft-schema";

/** A starting point on the Start step: the state of a new draft, files included. */
export interface PackTemplate {
  id: string;
  title: string;
  description: string;
  create: (newId: () => string) => { values: WizardValues; blobs: DraftBlobs };
}
