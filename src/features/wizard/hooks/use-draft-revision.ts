import { replaceEqualDeep } from "@tanstack/react-query";
import { useState } from "react";

import type {
  DraftBlobs,
  WizardValues,
} from "@/features/wizard/model/draft-schema";

let mounts = 0;

const sameIds = (a: readonly string[], b: DraftBlobs): boolean =>
  a.length === b.size && [...b.keys()].every((id, i) => id === a[i]);

/**
 * A name for the draft's content as it is now, for cache keys and "did it change": it moves on
 * when the form's values or the set of stored files change, and stays put when react-hook-form
 * hands out an equal copy. It replaces a fingerprint that serialised and hashed the whole draft
 * (a 1 MB values.yaml included) on every keystroke: here an unchanged field costs an identity
 * check and a changed text one string comparison. Blob bytes need no look: an id never changes
 * its bytes. Unique per mount, so a report cached for another opening of the draft never matches.
 */
export function useDraftRevision(
  values: WizardValues,
  blobs: DraftBlobs,
): string {
  const [mount] = useState(() => ++mounts);
  const [seen, setSeen] = useState(() => ({
    values,
    blobs,
    ids: [...blobs.keys()],
    rev: 0,
  }));
  let { rev } = seen;
  if (seen.values !== values || seen.blobs !== blobs) {
    const same =
      replaceEqualDeep(seen.values, values) === seen.values &&
      sameIds(seen.ids, blobs);
    if (!same) rev += 1;
    // Adjusting state during render (React's documented pattern for derived state).
    setSeen({ values, blobs, ids: [...blobs.keys()], rev });
  }
  return `${mount}.${rev}`;
}
