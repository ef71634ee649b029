import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";

import { Alert } from "@/components/ui/alert";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/client";
import { packVersionQueryOptions } from "@/lib/api/packs";
import type { PackFiles } from "@/pack/pack-files";
import type { Result } from "@/pack/result";
import { isSemver, versionChange } from "@/pack/semver-order";

import { packFilesQueryOptions } from "../api/get-pack-files";
import {
  comparePacks,
  type CompareSources,
  type SideFiles,
} from "../utils/compare-packs";
import { CompareCharts } from "./compare-charts";
import { CompareImages } from "./compare-images";
import { ComparePicker } from "./compare-picker";
import { CompareResult } from "./compare-result";
import "../preview.css";
import "../versions.css";
import "../compare.css";

interface ComparePageProps {
  name: string;
  from: string;
  /** The right side's pack: `name` for two versions of one pack. */
  toName: string;
  to: string;
}

/**
 * Two pack versions: which files were added, removed or changed and how, the same inside every
 * chart, and the images. The lists come from the API's details (SHA-256 per file, also inside
 * charts); archives load meanwhile and are read only for the diffs that are open.
 */
export function ComparePage({ name, from, toName, to }: ComparePageProps) {
  const queryClient = useQueryClient();
  const [detailA, detailB, filesA, filesB] = useQueries({
    queries: [
      packVersionQueryOptions(name, from),
      packVersionQueryOptions(toName, to),
      packFilesQueryOptions(queryClient, name, from),
      packFilesQueryOptions(queryClient, toName, to),
    ],
  });
  const before = detailA?.data;
  const after = detailB?.data;
  const comparison = useMemo(
    () => (before && after ? comparePacks(before, after) : null),
    [before, after],
  );
  const samePack = name === toName;
  const left = samePack ? from : `${name} ${from}`;
  const right = samePack ? to : `${toName} ${to}`;
  const change = samePack ? versionChange(from, to) : "unknown";
  const notSemver = [from, to].filter((v) => !isSemver(v));
  const failed = [detailA, detailB].find((q) => q?.error)?.error;
  const sources: CompareSources = {
    before: sideFiles(filesA),
    after: sideFiles(filesB),
  };

  return (
    <article className="preview compare-page">
      <title>{`${name} ${from} → ${right} · Compare · Packsmith`}</title>
      <h1>
        Compare {name} <span className="muted">{from}</span> →{" "}
        {samePack ? to : `${toName} ${to}`}
        {change === "downgrade" && (
          <>
            {" "}
            <span className="badge badge--downgrade">downgrade</span>
          </>
        )}
      </h1>
      <p className="compare-direction">
        {change === "downgrade" && (
          <>
            The right side, {to}, is a lower version than the left, {from}: this
            is a downgrade.{" "}
          </>
        )}
        {samePack && change === "unknown" && (
          <>
            {notSemver.join(" and ")} {notSemver.length > 1 ? "are" : "is"} not
            a semantic version, so which side is newer is not known.{" "}
          </>
        )}
        {!samePack && <>Two different packs. </>}
        <Link to={paths.compare(toName, to, from, name)}>
          Swap sides ({right} → {left})
        </Link>
      </p>
      <p>
        <Link to={paths.pack(name, from)}>
          {name} {from}
        </Link>
        {" · "}
        <Link to={paths.pack(toName, to)}>
          {toName} {to}
        </Link>
      </p>
      <ComparePicker
        key={`${toName} ${to}`}
        name={name}
        from={from}
        toName={toName}
        to={to}
      />
      {failed ? (
        <Alert tone="error" title="The versions could not be loaded">
          <p>
            {failed instanceof ApiError && failed.status === 404
              ? detailA?.error
                ? `${name} has no version ${from}.`
                : `${toName} has no version ${to}.`
              : failed.message}
          </p>
        </Alert>
      ) : !comparison ? (
        <Spinner label="Loading both versions…" />
      ) : (
        <>
          <CompareResult
            changes={comparison.files}
            charts={comparison.charts}
            sources={sources}
          />
          <CompareCharts
            charts={comparison.charts}
            sources={sources}
            labels={[left, right]}
          />
          <CompareImages images={comparison.images} labels={[left, right]} />
        </>
      )}
    </article>
  );
}

/** A side's files for the diffs, from its query: still loading, unreadable, or there. */
function sideFiles(
  q:
    | {
        data?: Result<{ files: PackFiles }, { message: string }>;
        error: Error | null;
      }
    | undefined,
): SideFiles {
  if (q?.error) return { status: "error", message: q.error.message };
  const r = q?.data;
  if (!r) return { status: "loading" };
  return r.ok
    ? { status: "ready", files: r.value.files }
    : { status: "error", message: r.error.message };
}
