import { useEffect, useRef } from "react";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { Removal } from "@/features/wizard/hooks/use-removal";

/** The question before a removal and, after it, the status with Undo. */
export function RemovalPrompt({ removal }: { removal: Removal }) {
  const keep = useRef<HTMLButtonElement>(null);
  const undo = useRef<HTMLButtonElement>(null);
  const { asking, done, undone } = removal;
  const seq = done?.seq;
  // The removed row's button is gone: keyboard focus goes to Undo, not to the top of the page.
  useEffect(() => {
    if (seq !== undefined) requestAnimationFrame(() => undo.current?.focus());
  }, [seq]);

  return (
    <>
      <Dialog
        open={asking !== null}
        onClose={removal.cancel}
        title={asking ? `Remove ${asking.what}?` : ""}
        initialFocusRef={keep}
        actions={
          <>
            <Button ref={keep} onClick={removal.cancel}>
              Keep it
            </Button>
            <Button variant="danger" onClick={removal.confirm}>
              Remove
            </Button>
          </>
        }
      >
        <p>This removes from the pack:</p>
        <ul>
          <li>
            <code>{asking?.what}</code>
          </li>
          {asking?.goes.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
        <p>You can undo it right after.</p>
      </Dialog>
      <div role="status" className="removal-status">
        {done && (
          <p className="removal-status__row">
            <span>{done.message}</span>{" "}
            <Button ref={undo} onClick={removal.undo}>
              Undo
            </Button>{" "}
            <Button variant="link" onClick={removal.dismiss}>
              Dismiss
            </Button>
          </p>
        )}
        {undone && <p className="removal-status__row">{undone}</p>}
      </div>
    </>
  );
}
