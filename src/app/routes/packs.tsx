import { ComingSoonRoute } from "@/app/routes/coming-soon";

/** The registry browser (issue 5). */
export function PacksRoute() {
  return <ComingSoonRoute title="Review a pack" />;
}
