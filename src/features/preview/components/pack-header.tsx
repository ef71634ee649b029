import { useQuery } from "@tanstack/react-query";

import { Link } from "@/components/ui/link";
import { packQueryOptions } from "@/lib/api/packs";
import type { Finding } from "@/pack/finding";
import { localToday, packLifecycle } from "@/pack/lifecycle";
import { normalizeAddonType } from "@/pack/pack-list";

import type { OpenedPack } from "../types";
import { imageDataUrl } from "@/components/pack/image-url";
import type { PackMetaResult } from "../utils/pack-meta";
import { PackActions } from "./pack-actions";
import { VersionHistory } from "./version-history";
import { VersionSwitcher } from "./version-switcher";
import "../versions.css";

interface PackHeaderProps {
  pack: OpenedPack;
  meta: PackMetaResult;
  findingsHref: string;
}

const count = (findings: Finding[], severity: Finding["severity"]) =>
  findings.filter((f) => f.severity === severity).length;

const LIFECYCLE_BADGE = {
  deprecated: "Deprecated",
  deleted: "Marked deleted",
} as const;

/**
 * Logo, names, version, the kind of pack, its lifecycle (deprecated, past its end of life) and a
 * one-line verdict of the findings; for a registry pack also the version switcher and history.
 */
export function PackHeader({ pack, meta, findingsHref }: PackHeaderProps) {
  const logo = imageDataUrl(pack.files.get("logo.png"));
  const m = meta.ok ? meta.meta : null;
  const summary = pack.source.kind === "registry" ? pack.source.summary : null;
  const title =
    m?.displayName ?? summary?.displayName ?? m?.name ?? "Unnamed pack";
  const name = m?.name ?? summary?.name;
  const version = m?.version ?? summary?.version;
  const errors = count(pack.findings, "error");
  const warnings = count(pack.findings, "warning");
  // Every version of a registry pack, highest first (shared with "Compare with").
  const versions = useQuery({
    ...packQueryOptions(summary?.name ?? ""),
    enabled: summary !== null,
  });
  const latest = versions.data?.latest;
  const lifecycle = m
    ? packLifecycle({ annotations: m.annotations, eol: m.eol }, localToday())
    : null;

  return (
    <header className="pack-header">
      <title>{`${title}${version ? ` ${version}` : ""} · Packsmith`}</title>
      <div className="pack-header__identity">
        {logo ? (
          <img
            className="pack-header__logo"
            src={logo}
            alt={`${title} logo`}
            width={64}
            height={64}
          />
        ) : (
          <span
            className="pack-header__logo pack-header__logo--none"
            aria-hidden="true"
          >
            {title.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div>
          <h1 className="pack-header__title">{title}</h1>
          <p className="pack-header__sub">
            {name && <code>{name}</code>}
            {version && (
              <>
                {" "}
                version <strong>{version}</strong>
              </>
            )}
            {m?.layer && <span className="badge">{m.layer}</span>}
            {m?.addonType && (
              <span className="badge">{normalizeAddonType(m.addonType)}</span>
            )}
            {summary && summary.version === latest && (
              <span className="badge badge--latest">latest</span>
            )}
            {lifecycle?.state && (
              <span className={`badge badge--${lifecycle.state}`}>
                {LIFECYCLE_BADGE[lifecycle.state]}
              </span>
            )}
            {pack.source.kind === "local" && (
              <span className="badge badge--local">
                opened from {pack.source.fileName}, not uploaded
              </span>
            )}
          </p>
          {lifecycle && (lifecycle.reasons.length > 0 || lifecycle.eol) && (
            <p className="lifecycle-note small">
              {lifecycle.reasons.join(" ")}
              {lifecycle.eol && !lifecycle.eolPassed && (
                <span className="muted">
                  {lifecycle.reasons.length ? " " : ""}End of life on{" "}
                  {lifecycle.eol}.
                </span>
              )}
            </p>
          )}
          <p className="pack-header__verdict">
            <Link to={findingsHref}>
              {errors === 0 && warnings === 0
                ? // What is left is info, the severity's one name (its own plural, as the builder counts).
                  `No problems found${pack.findings.length ? ` (${pack.findings.length} info)` : ""}`
                : `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`}
            </Link>
          </p>
        </div>
      </div>
      <div className="pack-header__aside">
        {summary && versions.data && versions.data.versions.length > 1 && (
          <VersionSwitcher versions={versions.data} current={summary.version} />
        )}
        <PackActions pack={pack} name={name} version={version} />
      </div>
      {summary && versions.data && (
        <VersionHistory versions={versions.data} current={summary.version} />
      )}
    </header>
  );
}
