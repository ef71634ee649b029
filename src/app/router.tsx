import { lazy, Suspense } from "react";

import { HomeRoute } from "@/app/routes/home";
import { NotFoundRoute } from "@/app/routes/not-found";
import { matchRoute } from "@/config/paths";

// Each feature is its own chunk: the first screen loads none of them (nor Monaco).
const WizardRoute = lazy(() =>
  import("@/app/routes/build").then((m) => ({ default: m.BuildRoute })),
);
const PacksRoute = lazy(() =>
  import("@/app/routes/packs").then((m) => ({ default: m.PacksRoute })),
);
const PackRoute = lazy(() =>
  import("@/app/routes/pack").then((m) => ({ default: m.PackRoute })),
);
const CompareRoute = lazy(() =>
  import("@/app/routes/compare").then((m) => ({ default: m.CompareRoute })),
);
const OpenRoute = lazy(() =>
  import("@/app/routes/open").then((m) => ({ default: m.OpenRoute })),
);

/** Maps a pathname to its page. */
export function Route({ pathname }: { pathname: string }) {
  const m = matchRoute(pathname);
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      {(() => {
        switch (m.route) {
          case "home":
            return <HomeRoute />;
          case "build":
            return <WizardRoute draftId={m.draftId} />;
          case "packs":
            return <PacksRoute />;
          case "pack":
            return <PackRoute name={m.name} version={m.version} />;
          case "compare":
            return (
              <CompareRoute
                name={m.name}
                from={m.from}
                toName={m.toName}
                to={m.to}
              />
            );
          case "open":
            return <OpenRoute />;
          case "not-found":
            return <NotFoundRoute />;
        }
      })()}
    </Suspense>
  );
}
