import { Button } from "@/components/ui/button";
import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";
import { handOffPack } from "@/lib/handoff";
import { navigate } from "@/lib/location";

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
 * What a reviewer can do next: open the pack in the builder as the start of a new version, and
 * for a registry pack compare it with another version.
 */
export function PackActions({ pack, name, version }: PackActionsProps) {
  if (pack.source.kind === "local") {
    const { fileName } = pack.source;
    return (
      <div className="pack-actions">
        <Button
          variant="secondary"
          onClick={() => {
            // The files stay in this tab: handed to the builder for the next page only.
            handOffPack(pack.files, fileName);
            navigate(`${paths.build}?from=local`);
          }}
        >
          Edit as a new version
        </Button>
      </div>
    );
  }
  if (!name || !version) return null;
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
