import type { OpenFile } from "@/components/pack/file-link";
import { Alert } from "@/components/ui/alert";

import type { OpenedPack } from "../types";
import type { PackMetaResult } from "../utils/pack-meta";
import { ConstraintsTables } from "./constraints-tables";
import { GetPack } from "./get-pack";
import { HowToUse } from "./how-to-use";
import { PackSummaryList } from "./pack-summary-list";
import { ReadmeSection } from "./readme-section";

interface PackOverviewProps {
  pack: OpenedPack;
  meta: PackMetaResult;
  /** How the summary opens a file pack.json lists. */
  open: OpenFile;
}

/** The overview tab: what pack.json says, its README, how to get the pack and how to use it. */
export function PackOverview({ pack, meta, open }: PackOverviewProps) {
  const { source } = pack;
  const name =
    source.kind === "registry"
      ? source.summary.name
      : meta.ok
        ? meta.meta.name
        : undefined;
  const version =
    source.kind === "registry"
      ? source.summary.version
      : meta.ok
        ? meta.meta.version
        : undefined;
  return (
    <div className="pack-overview">
      <div className="pack-overview__main">
        {meta.ok ? (
          <>
            <PackSummaryList
              meta={meta.meta}
              source={pack.source}
              files={pack.files}
              open={open}
            />
            <ConstraintsTables meta={meta.meta} />
          </>
        ) : (
          <Alert tone="error" title="pack.json cannot be read">
            {meta.message}. The files and findings are still shown.
          </Alert>
        )}
        <ReadmeSection files={pack.files} />
      </div>
      <aside
        className="pack-overview__aside"
        aria-labelledby="get-pack-heading"
      >
        <GetPack pack={pack} meta={meta.ok ? meta.meta : null} />
        {name && version && <HowToUse name={name} version={version} />}
      </aside>
    </div>
  );
}
