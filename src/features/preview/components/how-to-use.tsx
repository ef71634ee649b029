import { useId, useState } from "react";

import { CommandBlock } from "@/components/pack/command-block";
import { OrasNote } from "@/components/pack/oras-panel";
import { SpectroPush } from "@/components/pack/spectro-panel";
import { CopyButton } from "@/components/ui/copy-button";
import {
  EMPTY_TARGET,
  RegistryTargetFields,
  type RegistryTarget,
} from "@/components/pack/registry-target-fields";
import {
  orasCommands,
  orasPullCommand,
  packReference,
} from "@/pack/oras-command";

import { useServerHealth } from "../api/get-server-health";
import { StorageNote } from "./storage-note";

/**
 * How a pack reaches Palette, each step with a copy button: push the OCI .tar.gz with ORAS,
 * where Palette looks for it (pack-format §G.1), pull it back, or push the unzipped .zip with the
 * Spectro CLI to a Spectro registry (§F.2). One set of fields feeds every command.
 */
export function HowToUse({ name, version }: { name: string; version: string }) {
  const id = useId();
  const health = useServerHealth();
  // What the reviewer typed wins; until then, the registry this server publishes (if any).
  const [edited, setTarget] = useState<RegistryTarget | null>(null);
  const target: RegistryTarget =
    edited ??
    (health.registry
      ? {
          ...EMPTY_TARGET,
          registry: health.registry.host,
          basePath: health.registry.basePath,
        }
      : EMPTY_TARGET);
  const opts = { ...target, name, version };
  const reference = packReference(opts);
  const base = target.basePath.trim().replace(/^\/+|\/+$/g, "");
  const registry = reference.slice(0, reference.indexOf("/"));
  const repository = reference.slice(
    reference.indexOf("/") + 1,
    reference.lastIndexOf(":"),
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="how-to-use">
      <h2 id={`${id}-heading`}>How to use it</h2>
      <p>
        Palette installs packs from a registry it syncs. Say which one, then
        copy the commands.
      </p>
      <RegistryTargetFields value={target} onChange={setTarget} />

      <h3>Push the OCI .tar.gz</h3>
      <CommandBlock
        label="ORAS push commands"
        command={orasCommands(opts)}
        copyLabel="Copy the push commands"
      />
      <OrasNote />

      <h3>Where Palette looks for it</h3>
      <dl className="facts">
        <div className="facts__row">
          <dt>Registry</dt>
          <dd>
            {/* Each value alone, as Palette's registry form asks for it. */}
            <code>{registry}</code>{" "}
            <CopyButton text={registry} label="Copy the registry" />
          </dd>
        </div>
        <div className="facts__row">
          <dt>Base content path</dt>
          <dd>
            {base ? (
              <>
                <code>{base}</code>{" "}
                <CopyButton text={base} label="Copy the base content path" />
              </>
            ) : (
              "(none)"
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Repository</dt>
          <dd>
            <code>{repository}</code>
          </dd>
        </div>
        <div className="facts__row">
          <dt>Tag</dt>
          <dd>
            <code>{version}</code>
          </dd>
        </div>
      </dl>
      <CommandBlock
        label="Pack reference"
        command={reference}
        copyLabel="Copy the reference"
      />
      <StorageNote health={health} />

      <h3>Pull it back</h3>
      <CommandBlock
        label="ORAS pull command"
        command={orasPullCommand(opts)}
        copyLabel="Copy the pull command"
      />

      <h3>With the Spectro CLI</h3>
      <p>
        For a Spectro registry (the older pack registry, not OCI): unzip the
        .zip download, which holds one folder{" "}
        <code>{`${name}-${version}/`}</code>, and push that folder.
      </p>
      <SpectroPush name={name} version={version} serverLabel="Spectro server" />
    </section>
  );
}
