import { TARGETS } from "../pack/targets";

// Plain data and text, no imports but the list of targets: `--help` of any command answers
// without loading the core. README.md's "Command line" says the same; keep the two in step.

/** Every option of the command line, as node:util's parseArgs takes them. */
export const OPTIONS = {
  json: { type: "boolean" },
  out: { type: "string", short: "o" },
  force: { type: "boolean" },
  target: { type: "string" },
  registry: { type: "string" },
  user: { type: "string" },
  password: { type: "string" },
  token: { type: "string" },
  list: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** The options' values, a string or `true` by each option's type. */
export type OptionValues = {
  [K in OptionName]?: (typeof OPTIONS)[K]["type"] extends "string"
    ? string
    : boolean;
};

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ["help", "version"];

const TARGET_NAMES = TARGETS.join("|");

const SRC = "a pack folder, .zip or .tar.gz";

const HELP_LINE = "  -h, --help         Show this help.";

/** What each command takes (besides GLOBAL_OPTIONS) and its `packsmith <command> --help`. */
export const COMMANDS = {
  validate: {
    options: ["json", "target"],
    help: `Usage: packsmith validate <src>… [--json]
         [--target ${TARGET_NAMES}]

Check each <src> (${SRC}) against every rule of the
pack format. Several are checked in parallel on every core, printed in
argument order, then a summary table.

Options:
  --json             One JSON object a line per source:
                     {source, pack, digest, findings, files}, or
                     {source, error: {kind, message}} when it cannot be read.
  --target <target>  Whose rules set the severities: oci (the default),
                     spectro-cli (requires a PNG logo) or pack-central
                     (a PNG logo, a README, an image list, an addonType).
${HELP_LINE}

Exit status:
  0  no source has errors
  1  a source has errors
  2  a source cannot be read, or the command line is wrong
`,
  },
  pack: {
    options: ["out", "force", "target"],
    help: `Usage: packsmith pack <src> --out <file.zip|file.tar.gz|file.tgz> [--force]

Write <src> (${SRC}) as Packsmith's deterministic
zip, with one top folder <name>-<version>/, or as the OCI-ready tarball; the
name given to --out picks which. A pack with errors is refused, and so is an
archive every reader would refuse (a file that deflates past their 100:1
ratio, say): the message names the file and the limit.

Options:
  -o, --out <file>   Where to write: a .zip, .tar.gz or .tgz file, written
                     whole or not at all.
  --force            Write the pack even though it has errors.
  --target <target>  Whose rules decide what is an error: oci (the default),
                     spectro-cli or pack-central.
${HELP_LINE}

Exit status:
  0  written
  1  the pack has errors (--force writes it), or its readers would refuse
     the archive; nothing was written
  2  the source cannot be read, the file cannot be written, or the command
     line is wrong
`,
  },
  inspect: {
    options: ["json", "target"],
    help: `Usage: packsmith inspect <src> [--json]

Print what <src> (${SRC}) holds: its name, version,
layer and clouds, every file with its size and SHA-256, the content digest,
the charts inside and how many findings validate reports.

Options:
  --json             The same as one JSON object:
                     {pack, digest, size, files, charts, findings}.
  --target <target>  Whose rules the count of findings follows: oci (the
                     default), spectro-cli or pack-central.
${HELP_LINE}

Exit status:
  0  printed, whatever the findings (validate judges them)
  2  the source cannot be read, or the command line is wrong
`,
  },
  push: {
    options: [
      "registry",
      "user",
      "password",
      "token",
      "force",
      "json",
      "target",
    ],
    help: `Usage: packsmith push <src> --registry <url>
         [--user <u> --password <p> | --token <t>] [--force] [--json]

Upload <src> (${SRC}) to a Packsmith server, then print
the warnings it went up with and its page, <server>/packs/<name>/<version>.
A pack with errors, or whose zip every reader would refuse, is refused
before anything is sent.

Options:
  --registry <url>   The server, http(s)://host:port; else PACKSMITH_REGISTRY.
  --user <u>         Sign in as <u>; else PACKSMITH_USERNAME.
  --password <p>     Its password; else PACKSMITH_PASSWORD.
  --token <t>        Sign in with a token instead; else PACKSMITH_TOKEN.
  --force            Replace a version published with other content.
  --json             Print {name, version, digest, url, warnings, status},
                     status "created" or "identical".
  --target <target>  Whose rules decide what is an error: oci (the default),
                     spectro-cli or pack-central.
${HELP_LINE}

Exit status:
  0  published, or already published with the same content
  1  the pack has errors or a zip its readers would refuse, the server
     refused it (another content under that version: --force replaces it),
     or the server cannot be reached
  2  the source cannot be read, there is no registry, or the command line is
     wrong
`,
  },
  init: {
    options: ["list", "json"],
    help: `Usage: packsmith init <template> <folder>
       packsmith init --list [--json]

Write a template's pack (the six examples of the documentation's "Adding a
custom pack") into a new or empty folder, whole or not at all, and name what
it still needs before it can be pushed.

Options:
  --list             Print the templates: id, layer, title and description.
  --json             With --list: as JSON, [{id, title, layer, description}].
${HELP_LINE}

Exit status:
  0    written, or listed
  2    there is no such template, the folder is not empty or cannot be
       written, or the command line is wrong
  130  stopped by Ctrl-C (SIGINT) while writing, 143 by SIGTERM: nothing is
       left written
`,
  },
} as const satisfies Record<
  string,
  { options: readonly OptionName[]; help: string }
>;

/** Whether `s` names a command. */
export const isCommand = (s: string): s is keyof typeof COMMANDS =>
  Object.hasOwn(COMMANDS, s);

/** `packsmith --help`. */
export const USAGE = `Usage: packsmith <command> [options]

Commands (each <src> is ${SRC}):
  validate <src>… [--json] [--target ${TARGET_NAMES}]
      Check packs against Palette's rules; several sources are checked in
      parallel and end with a summary table. --json prints one JSON object a
      line.
      Exit 0 without errors, 1 with errors, 2 when an input cannot be read.
  pack <src> --out <file.zip|file.tar.gz|file.tgz> [--force]
      Write the pack as Packsmith's deterministic zip, or the OCI-ready tarball.
      Refuses a pack with errors unless --force.
  inspect <src> [--json]
      Summary, files with sizes and SHA-256, content digest and charts.
  push <src> --registry <url> [--force] [--json]
      Upload to a Packsmith registry; prints the warnings it went up with and
      the pack's page. Credentials: --user/--password or --token, or
      PACKSMITH_USERNAME/PACKSMITH_PASSWORD or PACKSMITH_TOKEN; the registry
      also from PACKSMITH_REGISTRY.
  init <template> <folder>
      Write a template's pack (the documentation's examples) into a new or
      empty folder.
  init --list [--json]
      The templates: id, layer, title and description.

Options:
  -h, --help     Show this help; packsmith <command> --help shows a command's
                 options and exit status.
  --version      Show the version.
`;
