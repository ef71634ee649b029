import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { Route } from "@/app/router";
import { AppShell } from "@/components/layout/app-shell";
import { usePathname } from "@/lib/location";
import { makeQueryClient } from "@/lib/query-client";

/** The app root: the shell plus the page for the current path. */
export function App() {
  const pathname = usePathname();
  const [queryClient] = useState(makeQueryClient);
  const shownPathname = useRef(pathname);

  // After an in-app navigation, move focus to the main landmark, as a full page load would reset it;
  // otherwise keyboard and screen-reader users stay on a link that is no longer on the page.
  // Comparing paths (not counting renders) keeps the first load, and StrictMode's re-run, focus-free.
  useEffect(() => {
    if (shownPathname.current === pathname) return;
    shownPathname.current = pathname;
    document.getElementById("main")?.focus();
  }, [pathname]);

  return (
    <QueryClientProvider client={queryClient}>
      <AppShell>
        <Route pathname={pathname} />
      </AppShell>
    </QueryClientProvider>
  );
}
