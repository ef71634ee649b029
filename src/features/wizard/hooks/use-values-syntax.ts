import { useEffect, useState } from "react";

import { useWorkerSession } from "@/features/wizard/hooks/use-pack-report";
import { getQuickWorker } from "@/lib/pack-worker/client";
import type { QuickSyntax } from "@/lib/pack-worker/values-syntax";

/**
 * The quick check of values.yaml as it is now, in the second pack worker (client.ts quickValues):
 * the syntax errors the last edit brought, a few milliseconds after it, while the full check of
 * the pack (usePackReport, once typing pauses) is still to come. Null until the answer for this
 * very text is in, and for `text` null (another file).
 */
export function useValuesSyntax(
  draftId: string,
  text: string | null,
): QuickSyntax | null {
  const session = useWorkerSession(`quick:${draftId}`, getQuickWorker);
  const [answer, setAnswer] = useState<{
    text: string;
    syntax: QuickSyntax;
  } | null>(null);
  useEffect(() => {
    if (text === null) return;
    let live = true;
    getQuickWorker()
      .quickValues(session, text)
      .then(
        (syntax) => {
          if (live && syntax) setAnswer({ text, syntax });
        },
        // A quick answer that does not come is no loss: the full check reports the same.
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [session, text]);
  return answer !== null && answer.text === text ? answer.syntax : null;
}
