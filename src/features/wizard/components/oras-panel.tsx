import { useId, useState } from "react";

import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/text-input";
import { orasCommands } from "@/pack/oras-command";

/** The ORAS commands that push the OCI .tar.gz to a Palette OCI registry (pack-format §G). */
export function OrasPanel({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  const id = useId();
  const [registry, setRegistry] = useState("");
  const [basePath, setBasePath] = useState("");
  const [newOras, setNewOras] = useState(false);
  const command = orasCommands({ registry, basePath, name, version, newOras });
  return (
    <>
      <p>
        Palette syncs packs from an OCI registry at{" "}
        <code>
          &lt;registry&gt;/&lt;base path&gt;/spectro-packs/archive/{name}
        </code>
        . Download the .tar.gz above, then run these commands in its folder.
      </p>
      <div className="oras-panel__inputs">
        <Field
          id={`${id}-registry`}
          label="Registry"
          hint="Host name, e.g. harbor.example.com"
        >
          <TextInput
            id={`${id}-registry`}
            aria-describedby={`${id}-registry-hint`}
            value={registry}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setRegistry(e.target.value)}
          />
        </Field>
        <Field
          id={`${id}-base`}
          label="Base content path"
          required={false}
          hint="The Harbor project or ECR prefix set in Palette"
        >
          <TextInput
            id={`${id}-base`}
            aria-describedby={`${id}-base-hint`}
            value={basePath}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setBasePath(e.target.value)}
          />
        </Field>
      </div>
      <p className="oras-panel__check">
        <input
          id={`${id}-new`}
          type="checkbox"
          checked={newOras}
          onChange={(e) => setNewOras(e.target.checked)}
        />
        <label htmlFor={`${id}-new`}>
          I use ORAS 1.1 or newer (adds --image-spec v1.0)
        </label>
      </p>
      <pre className="oras-panel__command" aria-label="ORAS commands">
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label="Copy the commands" />
      <p className="muted">
        Palette&apos;s docs pin ORAS 1.0.0: newer versions write a manifest
        Palette does not accept unless told
        <code> --image-spec v1.0</code>. Push a new version rather than
        overwriting a tag Palette has synced.
      </p>
    </>
  );
}
