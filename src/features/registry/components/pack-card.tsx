import { useState } from "react";

import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";
import { logoUrl } from "@/lib/api/packs";

import type { PackGroup } from "../utils/group-versions";

/** One pack: logo, names, classification and its versions, each a link to its page. */
export function PackCard({ group }: { group: PackGroup }) {
  const { latest, versions } = group;
  // The server serves only real PNG logos; anything else answers 404 and the initial shows instead.
  const [logoFailed, setLogoFailed] = useState(false);

  return (
    <li className="pack-card">
      {logoFailed ? (
        <span
          className="pack-card__logo pack-card__logo--none"
          aria-hidden="true"
        >
          {latest.displayName.slice(0, 1).toUpperCase()}
        </span>
      ) : (
        <img
          className="pack-card__logo"
          src={logoUrl(latest.name, latest.version)}
          alt=""
          width={48}
          height={48}
          loading="lazy"
          onError={() => setLogoFailed(true)}
        />
      )}
      <div className="pack-card__body">
        <h3 className="pack-card__title">
          <Link to={paths.pack(latest.name, latest.version)}>
            {latest.displayName}
          </Link>
        </h3>
        <p className="pack-card__meta">
          <code>{latest.name}</code>{" "}
          <span className="badge">{latest.layer}</span>
          {latest.addonType && (
            <span className="badge">{latest.addonType}</span>
          )}
          <span className="muted small"> · {latest.cloudTypes.join(", ")}</span>
        </p>
        <p className="pack-card__versions">
          <span className="muted small">
            {versions.length === 1 ? "Version" : "Versions"}:{" "}
          </span>
          {versions.map((v, i) => (
            <span key={v.version}>
              {i > 0 && ", "}
              <Link
                to={paths.pack(v.name, v.version)}
                aria-label={`${v.displayName} ${v.version}`}
              >
                {v.version}
              </Link>
            </span>
          ))}
        </p>
      </div>
    </li>
  );
}
