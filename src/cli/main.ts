import { isTarget, TARGETS } from "../pack/targets";
import { COMMANDS, isCommand, USAGE } from "./commands";
import { stdio, type Io } from "./io";
import { parseCommandLine } from "./parse-command-line";

// This module loads nothing but the command table and its parser (node:util), io (node:os) and the
// core's list of targets (a module without imports): `--version` and `--help`, of any command,
// answer before the core (zod, yaml, fflate) is loaded. Each command is imported when it runs.

/** Run the command line; returns the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const { command, args: srcs, values: opts, problem } = parseCommandLine(argv);
  if (command !== undefined && !isCommand(command)) {
    io.err(
      `packsmith: unknown command \`${command}\`; the commands are ${Object.keys(COMMANDS).join(", ")} (packsmith --help)\n`,
    );
    return 2;
  }
  if (opts.help) {
    io.out(command === undefined ? USAGE : COMMANDS[command].help);
    return 0;
  }
  if (problem !== null) {
    io.err(
      `packsmith${command === undefined ? "" : ` ${command}`}: ${problem}\n`,
    );
    return 2;
  }
  if (opts.version) {
    io.out(`${await version()}\n`);
    return 0;
  }
  if (command === undefined) {
    io.err(USAGE);
    return 2;
  }
  // An empty word is most often a variable that was not set: say so, rather than "cannot read ".
  if (srcs.includes("")) {
    io.err(
      `packsmith ${command}: an argument is the empty string; is a variable unset?\n`,
    );
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
    io.err(
      `packsmith ${command}: --target must be one of ${TARGETS.join(", ")}, not ${target}\n`,
    );
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
  // pack leaves its own output out of the folder it reads: that file is about to be replaced.
  const source = await readSource(
    src,
    command === "pack" ? { skip: opts.out } : {},
  );
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
      return packCommand(
        source.value,
        report,
        opts.out,
        opts.force === true,
        io,
      );
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
