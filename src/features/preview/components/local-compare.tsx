import { useQuery } from "@tanstack/react-query";
import { useId, useMemo } from "react";

import { RegistryReadError } from "@/components/registry-read-error";
import { Alert } from "@/components/ui/alert";
import { CodeText } from "@/components/ui/code-text";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/client";
import { localPackKey } from "@/lib/api/pack-file";
import { packQueryOptions, packVersionQueryOptions } from "@/lib/api/packs";
import { getPackWorker } from "@/lib/pack-worker/client";
import type { PackImage } from "@/pack/images";
import type { PackFiles } from "@/pack/pack-files";
import { versionChange } from "@/pack/semver-order";

import { comparePacks, type CompareSides } from "../utils/compare-packs";
import { defaultLocalCompareWith } from "../utils/compare-with";
import { versionLabel } from "../utils/version-label";
import { CompareSections } from "./compare-sections";
import "../versions.css";
import "../compare.css";

interface LocalCompareProps {
  files: PackFiles;
  /** The worker's image scan of the local pack (undefined while it runs). */
  images: readonly PackImage[] | undefined;
  /** pack.json's name and version, when it has them. */
  name: string | undefined;
  version: string | undefined;
  /** The registry version chosen in the URL (`?with=`), if any. */
  chosen: string | undefined;
  /** Choose another registry version (a new URL). */
  onChoose: (version: string) => void;
}

/**
 * A pack opened from disk against a version of the same pack in the registry: what it would
 * change there, file by file, inside every chart, and in the images. The registry side is read from
 * the API's detail and, for an opened diff, its files; the local side is described in the pack
 * worker (each file's and each chart file's SHA-256) and diffs read its own bytes. Nothing is
 * uploaded.
 */
export function LocalCompare({
  files,
  images,
  name,
  version,
  chosen,
  onChoose,
}: LocalCompareProps) {
  const id = useId();
  const versions = useQuery({
    ...packQueryOptions(name ?? ""),
    enabled: name !== undefined,
    retry: false,
  });
  const local = useQuery({
    queryKey: ["local-compare", localPackKey(files)],
    queryFn: () => getPackWorker().compareDetail(files),
    // Only once the registry has versions to compare with: describing hashes every file and
    // expands every chart in the worker.
    enabled: (versions.data?.versions.length ?? 0) > 0,
    staleTime: Infinity,
    // Its data are views of the pack's own bytes: nothing keeps them once the pack is closed.
    gcTime: 0,
    retry: false,
  });
  const list = versions.data?.versions ?? [];
  const other =
    chosen !== undefined && list.some((v) => v.version === chosen)
      ? chosen
      : defaultLocalCompareWith(
          list.map((v) => v.version),
          version,
        );
  const detail = useQuery({
    ...packVersionQueryOptions(name ?? "", other ?? ""),
    enabled: name !== undefined && other !== undefined,
  });
  const comparison = useMemo(
    () =>
      detail.data && local.data && images
        ? comparePacks(detail.data, { ...local.data, images: [...images] })
        : null,
    [detail.data, local.data, images],
  );

  if (name === undefined)
    return (
      <p className="muted">
        pack.json is missing, unreadable or names no pack, so the registry has
        nothing to compare it with.
      </p>
    );
  if (versions.error instanceof ApiError && versions.error.status === 404)
    return (
      <p role="status">
        The registry has no pack named <code>{name}</code>: uploading this one
        would add its first version.
      </p>
    );
  if (versions.error)
    return (
      <RegistryReadError
        error={versions.error}
        title="The registry could not be read"
        onRetry={() => void versions.refetch()}
      />
    );
  if (!versions.data)
    return <Spinner label={`Finding ${name} in the registry…`} />;
  if (!other)
    return (
      <p role="status">
        The registry lists <code>{name}</code> with no versions.
      </p>
    );

  const localLabel = `${version ?? "this pack"} (local)`;
  const sides: CompareSides = {
    before: { name, version: other },
    after: { name, version: version ?? "", local: files },
  };
  const change = version ? versionChange(other, version) : "unknown";
  const same = list.find((v) => v.digest === local.data?.digest);
  // The registry's copy of this very version, when it has one.
  const stored = list.find((v) => v.version === version);

  return (
    // The tab names the panel; the result's sections are the page's h2s, as on the compare page.
    <section className="local-compare" aria-label="Compare with the registry">
      <form className="compare-form" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-version`}>
          <code>{name}</code> in the registry
        </label>
        <select
          id={`${id}-version`}
          value={other}
          onChange={(e) => onChoose(e.target.value)}
        >
          {list.map((v) => (
            <option key={v.version} value={v.version}>
              {versionLabel(v.version, versions.data.latest)}
            </option>
          ))}
        </select>
        <span className="muted">
          → {localLabel} ·{" "}
          <Link to={paths.pack(name, other)}>
            open the registry&apos;s {other}
          </Link>
        </span>
      </form>
      <p className="compare-direction" role="status">
        {same ? (
          <>
            This pack has the same files as the registry&apos;s{" "}
            <strong>{same.version}</strong> (content digest{" "}
            <code>{same.digest}</code>).{" "}
          </>
        ) : local.data ? (
          <>
            No version of <code>{name}</code> in the registry has exactly these
            files.{" "}
          </>
        ) : null}
        {stored && local.data && stored.digest !== local.data.digest && (
          <>
            The registry already holds {version} with other files: it refuses an
            upload of this pack under that version unless the upload is forced
            to replace them (where the registry allows that).{" "}
          </>
        )}
        {change === "downgrade" && (
          <>
            This pack, {version}, is a lower version than {other}.{" "}
          </>
        )}
      </p>
      {detail.error ? (
        <RegistryReadError
          error={detail.error}
          title={`${name} ${other} could not be loaded`}
          onRetry={() => void detail.refetch()}
        />
      ) : local.error ? (
        <Alert tone="error" title="This pack could not be described">
          <p>
            <CodeText text={local.error.message} />
          </p>
        </Alert>
      ) : !comparison ? (
        <Spinner label={`Comparing with ${name} ${other}…`} />
      ) : (
        // One tree per comparison (see CompareSections).
        <CompareSections
          key={`${localPackKey(files)} ${other}`}
          comparison={comparison}
          sides={sides}
          labels={[other, localLabel]}
        />
      )}
    </section>
  );
}
