import { useMemo } from "react";

import { Tabs, type TabItem } from "@/components/ui/tabs";
import { navigate, usePathname, useSearch } from "@/lib/location";

import type { OpenedPack } from "../types";
import {
  packLocationSearch,
  readPackLocation,
  type PackLocation,
  type PackTab,
} from "../utils/deep-link";
import { readPackMeta } from "../utils/pack-meta";
import { FileBrowser } from "./file-browser";
import { FindingsList } from "./findings-list";
import { PackHeader } from "./pack-header";
import { PackOverview } from "./pack-overview";
import { PresetsTable } from "./presets-table";
import { SchemaTable } from "./schema-table";
import "../preview.css";

/**
 * The reviewer's view of one pack: header, then tabs for the overview, the files, presets,
 * schema and findings. The registry page and the local-open page both render exactly this; what
 * is selected lives in the URL (`?tab=…&file=…&path=…`), so every view is a link.
 */
export function PackView({ pack }: { pack: OpenedPack }) {
  const pathname = usePathname();
  const location = readPackLocation(useSearch());
  const meta = useMemo(() => readPackMeta(pack.files), [pack.files]);
  const { files, findings } = pack;

  const tabs: TabItem<PackTab>[] = [
    { id: "overview", label: "Overview" },
    { id: "files", label: `Files (${files.size})` },
    ...(files.has("presets.yaml")
      ? [{ id: "presets" as const, label: "Presets" }]
      : []),
    ...(files.has("schema.yaml")
      ? [{ id: "schema" as const, label: "Schema" }]
      : []),
    { id: "findings", label: `Findings (${findings.length})` },
  ];
  const tab = tabs.some((t) => t.id === location.tab)
    ? location.tab
    : "overview";
  const hrefFor = (loc: PackLocation) => pathname + packLocationSearch(loc);
  const go = (loc: PackLocation) => navigate(hrefFor(loc), { replace: true });

  return (
    <article className="preview pack-view">
      <PackHeader
        pack={pack}
        meta={meta}
        findingsHref={hrefFor({ tab: "findings" })}
      />
      <Tabs
        label="Pack sections"
        tabs={tabs}
        selected={tab}
        idPrefix="pack"
        onSelect={(id) => go({ ...location, tab: id })}
      >
        {tab === "overview" && <PackOverview pack={pack} meta={meta} />}
        {tab === "files" && (
          <FileBrowser
            files={files}
            findings={findings}
            location={location}
            onSelect={(file) => go({ tab: "files", file })}
          />
        )}
        {tab === "presets" && <PresetsTable files={files} />}
        {tab === "schema" && <SchemaTable files={files} hrefFor={hrefFor} />}
        {tab === "findings" && (
          <FindingsList findings={findings} files={files} hrefFor={hrefFor} />
        )}
      </Tabs>
    </article>
  );
}
