import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSource } from "../../src/cli/read-source";
import { readPackArchive } from "../../src/pack/read-archive";
import { writePackTarGz } from "../../src/pack/tar-write";
import { writePackZip } from "../../src/pack/zip-write";
import { fixtureRows, loadFixture } from "../helpers/fixtures";
import { expectSameFiles } from "../helpers/same-files";

const tmp = mkdtempSync(join(tmpdir(), "packsmith-rt-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(fixtureRows())("round trip $dir", ({ dir, name, version }) => {
  const top = `${name}-${version}`;

  it("read → zip → read gives the same bytes; the system unzip agrees", async () => {
    const files = await loadFixture(dir);
    const zip = await writePackZip(files, top);
    const back = readPackArchive(zip);
    if (!back.ok) throw new Error(back.error.message);
    expectSameFiles(back.value.files, files);
    const out = join(tmp, `${top}-zip`);
    mkdirSync(out);
    writeFileSync(join(out, "p.zip"), zip);
    execFileSync("unzip", ["-tq", "p.zip"], { cwd: out });
    execFileSync("unzip", ["-q", "p.zip", "-d", "x"], { cwd: out });
    const unzipped = await readSource(join(out, "x", top));
    if (!unzipped.ok) throw new Error(unzipped.error.message);
    expectSameFiles(unzipped.value.files, files);
  });

  it("read → tar.gz → read gives the same bytes; the system tar agrees", async () => {
    const files = await loadFixture(dir);
    const tgz = writePackTarGz(files, top);
    const back = readPackArchive(tgz);
    if (!back.ok) throw new Error(back.error.message);
    expectSameFiles(back.value.files, files);
    const out = join(tmp, `${top}-tgz`);
    mkdirSync(out);
    writeFileSync(join(out, "p.tar.gz"), tgz);
    const listing = execFileSync("tar", ["tzf", "p.tar.gz"], {
      cwd: out,
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    expect(
      listing.every((l) => l === `${top}/` || l.startsWith(`${top}/`)),
    ).toBe(true);
    execFileSync("tar", ["xzf", "p.tar.gz"], { cwd: out });
    const untarred = await readSource(join(out, top));
    if (!untarred.ok) throw new Error(untarred.error.message);
    expectSameFiles(untarred.value.files, files);
  });
});

describe("deterministic writers", () => {
  it("give the same bytes twice, whatever the time zone, with stored charts and deflated text", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const a = await writePackZip(files, "argo-cd-3.26.7");
    const b = await writePackZip(
      new Map([...files].reverse()),
      "argo-cd-3.26.7",
    );
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(
      Buffer.compare(
        Buffer.from(writePackTarGz(files, "t")),
        Buffer.from(writePackTarGz(files, "t")),
      ),
    ).toBe(0);
    // Another process in another time zone writes the very same zip.
    const script = `import { writePackZip } from ${JSON.stringify(new URL("../../src/pack/zip-write.ts", import.meta.url).pathname)};
      import { readSource } from ${JSON.stringify(new URL("../../src/cli/read-source.ts", import.meta.url).pathname)};
      const r = await readSource(process.argv[2]);
      const z = await writePackZip(r.value.files, 'argo-cd-3.26.7');
      process.stdout.write(Buffer.from(z).toString('base64'));`;
    const file = join(tmp, "tz.mts");
    writeFileSync(file, script);
    const other = execFileSync(
      join(process.cwd(), "node_modules/.bin/tsx"),
      [
        file,
        new URL("../fixtures/pack-central/argocd-3.26.7", import.meta.url)
          .pathname,
      ],
      {
        env: { ...process.env, TZ: "Pacific/Kiritimati" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(Buffer.compare(Buffer.from(other, "base64"), Buffer.from(a))).toBe(
      0,
    );
    // The chart archive is stored, the text deflated: `unzip -v` shows the method per entry.
    writeFileSync(join(tmp, "m.zip"), a);
    const verbose = execFileSync("unzip", ["-v", join(tmp, "m.zip")], {
      encoding: "utf8",
    });
    expect(verbose).toMatch(/Stored .*argo-cd-3\.26\.7\/charts\/argo-cd\.tgz/);
    expect(verbose).toMatch(/Defl:N .*argo-cd-3\.26\.7\/values\.yaml/);
    expect(verbose).toMatch(/Stored .*argo-cd-3\.26\.7\/logo\.png/);
  });

  it("zip entries are sorted, inside one top folder, with a fixed 1980-01-01 time", async () => {
    const files = await loadFixture("tutorials/hello-universe-pack");
    writeFileSync(
      join(tmp, "h.zip"),
      await writePackZip(files, "hellouniverse-1.0.0"),
    );
    const names = execFileSync("unzip", ["-Z1", join(tmp, "h.zip")], {
      encoding: "utf8",
    })
      .trim()
      .split("\n");
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe("hellouniverse-1.0.0/");
    expect(names).toContain(
      "hellouniverse-1.0.0/manifests/hello-universe.yaml",
    );
    const detail = execFileSync("unzip", ["-Z", "-T", join(tmp, "h.zip")], {
      encoding: "utf8",
    });
    expect(detail).toMatch(/19800101\.000000/);
    expect(readFileSync(join(tmp, "h.zip")).length).toBeGreaterThan(0);
  });
});
