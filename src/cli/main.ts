import { writeFile, rename } from "node:fs/promises";
import { parseArgs } from "node:util";
import { contentDigest, fileDigests } from "../pack/digest";
import { hasErrors, type Finding } from "../pack/finding";
import type { PackFiles } from "../pack/pack-files";
import { writePackTarGz } from "../pack/tar-write";
import {
  validatePack,
  type Target,
  type ValidationReport,
} from "../pack/validate";
import { writePackZip } from "../pack/zip-write";
import { pushPack } from "./push";
import { readSource } from "./read-source";

const USAGE = `Usage: packsmith <command> [options]

Commands:
  validate <folder|zip|tar.gz> [--json] [--target oci|spectro-cli|pack-central]
      Check a pack against Palette's rules. Exit 0 without errors, 1 with errors,
      2 when the input cannot be read.
  pack <folder|zip|tar.gz> --out <file.zip|file.tar.gz> [--force]
      Write the pack as Packsmith's deterministic zip, or the OCI-ready tarball.
      Refuses a pack with errors unless --force.
  inspect <folder|zip|tar.gz> [--json]
      Summary, files with sizes and SHA-256, content digest and charts.
  push <folder|zip|tar.gz> --registry <url> [--force]
      Upload to a Packsmith registry. Credentials: --user/--password or --token,
      or PACKSMITH_USERNAME/PACKSMITH_PASSWORD or PACKSMITH_TOKEN; the registry
      also from PACKSMITH_REGISTRY.

Options:
  -h, --help     Show this help.
  --version      Show the version.
`;

const TARGETS: readonly Target[] = ["oci", "spectro-cli", "pack-central"];

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

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
      },
    });
  } catch (e) {
    io.err(
      `packsmith: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`,
    );
    return 2;
  }
  const { values: opts, positionals } = parsed;
  const [command, src, ...extra] = positionals;
  if (opts.version) {
    io.out(`${await version()}\n`);
    return 0;
  }
  if (opts.help || !command) {
    (opts.help ? io.out : io.err)(USAGE);
    return opts.help ? 0 : 2;
  }
  if (!["validate", "pack", "inspect", "push"].includes(command)) {
    io.err(`packsmith: unknown command \`${command}\`\n\n${USAGE}`);
    return 2;
  }
  if (!src || extra.length) {
    io.err(`packsmith ${command}: give exactly one folder, .zip or .tar.gz\n`);
    return 2;
  }
  const target = (opts.target ?? "oci") as Target;
  if (!TARGETS.includes(target)) {
    io.err(`packsmith: --target must be one of ${TARGETS.join(", ")}\n`);
    return 2;
  }
  const source = await readSource(src);
  if (!source.ok) {
    io.err(`packsmith: cannot read ${src}: ${source.error.message}\n`);
    return 2;
  }
  const files = source.value.files;
  const report = validatePack(files, { target });
  switch (command) {
    case "validate":
      return validateCommand(files, report, opts.json === true, io);
    case "inspect":
      return inspectCommand(files, report, opts.json === true, io);
    case "push":
      return pushCommand(files, report, opts, io);
    default:
      return packCommand(files, report, opts.out, opts.force === true, src, io);
  }
}

async function validateCommand(
  files: PackFiles,
  report: ValidationReport,
  json: boolean,
  io: Io,
): Promise<number> {
  const list = await fileDigests(files);
  if (json) {
    const p = report.pack;
    const pack =
      p && typeof p.name === "string"
        ? { name: p.name, version: p.version, layer: p.layer }
        : null;
    io.out(
      `${JSON.stringify({ pack, digest: await contentDigest(list), findings: report.findings, files: list }, null, 2)}\n`,
    );
  } else {
    for (const f of report.findings) io.out(`${formatFinding(f)}\n`);
    io.out(`${summaryLine(report)}\n`);
  }
  return hasErrors(report.findings) ? 1 : 0;
}

async function inspectCommand(
  files: PackFiles,
  report: ValidationReport,
  json: boolean,
  io: Io,
): Promise<number> {
  const list = await fileDigests(files);
  const digest = await contentDigest(list);
  const p = report.pack;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const summary = p
    ? {
        name: p.name,
        displayName: p.displayName,
        version: p.version,
        layer: p.layer,
        ...(p.addonType !== undefined ? { addonType: p.addonType } : {}),
        cloudTypes: p.cloudTypes ?? [],
      }
    : null;
  const size = list.reduce((n, f) => n + f.size, 0);
  if (json) {
    io.out(
      `${JSON.stringify({ pack: summary, digest, size, files: list, charts: report.charts, findings: counts }, null, 2)}\n`,
    );
    return 0;
  }
  if (summary) {
    io.out(
      `${summary.displayName} (${summary.name} ${summary.version}), layer ${summary.layer}${summary.addonType ? `, ${summary.addonType}` : ""}\n`,
    );
    io.out(`clouds: ${summary.cloudTypes.join(", ") || "(none)"}\n`);
  }
  io.out(`digest: ${digest}\n${list.length} files, ${size} bytes\n`);
  for (const f of list)
    io.out(
      `  ${String(f.size).padStart(10)}  ${f.sha256.slice(0, 12)}  ${f.path}\n`,
    );
  for (const c of report.charts)
    io.out(
      `chart ${c.path}: ${c.error ?? `${c.name} ${c.version}${c.appVersion ? ` (app ${c.appVersion})` : ""}`}\n`,
    );
  io.out(
    `findings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes\n`,
  );
  return 0;
}

