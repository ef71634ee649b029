import { useId, useState } from "react";

import { Field } from "@/components/ui/field";
import { TextInput } from "@/components/ui/text-input";
import {
  spectroForcePushCommand,
  spectroPushCommands,
} from "@/pack/spectro-command";

import { CommandBlock } from "./command-block";

/**
 * The Spectro registry server field and, from what is typed there, the documentation's push
 * commands with a copy button (pack-format §F.2); with `force`, also its `-f` form, which
 * replaces a version the registry has. Shared by the Publish step and How to use it.
 */
export function SpectroPush({
  name,
  version,
  serverLabel,
  force = false,
}: {
  name: string;
  version: string;
  /** The server field's label (each page names it in its own words). */
  serverLabel: string;
  force?: boolean;
}) {
  const id = useId();
  const [server, setServer] = useState("");
  const opts = { server, name, version };
  return (
    <>
      <Field
        id={`${id}-server`}
        label={serverLabel}
        hint="The pack registry's host and port, without https:// (a scheme breaks the login)"
      >
        <TextInput
          id={`${id}-server`}
          aria-describedby={`${id}-server-hint`}
          value={server}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setServer(e.target.value)}
        />
      </Field>
      <CommandBlock
        label="Spectro CLI commands"
        command={spectroPushCommands(opts)}
        copyLabel="Copy the Spectro commands"
      />
      {force && (
        <>
          <p>
            To replace {name} {version} where the registry already has it (the
            documentation&apos;s <code>-f</code> form; the CLI asks for a
            message with it):
          </p>
          <CommandBlock
            label="Spectro CLI command that replaces the version"
            command={spectroForcePushCommand(opts)}
            copyLabel="Copy the replacing command"
          />
        </>
      )}
    </>
  );
}

/**
 * The documentation's way to a Spectro registry (pack-format §F.2), each with a copy button:
 * unzip the .zip download (one folder `<name>-<version>/`), log in, `spectro pack push <folder>
 * --registry-server <server>`; and its `-f` form, which replaces a version the registry has.
 */
export function SpectroPanel({
  name,
  version,
}: {
  name: string;
  version: string;
}) {
  return (
    <div className="spectro-panel">
      <p>
        For a Spectro registry (the older pack registry, not OCI): download the
        .zip above, which holds one folder <code>{`${name}-${version}/`}</code>,
        and push that folder with the Spectro CLI.
      </p>
      <SpectroPush
        name={name}
        version={version}
        serverLabel="Spectro registry server"
        force
      />
    </div>
  );
}
