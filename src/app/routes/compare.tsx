import { ComingSoonRoute } from "@/app/routes/coming-soon";

/** Two versions side by side (issue 5). */
export function CompareRoute({
  name,
  from,
  to,
}: {
  name: string;
  from: string;
  to: string;
}) {
  return <ComingSoonRoute title={`${name}: ${from} → ${to}`} />;
}
