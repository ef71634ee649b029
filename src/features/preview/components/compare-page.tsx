import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";

import { Alert } from "@/components/ui/alert";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/client";
import { packVersionQueryOptions } from "@/lib/api/packs";
import { isSemver, versionChange } from "@/pack/semver-order";

import { packFilesQueryOptions } from "../api/get-pack-files";
import { diffFileLists } from "../utils/diff-files";
import { CompareResult } from "./compare-result";
import "../preview.css";
import "../versions.css";

interface ComparePageProps {
  name: string;
  from: string;
  to: string;
}

/** Two versions of one pack: which files were added, removed or changed, and how. */
export function ComparePage({ name, from, to }: ComparePageProps) {
  const queryClient = useQueryClient();
  const [detailA, detailB, filesA, filesB] = useQueries({
    queries: [
      packVersionQueryOptions(name, from),
      packVersionQueryOptions(name, to),
      packFilesQueryOptions(queryClient, name, from),
      packFilesQueryOptions(queryClient, name, to),
    ],
  });
  const before = detailA?.data;
  const after = detailB?.data;
  const changes = useMemo(
    () => (before && after ? diffFileLists(before.files, after.files) : null),
    [before, after],
  );
  const title = `${name}: ${from} → ${to}`;
  const change = versionChange(from, to);
  const notSemver = [from, to].filter((v) => !isSemver(v));
  const failed = [detailA, detailB, filesA, filesB].find(
    (q) => q?.error,
  )?.error;
  const archiveA = filesA?.data;
  const archiveB = filesB?.data;

  return (
    <article className="preview compare-page">
      <title>{`${title} · Packsmith`}</title>
      <h1>
        Compare {name} <span className="muted">{from}</span> → {to}
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
        {change === "unknown" && (
          <>
            {notSemver.join(" and ")} {notSemver.length > 1 ? "are" : "is"} not
            a semantic version, so which side is newer is not known.{" "}
          </>
        )}
        <Link to={paths.compare(name, to, from)}>
          Swap sides ({to} → {from})
        </Link>
      </p>
      <p>
        <Link to={paths.pack(name, from)}>
          {name} {from}
        </Link>
        {" · "}
        <Link to={paths.pack(name, to)}>
          {name} {to}
        </Link>
      </p>
      {failed ? (
        <Alert tone="error" title="The versions could not be loaded">
          <p>
            {failed instanceof ApiError && failed.status === 404
              ? `${name} has no version ${detailA?.error ? from : to}.`
              : failed.message}
          </p>
        </Alert>
      ) : !changes || !archiveA || !archiveB ? (
        <Spinner label="Loading both versions…" />
      ) : !archiveA.ok || !archiveB.ok ? (
        <Alert tone="error" title="A stored archive cannot be read">
          <p>
            {
              (!archiveA.ok ? archiveA : !archiveB.ok ? archiveB : null)?.error
                .message
            }
          </p>
        </Alert>
      ) : (
        <CompareResult
          changes={changes}
          before={archiveA.value.files}
          after={archiveB.value.files}
        />
      )}
    </article>
  );
}
