import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";

import type { DraftStore } from "@/features/drafts/api/draft-store";
import { PackWizard } from "@/features/wizard/components/pack-wizard";
import { blankDraft, type NewDraft } from "@/features/wizard/model/new-draft";

/** Render `ui` under a fresh react-query client, as the app provides one. */
export function withQueryClient(ui: ReactNode) {
  return render(
    <QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>,
  );
}

/** The real builder over `draft` (a blank one by default) as draft d1, saving to `storage`. */
export function renderWizard(
  storage: DraftStore,
  draft: NewDraft = blankDraft(),
) {
  withQueryClient(
    <PackWizard
      draft={{ id: "d1", rev: null, savedAt: null, ...draft }}
      storage={storage}
      onExport={async () => {}}
      onPublished={() => {}}
    />,
  );
  return userEvent.setup();
}
