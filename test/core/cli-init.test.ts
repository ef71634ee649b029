import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chartTgz } from "../gen/pack";
import { runBundled, TSX_NOTE, runMain as run } from "../helpers/cli";
import { SEED_TEMPLATES, seedJson } from "../helpers/seeds";

// Issue 9 item 1: `packsmith init <template> <folder>` writes a template's pack; each of the
// documentation's six examples comes out of one template with the documented pack.json.

const tmp = mkdtempSync(join(tmpdir(), "packsmith-init-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The compiled command line (build/node/), rebuilt when a source is newer than the bundle. */
const bundled = (...args: string[]) => runBundled(tmp, ...args);

const packJsonIn = (dir: string): unknown =>
  JSON.parse(readFileSync(join(dir, "pack.json"), "utf8"));

describe("packsmith init --list", () => {
  it("--json prints every template as {id, title, layer, description}", async () => {
    const r = await run("init", "--list", "--json");
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((t) => t.id).sort()).toEqual(
      Object.keys(SEED_TEMPLATES).sort(),
    );
    for (const t of list) {
      expect(Object.keys(t)).toEqual(["id", "title", "layer", "description"]);
      expect(t.title).not.toBe("");
      expect(t.description).not.toBe("");
    }
    expect(list.find((t) => t.id === "centos-aws")?.layer).toBe("os");
    expect(list.find((t) => t.id === "permission-manager")?.layer).toBe(
      "addon",
    );
  });

  it("text names each template with its layer and title", async () => {
    const r = await run("init", "--list");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^centos-aws\s+os\s+CentOS on AWS/m);
  });
});

describe.each(Object.entries(SEED_TEMPLATES))(
  "packsmith init %s",
  (id, seed) => {
    it(`writes a folder whose pack.json is the documentation's ${seed} and that validate accepts`, async () => {
      const dir = join(tmp, `ts-${id}`);
      const r = await run("init", id, dir);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(packJsonIn(dir)).toStrictEqual(seedJson(seed));
      expect(existsSync(join(dir, "template.json"))).toBe(false);
      expect(existsSync(join(dir, "logo.png"))).toBe(true);
      const pack = seedJson(seed) as { layer: string; charts?: string[] };
      if (pack.layer === "os") {
        expect(
          readFileSync(join(dir, "harden_os/tasks/main.yml"), "utf8"),
        ).toContain("sec_harden.sh");
        expect(
          statSync(join(dir, "harden_os/files/sec_harden.sh")).mode & 0o111,
        ).not.toBe(0);
      }
      if (pack.charts) {
        // The chart is the one file a template cannot ship: init says so, and once the user
        // puts it where pack.json says, the pack is complete.
        expect(r.stdout).toContain("charts/prometheus-grafana.tgz");
        expect((await run("validate", dir)).code).toBe(1);
        mkdirSync(join(dir, "charts"));
        writeFileSync(
          join(dir, "charts/prometheus-grafana.tgz"),
          chartTgz({ name: "prometheus-operator", version: "9.3.2" }),
        );
      }
      const v = await run("validate", dir);
      expect(v.stdout).toMatch(/: 0 errors/);
      expect(v.code).toBe(0);
    });
  },
);

describe("the compiled command line", () => {
  it("lists the templates from the bundle as the sources do", async () => {
    const r = bundled("init", "--list", "--json");
    expect(r.stderr).not.toMatch(TSX_NOTE);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse((await run("init", "--list", "--json")).stdout),
    );
  });

  it("writes a template from the bundle", () => {
    const dir = join(tmp, "bundle-aws");
    const r = bundled("init", "centos-aws", dir);
    expect(r.code).toBe(0);
    expect(packJsonIn(dir)).toStrictEqual(seedJson("golden-centos-aws"));
  });
});

describe("refusals", () => {
  it("an unknown template names the ones there are; exit 2", async () => {
    const r = await run("init", "centos", join(tmp, "x"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("there is no template `centos`");
    expect(r.stderr).toContain("centos-aws");
    expect(existsSync(join(tmp, "x"))).toBe(false);
  });

  it("a folder that is not empty is left alone; exit 2", async () => {
    const dir = join(tmp, "full");
    mkdirSync(dir);
    writeFileSync(join(dir, "keep.txt"), "mine");
    const r = await run("init", "centos-aws", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not empty");
    expect(existsSync(join(dir, "pack.json"))).toBe(false);
  });

  it("a missing folder argument is a usage error", async () => {
    const r = await run("init", "centos-aws");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("packsmith init <template> <folder>");
  });
});
