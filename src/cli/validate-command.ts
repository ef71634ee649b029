import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { hasErrors } from "../pack/finding";
import type { Target } from "../pack/validate";
import { checkSource, type SourceCheck } from "./check-source";
import { countFindings } from "../pack/finding";
import { findingLines, summaryLine } from "./format";
import type { Io } from "./io";
import type { ValidateTask } from "./validate-task";

/**
 * `packsmith validate <src>…`: every source checked, printed in argument order as soon as it and
 * the ones before it are done. Exit 2 when any source is unreadable, else 1 when any has errors,
 * else 0.
 *
 * `--json`: one JSON object a line, `{source, pack, digest, findings, files}` or
 * `{source, error}`. Text: each source's findings and summary line; with several sources a
 * header per source and a closing table.
 */
export async function validateCommand(
  sources: readonly string[],
  o: { target: Target; json: boolean },
  io: Io,
): Promise<number> {
  const opts = { target: o.target, digests: o.json };
  const checks = runChecks(sources, opts);
  const many = sources.length > 1;
  const done: SourceCheck[] = [];
  try {
    for (const pending of checks.results) {
      const c = await pending;
      done.push(c);
      printCheck(c, o.json, many, io);
    }
  } finally {
    await checks.close();
  }
  if (many && !o.json) io.out(summaryTable(done));
  if (done.some((c) => !c.ok)) return 2;
  return done.some((c) => c.ok && hasErrors(c.findings)) ? 1 : 0;
}

/**
 * Start every check at once: in worker threads when there is more than one source and the
 * compiled task file is present (the bundle), else one after another in this thread (one source,
 * or the TypeScript run through tsx, whose workers could not load TypeScript).
 */
function runChecks(
  sources: readonly string[],
  opts: { target: Target; digests: boolean },
): { results: Promise<SourceCheck>[]; close: () => Promise<void> } {
  const task = new URL("./validate-task.mjs", import.meta.url);
  if (sources.length < 2 || !existsSync(fileURLToPath(task))) {
    // Lazily, in order: each check starts when the previous one is printed.
    let chain: Promise<unknown> = Promise.resolve();
    const results = sources.map((source) => {
      const r = chain.then(() => checkSource(source, opts));
      chain = r;
      return r;
    });
    return { results, close: () => Promise.resolve() };
  }
  const pool = import("piscina").then(
    ({ Piscina }) =>
      new Piscina<ValidateTask, SourceCheck>({
        filename: task.href,
        maxThreads: Math.min(sources.length, availableParallelism()),
        minThreads: Math.min(sources.length, availableParallelism()),
        // Reading one pack overlaps with checking another in the same thread.
        concurrentTasksPerWorker: 2,
      }),
  );
  const results = sources.map((source) =>
    pool.then((p) => p.run({ source, ...opts })),
  );
  // A rejected result is awaited by the printing loop; these copies only silence the ones it
  // never reaches when an earlier one threw.
  for (const r of results) r.catch(() => undefined);
  return { results, close: () => pool.then((p) => p.destroy()) };
}

function printCheck(
  c: SourceCheck,
  json: boolean,
  many: boolean,
  io: Io,
): void {
  if (!c.ok) {
    if (json)
      io.out(`${JSON.stringify({ source: c.source, error: c.error })}\n`);
    io.err(`packsmith: cannot read ${c.source}: ${c.error.message}\n`);
    return;
  }
  if (json) {
    const { source, pack, digest, findings, files } = c;
    io.out(`${JSON.stringify({ source, pack, digest, findings, files })}\n`);
    return;
  }
  if (many) io.out(`\n== ${c.source}\n`);
  io.out(`${findingLines(c.findings)}${summaryLine(c.pack, c.findings)}\n`);
}

/** The closing table of a run over several sources. */
export function summaryTable(checks: readonly SourceCheck[]): string {
  const rows = checks.map((c) => {
    if (!c.ok) return [c.source, "-", "-", "unreadable"];
    const n = countFindings(c.findings);
    return [
      c.source,
      String(n.error),
      String(n.warning),
      n.error ? "errors" : "ok",
    ];
  });
  const head = ["source", "errors", "warnings", "status"];
  const width = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => r[i]!.length)),
  );
  const line = (r: string[]): string =>
    r
      .map((cell, i) =>
        i === 1 || i === 2 ? cell.padStart(width[i]!) : cell.padEnd(width[i]!),
      )
      .join("  ")
      .trimEnd();
  const count = (s: string): number => rows.filter((r) => r[3] === s).length;
  return `\n${line(head)}\n${rows.map(line).join("\n")}\n${checks.length} sources: ${count("ok")} ok, ${count("errors")} with errors, ${count("unreadable")} unreadable\n`;
}