async function packCommand(
  files: PackFiles,
  report: ValidationReport,
  out: string | undefined,
  force: boolean,
  src: string,
  io: Io,
): Promise<number> {
  if (!out || !/\.(zip|tar\.gz|tgz)$/.test(out)) {
    io.err("packsmith pack: give --out <file.zip> or --out <file.tar.gz>\n");
    return 2;
  }
  if (hasErrors(report.findings) && !force) {
    for (const f of report.findings.filter((x) => x.severity === "error"))
      io.err(`${formatFinding(f)}\n`);
    io.err(
      `packsmith pack: ${src} has errors; fix them or pass --force to write it anyway\n`,
    );
    return 1;
  }
  const p = report.pack;
  const top =
    p && typeof p.name === "string" && typeof p.version === "string"
      ? `${p.name}-${p.version}`
      : "pack";
  const bytes = out.endsWith(".zip")
    ? await writePackZip(files, top)
    : writePackTarGz(files, top);
  // Write beside the target and rename, so an interrupted run never leaves half an archive.
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, out);
  io.out(`wrote ${out} (${bytes.length} bytes, top folder ${top}/)\n`);
  return 0;
}

async function pushCommand(
  files: PackFiles,
  report: ValidationReport,
  opts: {
    registry?: string;
    user?: string;
    password?: string;
    token?: string;
    force?: boolean;
  },
  io: Io,
): Promise<number> {
  const env = process.env;
  const registry = opts.registry ?? env.PACKSMITH_REGISTRY;
  if (!registry || !/^https?:\/\//.test(registry)) {
    io.err(
      "packsmith push: give --registry http(s)://host:port (or set PACKSMITH_REGISTRY)\n",
    );
    return 2;
  }
  const errors = report.findings.filter((f) => f.severity === "error");
  const p = report.pack;
  if (errors.length || !p) {
    for (const f of errors) io.err(`${formatFinding(f)}\n`);
    io.err(
      "packsmith push: the pack has errors; the registry would refuse it\n",
    );
    return 1;
  }
  const token = opts.token ?? env.PACKSMITH_TOKEN;
  const username = opts.user ?? env.PACKSMITH_USERNAME;
  const password = opts.password ?? env.PACKSMITH_PASSWORD;
  const auth = token
    ? { token }
    : username && password !== undefined
      ? { username, password }
      : null;
  const label = `${p.name} ${p.version}`;
  let lastShown = -1;
  const outcome = await pushPack(files, {
    registry,
    name: p.name,
    version: p.version,
    force: opts.force === true,
    auth,
    clientVersion: await version(),
    onProgress: (sent, total) => {
      const pct = Math.floor((sent / total) * 100);
      if (pct === lastShown) return;
      lastShown = pct;
      io.err(
        `\ruploading ${label}: ${String(pct).padStart(3)}% (${(sent / 1e6).toFixed(1)}/${(total / 1e6).toFixed(1)} MB)`,
      );
    },
  }).catch((e: unknown) => ({
    kind: "error" as const,
    message: e instanceof Error ? e.message : String(e),
  }));
  io.err("\n");
  switch (outcome.kind) {
    case "created":
      io.out(`published ${label} (${outcome.digest})\n`);
      return 0;
    case "identical":
      io.out(
        `${label} is already published with the same content (${outcome.digest})\n`,
      );
      return 0;
    case "conflict":
      io.err(
        `packsmith push: ${label} already exists with other content\n  stored: ${outcome.stored}\n  yours:  ${outcome.local}\npublish a new version, or pass --force to replace it\n`,
      );
      return 1;
    case "error":
      io.err(`packsmith push: ${outcome.message}\n`);
      return 1;
    default:
      for (const f of outcome.findings.filter((x) => x.severity === "error"))
        io.err(`${formatFinding(f)}\n`);
      io.err(
        `packsmith push: the registry refused the pack (${outcome.status} ${outcome.code}): ${outcome.message}${outcome.status === 401 ? "\nsign in with --user and --password (or --token)" : ""}\n`,
      );
      return 1;
  }
}

const ICON = {
  error: "✖ error  ",
  warning: "⚠ warning",
  info: "ℹ info   ",
} as const;

export function formatFinding(f: Finding): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ""}` : "";
  return `${ICON[f.severity]} ${f.code.padEnd(24)} ${where ? `${where}  ` : ""}${f.message}`;
}

function summaryLine(r: ValidationReport): string {
  const n = (s: string): number =>
    r.findings.filter((f) => f.severity === s).length;
  const p = r.pack;
  const who =
    p && typeof p.name === "string"
      ? `${p.name} ${String(p.version)} (${String(p.layer)})`
      : "pack";
  return `${who}: ${n("error")} errors, ${n("warning")} warnings, ${n("info")} notes`;
}

async function version(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(
    await readFile(new URL("../../package.json", import.meta.url), "utf8"),
  ) as { version: string };
  return pkg.version;
}
