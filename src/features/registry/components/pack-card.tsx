import { useState } from "react";

import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";
import { usePackLogo } from "@/lib/api/use-pack-logo";
import { normalizeAddonType } from "@/pack/pack-list";

import type { PackGroup } from "../utils/group-versions";

/**
 * One pack: logo, names, classification and its versions (highest first), each a link to its
 * page; the title links to the highest version listed.
 */
export function PackCard({ group }: { group: PackGroup }) {
  const { highest, versions } = group;
  // The server serves only real PNG logos; anything else answers 404 and the initial shows instead.
  const [logoFailed, setLogoFailed] = useState(false);
  const logo = usePackLogo(highest.name, highest.version);

  return (
    <li className="pack-card">
      {logoFailed || logo.failed ? (
        <span
          className="pack-card__logo pack-card__logo--none"
          aria-hidden="true"
        >
          {highest.displayName.slice(0, 1).toUpperCase()}
        </span>
      ) : (
        <img
          className="pack-card__logo"
          {...logo.img}
          alt=""
          width={48}
          height={48}
          loading="lazy"
          onError={() => setLogoFailed(true)}
        />
      )}
      <div className="pack-card__body">
        <h3 className="pack-card__title">
          <Link to={paths.pack(highest.name, highest.version)}>
            {highest.displayName}
          </Link>
        </h3>
        <p className="pack-card__meta">
          <code>{highest.name}</code>{" "}
          <span className="badge">{highest.layer}</span>
          {highest.addonType && (
            <span className="badge">
              {normalizeAddonType(highest.addonType)}
            </span>
          )}
          <span className="muted small">
            {" "}
            · {highest.cloudTypes.join(", ")}
          </span>
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
