import { useEffect } from "react";

import { addNavigationBlocker } from "@/lib/location";

/**
 * Ask before leaving only while something is unsaved (security.md case 72): the browser's own
 * prompt for reloads and closing the tab, a confirm for in-app navigation.
 */
export function useLeavePrompt(unsaved: boolean, message: string): void {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    const remove = addNavigationBlocker(() => window.confirm(message));
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      remove();
    };
  }, [unsaved, message]);
}
