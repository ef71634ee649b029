import { ComparePage } from "@/features/preview/components/compare-page";

/** Two versions of one pack, file by file (issue 5). */
export function CompareRoute({
  name,
  from,
  to,
}: {
  name: string;
  from: string;
  to: string;
}) {
  return <ComparePage name={name} from={from} to={to} />;
}
