import { isoDateProblem } from "./schemas";

/**
 * Where a pack is in its life, from pack.json: the `system_state` annotation (pack-central uses
 * `deprecated` and `deleted`, pack-format §A.4) and `eol` (an ISO date, pack-format §A.1; real
 * packs leave it `""` or `" "`, which is no date).
 */
export interface PackLifecycle {
  /** `deleted` wins over `deprecated`; `null` when nothing marks the pack. */
  state: "deprecated" | "deleted" | null;
  /** Why, one sentence per reason, for display next to the badge. */
  reasons: string[];
  /** The end-of-life date when pack.json gives a real one (past or future). */
  eol: string | null;
  /** True when `eol` is before `today`. */
  eolPassed: boolean;
}

/**
 * Read the lifecycle from pack.json's annotations and eol. `today` is `YYYY-MM-DD` (the reader's
 * date); an eol on `today` has not passed yet. Untrusted input: anything else than a string is
 * ignored, and this never throws.
 */
export function packLifecycle(
  input: { annotations: readonly (readonly [string, string])[]; eol?: string },
  today: string,
): PackLifecycle {
  const reasons: string[] = [];
  let state: PackLifecycle["state"] = null;
  const systemState = input.annotations
    .find(([k]) => k === "system_state")?.[1]
    ?.trim()
    .toLowerCase();
  if (systemState === "deleted") {
    state = "deleted";
    reasons.push(
      "pack.json sets the annotation system_state: deleted, the mark Spectro's registry gives a pack it has withdrawn.",
    );
  } else if (systemState === "deprecated") {
    state = "deprecated";
    reasons.push("pack.json sets the annotation system_state: deprecated.");
  }
  const eolText = typeof input.eol === "string" ? input.eol.trim() : "";
  const eol = isoDateProblem(eolText) === null ? eolText : null;
  const eolPassed = eol !== null && eol < today;
  if (eolPassed) {
    state ??= "deprecated";
    reasons.push(`Its end of life (pack.json eol) was ${eol}.`);
  }
  return { state, reasons, eol, eolPassed };
}

/** Today's date as `YYYY-MM-DD` in the reader's time zone. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
