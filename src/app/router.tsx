import { usePrefetchQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";

import { HomeRoute } from "@/app/routes/home";
import { NotFoundRoute } from "@/app/routes/not-found";
import { matchRoute } from "@/config/paths";
import {
  packArchiveQueryOptions,
  packVersionQueryOptions,
} from "@/lib/api/packs";
import { preloadDiffEditor } from "@/lib/monaco/preload-diff-editor";
import { startPackWorkerEarly } from "@/lib/pack-worker/spawn";

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

/**
 * Starts what a pack or compare page will ask for first (its details, and Monaco's diff editor for
 * two different versions) while the page's own chunk loads, instead of after it has rendered: on
 * a cold load the requests and the chunk travel together. The pages read the same queries.
 */
function PrefetchVersion({ name, version }: { name: string; version: string }) {
  usePrefetchQuery(packVersionQueryOptions(name, version));
  return null;
}

/**
 * A pack page also shows every file of the stored archive, read in the pack worker: the archive's
 * download, the worker's start (its script fetched, compiled and run) and the read itself begin
 * with the details, not once the page's chunk has rendered. Measured on a cold load of argo-cd's
 * page: the archive request left 500 ms after the details, the worker started only once it had
 * arrived; later, with both early, the read still waited ~700 ms (traced) for the page's chunk
 * to load and render before it was asked for.
 */
function PrefetchPackFiles({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  const queryClient = useQueryClient();
  usePrefetchQuery(packArchiveQueryOptions(name, version));
  useEffect(() => {
    startPackWorkerEarly();
    import("@/features/preview/api/get-pack-files")
      .then(({ packFilesQueryOptions }) =>
        queryClient.prefetchQuery(
          packFilesQueryOptions(queryClient, name, version),
        ),
      )
      // The page asks again and says what failed.
      .catch(() => undefined);
  }, [queryClient, name, version]);
  return null;
}

/** Maps a pathname to its page. */
export function Route({ pathname }: { pathname: string }) {
  const m = matchRoute(pathname);
  const diffs =
    m.route === "compare" && (m.name !== m.toName || m.from !== m.to);
  useEffect(() => {
    if (diffs) preloadDiffEditor().catch(() => undefined);
  }, [diffs]);
  // The builder checks every draft in the pack worker and the open page reads there: its start
  // (~250 ms of compiling and running its script here) overlaps the page's loading and the
  // user's choice, instead of delaying the first import or check.
  const usesWorker = m.route === "build" || m.route === "open";
  useEffect(() => {
    if (usesWorker) startPackWorkerEarly();
  }, [usesWorker]);
  return (
    <>
      {m.route === "pack" && (
        <>
          <PrefetchVersion name={m.name} version={m.version} />
          <PrefetchPackFiles name={m.name} version={m.version} />
        </>
      )}
      {m.route === "compare" && (
        <>
          <PrefetchVersion name={m.name} version={m.from} />
          <PrefetchVersion name={m.toName} version={m.to} />
        </>
      )}
      <RouteBody m={m} />
    </>
  );
}

function RouteBody({ m }: { m: ReturnType<typeof matchRoute> }) {
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
