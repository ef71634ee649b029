import { useState } from "react";

import { orasCommands } from "@/pack/oras-command";

import { CommandBlock } from "./command-block";
import {
  EMPTY_TARGET,
  RegistryTargetFields,
  type RegistryTarget,
} from "./registry-target-fields";

/** The ORAS commands that push the OCI .tar.gz to a Palette OCI registry (pack-format §G). */
export function OrasPanel({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  const [target, setTarget] = useState<RegistryTarget>(EMPTY_TARGET);
  const command = orasCommands({ ...target, name, version });
  return (
    <div className="oras-panel">
      <p>
        Palette syncs packs from an OCI registry at{" "}
        <code>
          &lt;registry&gt;/&lt;base path&gt;/spectro-packs/archive/{name}
        </code>
        . Download the .tar.gz above, then run these commands in its folder.
      </p>
      <RegistryTargetFields value={target} onChange={setTarget} />
      <CommandBlock
        label="ORAS commands"
        command={command}
        copyLabel="Copy the commands"
      />
      <OrasNote />
    </div>
  );
}

/** Why the ORAS version matters, and why a synced tag is never overwritten. */
export function OrasNote() {
  return (
    <p className="pack-note">
      Palette&apos;s docs pin ORAS 1.0.0: newer versions write a manifest
      Palette does not accept unless told <code>--image-spec v1.0</code>. ORAS
      records the file name you type as the layer title, which Palette reads, so
      run it next to the file. Push a new version rather than overwriting a tag
      Palette has synced.
    </p>
  );
}
