import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSource } from "../../src/cli/read-source";
import type { PackFiles } from "../../src/pack/pack-files";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface FixtureRow {
  /** Path under test/fixtures, e.g. `pack-central/argocd-3.26.7`. */
  dir: string;
  name: string;
  version: string;
  layer: string;
  negative: boolean;
  why: string;
}

/** The fixture table of INDEX.md: every real pack with its expected verdict. */
export function fixtureRows(): FixtureRow[] {
  const index = readFileSync(join(FIXTURES, "INDEX.md"), "utf8");
  const rows: FixtureRow[] = [];
  for (const line of index.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    // | # | path | layer | addonType | cloudTypes | name @ version | files | size | source | why |
    if (cells.length < 11 || !/^\d+$/.test(cells[1] ?? "")) continue;
    const dir = (cells[2] ?? "").replace(/`/g, "");
    const nv = /`(.+)` @ `(.+)`/.exec(cells[6] ?? "");
    const why = cells[10] ?? "";
    rows.push({
      dir,
      layer: cells[3] ?? "",
      name: nv?.[1] ?? "",
      version: nv?.[2] ?? "",
      negative: /^NEGATIVE:/.test(why),
      why,
    });
  }
  return rows;
}

export async function loadFixture(dir: string): Promise<PackFiles> {
  const r = await readSource(join(FIXTURES, dir));
  if (!r.ok) throw new Error(`fixture ${dir} did not read: ${r.error.message}`);
  return r.value.files;
}

export function fixtureDirsOnDisk(): string[] {
  return ["pack-central", "tutorials"].flatMap((g) =>
    readdirSync(join(FIXTURES, g)).map((d) => `${g}/${d}`),
  );
}

/** Every chart archive shipped by a pack-central fixture pack: [pack folder, path in the pack]. */
export function fixtureChartArchives(): (readonly [string, string])[] {
  const central = join(FIXTURES, "pack-central");
  return readdirSync(central).flatMap((dir) => {
    let names: string[] = [];
    try {
      names = readdirSync(join(central, dir, "charts"));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith(".tgz"))
      .map((n) => [dir, `charts/${n}`] as const);
  });
}

/** One file of a pack-central fixture pack; throws when the pack has no such file. */
export async function fixtureFileBytes(
  dir: string,
  file: string,
): Promise<Uint8Array> {
  const bytes = (await loadFixture(`pack-central/${dir}`)).get(file);
  if (!bytes) throw new Error(`${dir} has no ${file}`);
  return bytes;
}
