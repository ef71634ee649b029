import { ComingSoonRoute } from "@/app/routes/coming-soon";

/** The pack builder (issue 4). */
export function BuildRoute({ draftId }: { draftId?: string | undefined }) {
  return (
    <ComingSoonRoute title={draftId ? "Resume a draft" : "Build a pack"} />
  );
}
