/**
 * Hostile inputs (security.md A21–A25, B38–B43, B41 README) against their time targets. The security tests
 * once asserted these as wall-clock bounds, which failed on a loaded machine; they now assert
 * counts and CPU growth (test/security/cpu-growth.ts), and the times live here, each row saying
 * PASS or FAIL against the bound the test had.
 */
import { Budget, DEFAULT_LIMITS } from "../../../src/pack/limits";
import { readPackArchive } from "../../../src/pack/read-archive";
import { validatePack } from "../../../src/pack/validate";
import { parseYamlLimited } from "../../../src/pack/yaml-text";
import { renderMarkdown, renderReadme } from "../../../src/pack/readme";
import { MiB, utf8 } from "../../../test/gen/bytes";
import { LOW_RATIO_MIB, tarGzBomb, zipBomb } from "../../../test/gen/bombs";
import {
  goodPackFiles,
  manifestPackFiles,
  type Files,
} from "../../../test/gen/pack";
import { buildZip } from "../../../test/gen/zip";
import {
  billionLaughs,
  deepFlow,
  manyDocuments,
  manyKeys,
} from "../../../test/gen/yaml";
import type { BenchContext } from "./context";
import { measure, msVerdict, row, type Row } from "./measure";

interface HostileCase {
  name: string;
  /** The bound the security test used to assert, in ms. */
  targetMs: number;
  /** Builds the input (not timed) and returns the call to time. */
  prepare: () => () => unknown;
  /** What the call gave: the refusal or the findings, for the notes. */
  outcome: (result: unknown) => string;
}

const readArchive = (bytes: Uint8Array, name: string) => () =>
  readPackArchive(bytes, {
    name,
    budget: new Budget(DEFAULT_LIMITS.maxTotalBytes),
  });

const refusal = (r: unknown): string => {
  const x = r as ReturnType<typeof readPackArchive>;
  return x.ok ? "ACCEPTED (expected a refusal)" : `refused: ${x.error.kind}`;
};

const yamlCodes = (r: unknown): string => {
  const codes = (r as ReturnType<typeof parseYamlLimited>).findings.map(
    (f) => f.code,
  );
  return codes.length ? codes.join(", ") : "parsed, no findings";
};

const validateCodes = (r: unknown): string => {
  const codes = new Set(
    (r as ReturnType<typeof validatePack>).findings
      .filter((f) => f.severity === "error")
      .map((f) => f.code),
  );
  return codes.size ? [...codes].join(", ") : "no errors";
};

function packWith(path: string, bytes: Uint8Array): Files {
  const files = goodPackFiles();
  files.set(path, bytes);
  return files;
}

const parse =
  (text: string, multi = false): (() => unknown) =>
  () =>
    parseYamlLimited(text, "values.yaml", { multi });

const validate =
  (files: Files): (() => unknown) =>
  () =>
    validatePack(files);

