import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";

import type { OpenedPack } from "../types";
import { CompareForm } from "./compare-form";
// Links styled as buttons share the button styles.
import "@/components/ui/button.css";

interface PackActionsProps {
  pack: OpenedPack;
  name: string | undefined;
  version: string | undefined;
}

/**
 * What a reviewer can do next with a registry pack: open it in the builder as the start of a new
 * version, or compare it with another version. A local pack has no registry identity, so it only
 * gets its downloads (on the overview).
 */
export function PackActions({ pack, name, version }: PackActionsProps) {
  if (pack.source.kind !== "registry" || !name || !version) return null;
  const { summary } = pack.source;
  return (
    <div className="pack-actions">
      <Link
        className="button button--secondary"
        to={`${paths.build}?from=${encodeURIComponent(`${summary.name}/${summary.version}`)}`}
      >
        Edit as a new version
      </Link>
      <CompareForm name={summary.name} current={summary.version} />
    </div>
  );
}
