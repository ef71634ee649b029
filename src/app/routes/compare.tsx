import { ComparePage } from "@/features/preview/components/compare-page";

/** Two pack versions, file by file and inside their charts (issues 5 and 8). */
export function CompareRoute({
  name,
  from,
  toName,
  to,
}: {
  name: string;
  from: string;
  /** The right side's pack; the same as `name` for two versions of one pack. */
  toName: string;
  to: string;
}) {
  return <ComparePage name={name} from={from} toName={toName} to={to} />;
}
