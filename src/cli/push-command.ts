import { hasErrors } from "../pack/finding";
import type { PackFiles } from "../pack/pack-files";
import type { ValidationReport } from "../pack/validate";
import { findingLines } from "./format";
import type { Io } from "./io";
import { pushPack } from "./push";

export interface PushFlags {
  registry?: string;
  user?: string;
  password?: string;
  token?: string;
  force?: boolean;
  json?: boolean;
}

/**
 * The pack's page in the app on `registry`: the same path as the app's `paths.pack`
 * (src/config/paths.ts; the command line imports only the core, so it is written out here).
 * The API is reached at the registry's origin (see pushPack), and so is the app.
 */
export function packPageUrl(
  registry: string,
  name: string,
  version: string,
): string {
  return `${new URL(registry).origin}/packs/${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
}

/**
 * `packsmith push <src> --registry <url>`: upload, then print the warnings the pack went up with
 * and its page's URL (`--json`: one object `{name, version, digest, url, warnings, status}`).
 */
export async function pushCommand(
  files: PackFiles,
  report: ValidationReport,
  opts: PushFlags,
  clientVersion: string,
  io: Io,
): Promise<number> {
  const env = process.env;
  const registry = opts.registry ?? env.PACKSMITH_REGISTRY;
  if (
    !registry ||
    !/^https?:\/\/[^/]/.test(registry) ||
    !URL.canParse(registry)
  ) {
    io.err(
      "packsmith push: give --registry http(s)://host:port (or set PACKSMITH_REGISTRY)\n",
    );
    return 2;
  }
  if (hasErrors(report.findings) || report.packStatus !== "valid") {
    io.err(
      `${findingLines(report.findings, "error")}packsmith push: the pack has errors; the registry would refuse it\n`,
    );
    return 1;
  }
  const p = report.pack;
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
    clientVersion,
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
  if (lastShown >= 0) io.err("\n"); // ends the progress line
  switch (outcome.kind) {
    case "created":
    case "identical": {
      // The registry stores the version with the warnings this same validation found.
      const warnings = report.findings.filter((f) => f.severity === "warning");
      const url = packPageUrl(registry, p.name, p.version);
      if (opts.json) {
        io.out(
          `${JSON.stringify({ name: p.name, version: p.version, digest: outcome.digest, url, warnings, status: outcome.kind })}\n`,
        );
        return 0;
      }
      io.out(
        outcome.kind === "created"
          ? `published ${label} (${outcome.digest})`
          : `${label} is already published with the same content (${outcome.digest})`,
      );
      io.out(
        warnings.length
          ? ` with ${warnings.length} warning${warnings.length === 1 ? "" : "s"}:\n${findingLines(warnings)}`
          : ", no warnings\n",
      );
      io.out(`${url}\n`);
      return 0;
    }
    case "conflict":
      io.err(
        `packsmith push: ${label} already exists with other content\n  stored: ${outcome.stored}\n  yours:  ${outcome.local}\npublish a new version, or pass --force to replace it\n`,
      );
      return 1;
    case "error":
      io.err(`packsmith push: ${outcome.message}\n`);
      return 1;
    case "not-written":
      io.err(`packsmith push: ${label} not sent: ${outcome.refusal.message}\n`);
      return 1;
    default:
      io.err(
        `${findingLines(outcome.findings, "error")}packsmith push: the registry refused the pack (${outcome.status} ${outcome.code}): ${outcome.message}${outcome.status === 401 ? "\nsign in with --user and --password (or --token)" : ""}\n`,
      );
      return 1;
  }
}
