import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readChart } from "../../src/pack/chart";
import { fixtureRows, loadFixture } from "../helpers/fixtures";

const tmp = mkdtempSync(join(tmpdir(), "packsmith-chart-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("readChart on real charts", () => {
  it("reads every fixture chart exactly as the system tar unpacks it", async () => {
    let n = 0;
    for (const row of fixtureRows()) {
      const files = await loadFixture(row.dir);
      for (const [path, bytes] of files) {
        if (!path.endsWith(".tgz")) continue;
        const r = readChart(bytes, { name: path });
        if (!r.ok) throw new Error(`${row.dir} ${path}: ${r.error.message}`);
        const out = join(tmp, String(n++));
        mkdirSync(out);
        writeFileSync(join(out, "c.tgz"), bytes);
        execFileSync("tar", ["xzf", "c.tgz"], { cwd: out });
        const top = readdirSync(out).filter((d) => d !== "c.tgz");
        const dir =
          top.length === 1 && !existsSync(join(out, "Chart.yaml"))
            ? join(out, top[0]!)
            : out;
        const meta = parse(readFileSync(join(dir, "Chart.yaml"), "utf8")) as {
          name: string;
          version: string;
          appVersion?: string;
        };
        expect(r.value.name, path).toBe(meta.name);
        expect(r.value.version, path).toBe(String(meta.version));
        const values = join(dir, "values.yaml");
        expect(r.value.valuesText, path).toBe(
          existsSync(values) ? readFileSync(values, "utf8") : "",
        );
        const templates = existsSync(join(dir, "templates"))
          ? readdirSync(join(dir, "templates"), { recursive: true }).length
          : 0;
        expect(r.value.templates.length, path).toBeLessThanOrEqual(templates);
        if (templates > 0)
          expect(r.value.templates.length, path).toBeGreaterThan(0);
      }
    }
    expect(n).toBe(30); // every chart .tgz in the 39 fixtures
  });

  it("refuses a file that is not a chart archive, naming it and saying what it is", async () => {
    const files = await loadFixture("tutorials/hello-universe-pack");
    for (const [bytes, message] of [
      [
        files.get("logo.png")!,
        "`charts/fake.tgz` is not a Helm chart: it is a PNG image",
      ],
      [
        files.get("README.md")!,
        "`charts/fake.tgz` is not a Helm chart: its bytes are not a gzip archive",
      ],
    ] as const) {
      const r = readChart(bytes, { name: "charts/fake.tgz" });
      expect(r.ok ? null : r.error).toEqual({ kind: "not-a-chart", message });
    }
  });
});
