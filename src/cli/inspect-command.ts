import { contentDigest, fileDigests } from "../pack/digest";
import type { PackFiles } from "../pack/pack-files";
import type { ValidationReport } from "../pack/validate";
import { countFindings } from "../pack/finding";
import { countsText } from "./format";
import type { Io } from "./io";

/** `packsmith inspect <src>`: summary, files with sizes and SHA-256, digest, charts. */
export async function inspectCommand(
  files: PackFiles,
  report: ValidationReport,
  json: boolean,
  io: Io,
): Promise<number> {
  const list = await fileDigests(files);
  const digest = await contentDigest(list);
  const p = report.pack;
  const counts = countFindings(report.findings);
  const summary = p
    ? {
        name: p.name,
        displayName: p.displayName,
        version: p.version,
        layer: p.layer,
        ...(p.addonType !== undefined ? { addonType: p.addonType } : {}),
        cloudTypes: Array.isArray(p.cloudTypes) ? p.cloudTypes : [],
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
  io.out(`findings: ${countsText(counts)}\n`);
  return 0;
}
