import { ComingSoonRoute } from "@/app/routes/coming-soon";

/** A local pack opened without uploading (issue 5). */
export function OpenRoute() {
  return <ComingSoonRoute title="Open a local pack" />;
}
