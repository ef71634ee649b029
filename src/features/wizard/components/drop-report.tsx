import { Alert } from "@/components/ui/alert";
import type { AddOutcome } from "@/features/wizard/model/add-files";

/** The outcome of the last drop: refusals as an error (announced), the rest as a status. */
export function DropReport({
  outcome,
  what,
}: {
  outcome: AddOutcome | null;
  what: string;
}) {
  if (!outcome) return null;
  return (
    <>
      {outcome.refused.length > 0 && (
        <Alert tone="error" title={`Some ${what} were not added`}>
          <ul>
            {outcome.refused.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Alert>
      )}
      {(outcome.added.length > 0 || outcome.notes.length > 0) && (
        <Alert
          tone={outcome.notes.length ? "warning" : "success"}
          title={
            outcome.added.length
              ? `Added ${outcome.added.join(", ")}`
              : "Nothing added"
          }
        >
          {outcome.notes.length > 0 && (
            <ul>
              {outcome.notes.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </>
  );
}
