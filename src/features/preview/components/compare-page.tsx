import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";

import { RegistryReadError } from "@/components/registry-read-error";
import { CodeText } from "@/components/ui/code-text";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api/client";
import { packVersionQueryOptions } from "@/lib/api/packs";
import { isSemver, versionChange } from "@/pack/semver-order";

import { comparePacks, type CompareSides } from "../utils/compare-packs";
import { ComparePicker } from "./compare-picker";
import { CompareSections } from "./compare-sections";
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
 * charts); a diff fetches its two files from the API only when it is opened, so no archive is
 * downloaded.
 */
export function ComparePage({ name, from, toName, to }: ComparePageProps) {
  const [detailA, detailB] = useQueries({
    queries: [
      packVersionQueryOptions(name, from),
      packVersionQueryOptions(toName, to),
    ],
  });
  const before = detailA?.data;
  const after = detailB?.data;
  const comparison = useMemo(
    () => (before && after ? comparePacks(before, after) : null),
    [before, after],
  );
  // Monaco's diff editor and both details were started by the router (app/router.tsx), with this
  // page's chunk.
  const samePack = name === toName;
  const left = samePack ? from : `${name} ${from}`;
  const right = samePack ? to : `${toName} ${to}`;
  const change = samePack ? versionChange(from, to) : "unknown";
  const notSemver = [from, to].filter((v) => !isSemver(v));
  const failed = [detailA, detailB].find((q) => q?.error)?.error;
  const sides: CompareSides = {
    before: { name, version: from },
    after: { name: toName, version: to },
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
        <RegistryReadError
          error={failed}
          title="The versions could not be loaded"
        >
          <p>
            {failed instanceof ApiError && failed.status === 404 ? (
              detailA?.error ? (
                `${name} has no version ${from}.`
              ) : (
                `${toName} has no version ${to}.`
              )
            ) : (
              <CodeText text={failed.message} />
            )}
          </p>
        </RegistryReadError>
      ) : !comparison ? (
        <Spinner label="Loading both versions…" />
      ) : (
        // One tree per comparison (see CompareSections).
        <CompareSections
          key={`${name} ${from} ${toName} ${to}`}
          comparison={comparison}
          sides={sides}
          labels={[left, right]}
        />
      )}
    </article>
  );
}
