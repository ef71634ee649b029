import { ComingSoonRoute } from "@/app/routes/coming-soon";

/** One pack version (issue 5). */
export function PackRoute({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  return <ComingSoonRoute title={`${name} ${version}`} />;
}
