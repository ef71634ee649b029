import { parseArgs } from "node:util";
import { isTarget, TARGETS } from "../pack/targets";
import { stdio, type Io } from "./io";

// This module loads nothing but node:util and the core's list of targets (a module without
// imports): `--version` and `--help` answer before the core (zod, yaml, fflate) is loaded. Each
// command is imported when it runs.

const USAGE = `Usage: packsmith <command> [options]

Commands:
  validate <folder|zip|tar.gz>… [--json] [--target oci|spectro-cli|pack-central]
      Check packs against Palette's rules; several sources are checked in
      parallel and end with a summary table. --json prints one JSON object a line.
      Exit 0 without errors, 1 with errors, 2 when an input cannot be read.
  pack <folder|zip|tar.gz> --out <file.zip|file.tar.gz> [--force]
      Write the pack as Packsmith's deterministic zip, or the OCI-ready tarball.
      Refuses a pack with errors unless --force.
  inspect <folder|zip|tar.gz> [--json]
      Summary, files with sizes and SHA-256, content digest and charts.
  push <folder|zip|tar.gz> --registry <url> [--force] [--json]
      Upload to a Packsmith registry; prints the warnings it went up with and the
      pack's page. Credentials: --user/--password or --token, or
      PACKSMITH_USERNAME/PACKSMITH_PASSWORD or PACKSMITH_TOKEN; the registry
      also from PACKSMITH_REGISTRY.
  init <template> <folder>
      Write a template's pack (the documentation's examples) into a new folder.
  init --list [--json]
      The templates: id, layer, title and description.

Options:
  -h, --help     Show this help.
  --version      Show the version.
`;

/** Run the command line; returns the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        out: { type: "string", short: "o" },
        force: { type: "boolean" },
        target: { type: "string" },
        registry: { type: "string" },
        user: { type: "string" },
        password: { type: "string" },
        token: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        list: { type: "boolean" },
      },
    });
  } catch (e) {
    io.err(
      `packsmith: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`,
    );
    return 2;
  }
  const { values: opts, positionals } = parsed;
  const [command, ...srcs] = positionals;
  if (opts.version) {
    io.out(`${await version()}\n`);
    return 0;
  }
  if (opts.help || !command) {
    (opts.help ? io.out : io.err)(USAGE);
    return opts.help ? 0 : 2;
  }
  if (!["validate", "pack", "inspect", "push", "init"].includes(command)) {
    io.err(`packsmith: unknown command \`${command}\`\n\n${USAGE}`);
    return 2;
  }
  if (command === "init") {
    const { initCommand } = await import("./init");
    return initCommand(
      srcs,
      { list: opts.list === true, json: opts.json === true },
      io,
    );
  }
  const target = opts.target ?? "oci";
  if (!isTarget(target)) {
    io.err(`packsmith: --target must be one of ${TARGETS.join(", ")}\n`);
    return 2;
  }
  const json = opts.json === true;
  if (command === "validate") {
    if (!srcs.length) {
      io.err(
        "packsmith validate: give one or more folders, .zip or .tar.gz files\n",
      );
      return 2;
    }
    const { validateCommand } = await import("./validate-command");
    return validateCommand(srcs, { target, json }, io);
  }
  const [src] = srcs;
  if (!src || srcs.length > 1) {
    io.err(`packsmith ${command}: give exactly one folder, .zip or .tar.gz\n`);
    return 2;
  }
  const [{ readSource }, { validatePack }] = await Promise.all([
    import("./read-source"),
    import("../pack/validate"),
  ]);
  const source = await readSource(src);
  if (!source.ok) {
    io.err(`packsmith: cannot read ${src}: ${source.error.message}\n`);
    return 2;
  }
  const files = source.value.files;
  const report = validatePack(files, { target });
  switch (command) {
    case "inspect": {
      const { inspectCommand } = await import("./inspect-command");
      return inspectCommand(files, report, json, io);
    }
    case "push": {
      const { pushCommand } = await import("./push-command");
      return pushCommand(files, report, opts, await version(), io);
    }
    default: {
      const { packCommand } = await import("./pack-command");
      return packCommand(files, report, opts.out, opts.force === true, src, io);
    }
  }
}

/**
 * The package's version, read from package.json two folders up: from src/cli/ and from
 * build/node/ alike.
 */
async function version(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(
    await readFile(new URL("../../package.json", import.meta.url), "utf8"),
  ) as { version: string };
  return pkg.version;
}
