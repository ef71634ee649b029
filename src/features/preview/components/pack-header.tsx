import { Link } from "@/components/ui/link";
import type { Finding } from "@/pack/finding";

import type { OpenedPack } from "../types";
import { imageDataUrl } from "@/components/pack/image-url";
import type { PackMetaResult } from "../utils/pack-meta";
import { PackActions } from "./pack-actions";

interface PackHeaderProps {
  pack: OpenedPack;
  meta: PackMetaResult;
  findingsHref: string;
}

const count = (findings: Finding[], severity: Finding["severity"]) =>
  findings.filter((f) => f.severity === severity).length;

/** Logo, names, version, the kind of pack and a one-line verdict of the findings. */
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
            {m?.addonType && <span className="badge">{m.addonType}</span>}
            {pack.source.kind === "local" && (
              <span className="badge badge--local">
                opened from {pack.source.fileName}, not uploaded
              </span>
            )}
          </p>
          <p className="pack-header__verdict">
            <Link to={findingsHref}>
              {errors === 0 && warnings === 0
                ? `No problems found${pack.findings.length ? ` (${pack.findings.length} notes)` : ""}`
                : `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`}
            </Link>
          </p>
        </div>
      </div>
      <PackActions pack={pack} name={name} version={version} />
    </header>
  );
}
