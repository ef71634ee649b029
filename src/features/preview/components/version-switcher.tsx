import { useId, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";
import type { PackVersions } from "@/lib/api/packs";
import { navigate } from "@/lib/location";

import { versionLabel } from "../utils/version-label";
import "../versions.css";

interface VersionSwitcherProps {
  versions: PackVersions;
  /** The version on screen. */
  current: string;
}

/**
 * Open another version of the pack: every version highest first (the API's order), the latest
 * marked. A select and a button rather than navigating on change, so moving through the options
 * with the keyboard does not leave the page.
 */
export function VersionSwitcher({ versions, current }: VersionSwitcherProps) {
  const id = useId();
  // A pick belongs to the version it was made on: after Back or a link to another version the
  // select shows the version on screen again (derived, not synced).
  const [pick, setPick] = useState<{ on: string; version: string } | null>(
    null,
  );
  const picked = pick?.on === current ? pick.version : current;

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(paths.pack(versions.name, picked));
  }

  return (
    <form className="version-switcher" onSubmit={submit}>
      <label htmlFor={id}>Version</label>
      <select
        id={id}
        value={picked}
        onChange={(e) => setPick({ on: current, version: e.target.value })}
      >
        {versions.versions.map((v) => (
          <option key={v.version} value={v.version}>
            {versionLabel(v.version, versions.latest, current)}
          </option>
        ))}
      </select>
      <Button type="submit" disabled={picked === current}>
        Open
      </Button>
    </form>
  );
}