const CASES: HostileCase[] = [
  {
    name: "A21 512 MiB zip bomb",
    targetMs: 1000,
    prepare: () =>
      readArchive(zipBomb([{ name: "bomb.bin", mib: 512 }]), "bomb.zip"),
    outcome: refusal,
  },
  {
    name: "A21 512 MiB zip bomb declaring 1 MiB",
    targetMs: 5000,
    prepare: () =>
      readArchive(
        zipBomb([{ name: "bomb.bin", mib: 512, declaredSize: MiB }]),
        "bomb.zip",
      ),
    outcome: refusal,
  },
  {
    name: "A22 512 MiB tar.gz bomb",
    targetMs: 5000,
    prepare: () => readArchive(tarGzBomb(512), "bomb.tar.gz"),
    outcome: refusal,
  },
  {
    name: "A22 300 MiB tar.gz at 80:1 (to the budget)",
    targetMs: 10_000,
    prepare: () =>
      readArchive(tarGzBomb(300, { block: LOW_RATIO_MIB }), "slow.tar.gz"),
    outcome: refusal,
  },
  {
    name: "A23 zip of 100,000 empty entries",
    targetMs: 1000,
    prepare: () =>
      readArchive(
        buildZip(
          Array.from({ length: 100_000 }, (_, i) => ({ name: `e/${i}.txt` })),
        ),
        "many.zip",
      ),
    outcome: refusal,
  },
  {
    name: "A25 entry declaring 4 GiB, holding 5 B",
    targetMs: 200,
    prepare: () =>
      readArchive(
        buildZip([
          ...[...goodPackFiles()].map(([name, data]) => ({ name, data })),
          {
            name: "huge.bin",
            data: utf8("hello"),
            method: 8,
            size: 0xffffffff,
          },
        ]),
        "huge.zip",
      ),
    outcome: refusal,
  },
  {
    name: "B38 parse billion laughs",
    targetMs: 1000,
    prepare: () => parse(billionLaughs()),
    outcome: yamlCodes,
  },
  {
    name: "B38 validate billion-laughs values.yaml",
    targetMs: 2000,
    prepare: () => validate(packWith("values.yaml", utf8(billionLaughs()))),
    outcome: validateCodes,
  },
  {
    name: "B40 parse one 5 MB line",
    targetMs: 3000,
    prepare: () => parse(`key: ${"x".repeat(5_000_000)}\n`),
    outcome: yamlCodes,
  },
  {
    name: "B40 parse one 1.9 MB quoted line",
    targetMs: 1000,
    prepare: () => parse(`key: "${"x".repeat(1_900_000)}"\n`),
    outcome: yamlCodes,
  },
  {
    // No test had this bound: yaml builds a double-quoted scalar a character at a time, which
    // grows faster than linear; the row shows where a 5 MB quoted line (under the limit) stands.
    name: "B40 parse one 5 MB quoted line",
    targetMs: 3000,
    prepare: () => parse(`key: "${"x".repeat(5_000_000)}"\n`),
    outcome: yamlCodes,
  },
  {
    name: "B40 refuse one 6 MiB line",
    targetMs: 500,
    prepare: () => parse(`key: ${"x".repeat(6 * MiB)}\n`),
    outcome: yamlCodes,
  },
  {
    name: "B40 validate 50 MiB values.yaml",
    targetMs: 3000,
    prepare: () => {
      const line = "key: value-value-value-value-value-value-value-value\n";
      return validate(
        packWith(
          "values.yaml",
          utf8(line.repeat(Math.ceil((50 * MiB) / line.length))),
        ),
      );
    },
    outcome: validateCodes,
  },
  {
    name: "B40 parse 20,000 keys",
    targetMs: 1000,
    prepare: () => parse(manyKeys(20_000)),
    outcome: yamlCodes,
  },
  {
    name: "B40 validate values.yaml of 20,000 keys",
    targetMs: 1000,
    prepare: () => validate(packWith("values.yaml", utf8(manyKeys(20_000)))),
    outcome: validateCodes,
  },
  {
    name: "B43 parse 10,000 documents",
    targetMs: 2000,
    prepare: () => parse(manyDocuments(10_000), true),
    outcome: yamlCodes,
  },
  {
    name: "B43 parse 500,000 empty documents",
    targetMs: 2000,
    prepare: () => parse(manyDocuments(500_000, true), true),
    outcome: yamlCodes,
  },
  {
    name: "B43 validate manifest of 10,000 documents",
    targetMs: 2000,
    prepare: () => validate(manifestPackFiles(manyDocuments(10_000))),
    outcome: validateCodes,
  },
  {
    name: "B43 validate manifest of 500,000 empty documents",
    targetMs: 2000,
    prepare: () => validate(manifestPackFiles(manyDocuments(500_000, true))),
    outcome: validateCodes,
  },
  {
    name: "B43 validate manifest of 300,000 `--- 1`",
    targetMs: 2000,
    prepare: () => validate(manifestPackFiles("--- 1\n".repeat(300_000))),
    outcome: validateCodes,
  },
  {
    name: "B43 parse 100,000 nested flow sequences",
    targetMs: 2000,
    prepare: () => parse(deepFlow(100_000)),
    outcome: yamlCodes,
  },
  {
    name: "B43 validate manifest of 100,000 nested flows",
    targetMs: 2000,
    prepare: () => validate(manifestPackFiles(deepFlow(100_000))),
    outcome: validateCodes,
  },
  {
    name: "B41 render 5 MB README, pathological nesting",
    targetMs: 5000,
    prepare: () => {
      const md = `${"> ".repeat(5000)}x\n${"[".repeat(1_000_000)}\n${"*a ".repeat(1_300_000)}`;
      return () => renderReadme(md);
    },
    outcome: (html) => `${(html as string).length} chars of HTML`,
  },
  {
    name: "B41 renderMarkdown, nesting + raw HTML",
    targetMs: 5000,
    prepare: () => {
      const md = `${"<div>".repeat(100_000)}\n${"> ".repeat(5000)}x\n${"[".repeat(1_000_000)}\n${"*a ".repeat(1_000_000)}`;
      return () => renderMarkdown(md, { headingOffset: 2 });
    },
    outcome: () => "rendered",
  },
];

/** One row per hostile input: median of `runs`, its target, PASS or FAIL, and what the call gave. */
export async function hostileRows(
  ctx: BenchContext,
  runs: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  let failed = 0;
  for (const c of CASES) {
    ctx.log(`${c.name}…`);
    const call = c.prepare();
    const m = await measure(call, { runs });
    const pass = m.ms <= c.targetMs;
    if (!pass) failed++;
    rows.push(
      row(c.name, m, {
        notes: `${msVerdict(m.ms, c.targetMs)}; ${c.outcome(m.result)}`,
      }),
    );
  }
  ctx.note(
    `hostile inputs (security.md A21–A25, B38–B43, B41 README): ${CASES.length - failed} of ${CASES.length} within the bounds their tests once asserted as wall time${failed ? ` (${failed} FAIL)` : ""}`,
  );
  return rows;
}
