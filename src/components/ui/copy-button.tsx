import { useEffect, useState } from "react";

import { Button } from "@/components/ui/button";

type CopyState = "idle" | "copied" | "failed";

interface CopyButtonProps {
  text: string;
  /** The button's name, e.g. "Copy the oras command". */
  label: string;
  className?: string;
}

/** Copies text to the clipboard and says whether it worked, in a polite live region. */
export function CopyButton({ text, label, className }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");

  // The confirmation fades after a moment; the timer is cleared if the button goes away first.
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className={className}>
      <Button onClick={() => void copy()}>{label}</Button>{" "}
      <span role="status">
        {state === "copied"
          ? "Copied."
          : state === "failed"
            ? "Copying failed; select the text and copy it by hand."
            : ""}
      </span>
    </span>
  );
}
