import { useRef, useState } from "react";
import type {
  FieldPathValue,
  SetValueConfig,
  UseFormReturn,
} from "react-hook-form";

import type { WizardValues } from "@/features/wizard/model/draft-schema";

/** What a removal takes away, named for the question asked before it. */
export interface RemovalRequest {
  /** The thing removed, e.g. `manifests/app.yaml`. */
  what: string;
  /** Everything that goes with it, one line each (its values block, its files). */
  goes: string[];
  /** Ask first: the removal takes something the user wrote or uploaded besides the row. */
  confirm: boolean;
  /** Remove it; returns what the Undo says and does. */
  run: () => RemovalDone;
}

export interface RemovalDone {
  message: string;
  /** Put everything back as it was. */
  undo: () => string;
}

/**
 * Removal that never loses work: a question first when something besides the row goes, then a
 * status with Undo until the next removal (or the user dismisses it).
 */
export function useRemoval() {
  const [asking, setAsking] = useState<RemovalRequest | null>(null);
  const [done, setDone] = useState<(RemovalDone & { seq: number }) | null>(
    null,
  );
  const [undone, setUndone] = useState<string | null>(null);
  // Numbers each removal, so that two in a row are told apart (focus moves to Undo each time).
  const count = useRef(0);

  const perform = (r: RemovalRequest) => {
    setAsking(null);
    setUndone(null);
    setDone({ ...r.run(), seq: ++count.current });
  };

  return {
    asking,
    done,
    undone,
    request: (r: RemovalRequest) => (r.confirm ? setAsking(r) : perform(r)),
    confirm: () => asking && perform(asking),
    cancel: () => setAsking(null),
    undo: () => {
      if (!done) return;
      setUndone(done.undo());
      setDone(null);
    },
    dismiss: () => {
      setDone(null);
      setUndone(null);
    },
  };
}

export type Removal = ReturnType<typeof useRemoval>;

/** The builder's fields that hold one file, null when the pack has none. */
type FileField =
  "files.values" | "files.readme" | "files.presets" | "files.schema" | "logo";

/**
 * The removal of the file a form field holds, one the user may have written or uploaded
 * (README.md, presets.yaml, schema.yaml, the logo): a question first unless it holds nothing of
 * theirs (`untouched`: the skeleton the builder adds), then Undo, which puts it back unless a file
 * took its place since (that one is the newer work, kept). These went in one click, for good.
 * `set` is how the field is written, both ways (default: marked dirty).
 */
export function fileRemoval<N extends FileField>(
  what: string,
  {
    getValues,
    setValue,
  }: Pick<UseFormReturn<WizardValues>, "getValues" | "setValue">,
  name: N,
  opts: { untouched: boolean; set?: SetValueConfig },
): RemovalRequest {
  const value = getValues(name);
  const set = opts.set ?? { shouldDirty: true };
  return {
    what,
    goes: [],
    confirm: !opts.untouched,
    run: () => {
      setValue(name, null as FieldPathValue<WizardValues, N>, set);
      return {
        message: `Removed ${what}.`,
        undo: () => {
          if (getValues(name) !== null)
            return `${what} was not put back: the pack has a new ${what} since.`;
          setValue(name, value, set);
          return `Put back ${what}.`;
        },
      };
    },
  };
}
