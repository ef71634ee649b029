import { useRef, useState } from "react";

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

/**
 * The removal of one file the user may have written or uploaded (README.md, presets.yaml,
 * schema.yaml, the logo): a question first unless it holds nothing of theirs (`untouched`: the
 * skeleton the builder adds), then Undo, which puts it back unless a file took its place since
 * (that one is the newer work, kept). These went in one click, for good.
 */
export function fileRemoval<T>(
  what: string,
  opts: {
    /** What is removed, as Undo puts it back. */
    value: T;
    untouched: boolean;
    /** Take it out of the pack. */
    clear: () => void;
    /** Whether the pack has such a file now (one added since the removal). */
    present: () => boolean;
    put: (value: T) => void;
  },
): RemovalRequest {
  return {
    what,
    goes: [],
    confirm: !opts.untouched,
    run: () => {
      opts.clear();
      return {
        message: `Removed ${what}.`,
        undo: () => {
          if (opts.present())
            return `${what} was not put back: the pack has a new ${what} since.`;
          opts.put(opts.value);
          return `Put back ${what}.`;
        },
      };
    },
  };
}
