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
  // Without an addition the first note is the title.
  const notes = outcome.added.length ? outcome.notes : outcome.notes.slice(1);
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
        // Adding is a success; a change without an addition (a rename, a removal) is news.
        <Alert
          tone={outcome.added.length ? "success" : "info"}
          title={
            outcome.added.length
              ? `Added ${outcome.added.join(", ")}`
              : (outcome.notes[0] ?? "")
          }
        >
          {notes.length > 0 && (
            <ul>
              {notes.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </>
  );
}
