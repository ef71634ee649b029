import { useId, useState } from "react";

import { CopyButton } from "@/components/ui/copy-button";

import { orasPushCommand } from "@/pack/oras-command";

/**
 * The command that publishes the downloaded .tar.gz to a Palette OCI registry (pack-format §G):
 * the reference is built from the registry and base content path the reviewer types.
 */
export function OrasCommand({
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
  const command = orasPushCommand({
    registry,
    basePath,
    name,
    version,
    newOras,
  });

  return (
    <div className="oras">
      <h3>Push to a Palette OCI registry</h3>
      <div className="field">
        <label htmlFor={`${id}-registry`}>Registry</label>
        <input
          id={`${id}-registry`}
          value={registry}
          placeholder="harbor.example.com"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setRegistry(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-base`}>Base content path</label>
        <input
          id={`${id}-base`}
          value={basePath}
          placeholder="Harbor project or ECR prefix (optional)"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setBasePath(e.target.value)}
        />
      </div>
      <div className="field field--inline">
        <input
          id={`${id}-new`}
          type="checkbox"
          checked={newOras}
          onChange={(e) => setNewOras(e.target.checked)}
        />
        <label htmlFor={`${id}-new`}>I use ORAS 1.1 or newer</label>
      </div>
      <pre className="command">
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label="Copy command" />
      <p className="muted small">
        Run it next to <code>{`${name}-${version}.tar.gz`}</code>, the OCI
        download above, after <code>oras login</code>: ORAS records the file
        name you type as the layer title, which Palette reads. Palette's
        documentation pins ORAS 1.0.0; ORAS 1.1 and newer write a manifest
        Palette does not accept unless given <code>--image-spec v1.0</code>.
      </p>
    </div>
  );
}
