import { lazy, Suspense, useMemo } from "react";

import { FileBrowser } from "@/components/pack/file-browser";
import { FindingsList } from "@/components/pack/findings-list";
import { ImagesTable } from "@/components/pack/images-table";
import { Spinner } from "@/components/ui/spinner";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { navigate, usePathname, useSearch } from "@/lib/location";
import { sortedPaths } from "@/pack/pack-files";

import { usePackImages } from "../api/get-pack-images";
import type { OpenedPack } from "../types";
import {
  findingAction,
  packLocationSearch,
  readPackLocation,
  type PackLocation,
  type PackTab,
} from "../utils/deep-link";
import { readPackMeta } from "../utils/pack-meta";
import { PackHeader } from "./pack-header";
import { PackOverview } from "./pack-overview";
import { PresetsTable } from "./presets-table";
import { SchemaTable } from "./schema-table";
import "../preview.css";

// Only a pack from disk has the tab, and only when opened: the registry's pack page loads none of it.
const LocalCompare = lazy(() =>
  import("./local-compare").then((m) => ({ default: m.LocalCompare })),
);

/**
 * The reviewer's view of one pack: header, then tabs for the overview, the files, presets,
 * schema and findings. The registry page and the local-open page both render exactly this; what
 * is selected lives in the URL (`?tab=…&file=…&path=…&line=…`), so every view is a link, and
 * switching a tab or a file is a new history entry (Back returns to the previous one).
 */
export function PackView({ pack }: { pack: OpenedPack }) {
  const pathname = usePathname();
  const location = readPackLocation(useSearch());
  const meta = useMemo(() => readPackMeta(pack.files), [pack.files]);
  const { files, findings } = pack;
  const images = usePackImages(pack);

  const tabs: TabItem<PackTab>[] = [
    { id: "overview", label: "Overview" },
    { id: "files", label: `Files (${files.size})` },
    ...(files.has("presets.yaml")
      ? [{ id: "presets" as const, label: "Presets" }]
      : []),
    ...(files.has("schema.yaml")
      ? [{ id: "schema" as const, label: "Schema" }]
      : []),
    {
      id: "images",
      label: images ? `Images (${images.length})` : "Images",
    },
    { id: "findings", label: `Findings (${findings.length})` },
    // A registry version has its own compare page; a pack from disk is compared here.
    ...(pack.source.kind === "local"
      ? [{ id: "compare" as const, label: "Compare with registry" }]
      : []),
  ];
  const tab = tabs.some((t) => t.id === location.tab)
    ? location.tab
    : "overview";
  const hrefFor = (loc: PackLocation) => pathname + packLocationSearch(loc);
  const go = (loc: PackLocation) => navigate(hrefFor(loc));
  const selected =
    location.file ??
    (files.has("values.yaml") ? "values.yaml" : sortedPaths(files)[0]);
  const fileLoc = (file: string, line?: number): PackLocation => ({
    tab: "files",
    file,
    ...(line ? { line } : {}),
  });

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
        {tab === "overview" && (
          <PackOverview
            pack={pack}
            meta={meta}
            open={{
              hrefFor: (file) => hrefFor(fileLoc(file)),
              onSelect: (file) => go(fileLoc(file)),
            }}
          />
        )}
        {tab === "files" && (
          <FileBrowser
            files={files}
            findings={findings}
            selected={selected}
            target={location.file === selected ? location : {}}
            treeLabel="Files"
            onSelect={(file) => go(fileLoc(file))}
            hrefFor={(file) => hrefFor(fileLoc(file))}
            // A local pack lives only in this tab: a copied link would open an empty page.
            linkTo={
              pack.source.kind === "registry"
                ? (file, line) =>
                    new URL(
                      hrefFor(fileLoc(file, line)),
                      window.location.origin,
                    ).href
                : undefined
            }
            // A line of the same file is not a new page: the entry is rewritten.
            onLineSelect={(line) =>
              selected !== undefined &&
              navigate(hrefFor(fileLoc(selected, line)), { replace: true })
            }
          />
        )}
        {tab === "presets" && <PresetsTable files={files} />}
        {tab === "schema" && <SchemaTable files={files} hrefFor={hrefFor} />}
        {tab === "images" &&
          (images ? (
            <ImagesTable
              images={images}
              files={files}
              open={{
                hrefFor: (file, line) => hrefFor(fileLoc(file, line)),
                onSelect: (file, line) => go(fileLoc(file, line)),
              }}
            />
          ) : (
            <Spinner label="Finding the images…" />
          ))}
        {tab === "compare" && (
          <Suspense fallback={<Spinner label="Loading the comparison…" />}>
            <LocalCompare
              files={files}
              images={images}
              name={meta.ok ? meta.meta.name : undefined}
              version={meta.ok ? meta.meta.version : undefined}
              chosen={location.with}
              onChoose={(v) => go({ tab: "compare", with: v })}
            />
          </Suspense>
        )}
        {tab === "findings" && (
          <FindingsList
            findings={findings}
            headingLevel={2}
            emptyText="No findings: the pack passes every check of the pack format."
            actionFor={(f) => findingAction(f, files, hrefFor)}
          />
        )}
      </Tabs>
    </article>
  );
}
