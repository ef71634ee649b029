import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PackFiles } from "../../src/pack/pack-files";
import { writePackZip } from "../../src/pack/zip-write";
import { loadFixture } from "../helpers/fixtures";
import {
  ADMIN,
  basic,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";
import { startStoreServer } from "../helpers/store-server";

/*
 * registry-api.md "version 2": the order of versions on the real server, both stores. Versions of
 * the tutorial pack are uploaded out of order, the last one the oldest, so upload time and version
 * order disagree everywhere.
 */

const HELLO = "tutorials/hello-universe-pack";
/** Upload order; the last upload is the lowest semver release. */
const UPLOADS = [
  "2.0.0",
  "1.9.0",
  "2.1.0-rc.1",
  "1.5",
  "1.10.0",
  "2.0.0-rc.1",
  "26.02.1",
  "0.1.0",
];
/** The same versions, as the contract orders them. */
const HIGHEST_FIRST = [
  "2.1.0-rc.1",
  "2.0.0",
  "2.0.0-rc.1",
  "1.10.0",
  "1.9.0",
  "0.1.0",
  // Not semver: after every semver version, by string (highest first).
  "26.02.1",
  "1.5",
];

type Summary = {
  name: string;
  version: string;
  createdAt: string;
  addonType?: string;
  cloudTypes: string[];
};
type Page = {
  items: Summary[];
  next: string | null;
  facets: Record<string, { value: string; count: number }[]>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withVersion(
  dir: string,
  version?: string,
): Promise<{ name: string; version: string; zip: Buffer }> {
  const files: PackFiles = new Map(await loadFixture(dir));
  const pj = JSON.parse(new TextDecoder().decode(files.get("pack.json"))) as {
    name: string;
    version: string;
  };
  if (version) {
    pj.version = version;
    files.set("pack.json", new TextEncoder().encode(JSON.stringify(pj)));
  }
  return {
    name: pj.name,
    version: pj.version,
    zip: Buffer.from(await writePackZip(files, `${pj.name}-${pj.version}`)),
  };
}

describe.each(["fs", "oci"] as const)(
  "version order on the %s store",
  (kind) => {
    let srv: RunningServer;
    const api = (path: string): string => `${srv.url}/api/v1${path}`;
    const get = async <T>(path: string): Promise<T> => {
      const r = await fetch(api(path));
      expect(r.status, `GET ${path}: ${r.status}`).toBe(200);
      return (await r.json()) as T;
    };
    async function upload(dir: string, version?: string): Promise<void> {
      const p = await withVersion(dir, version);
      const r = await fetch(api(`/packs/${p.name}/${p.version}`), {
        method: "PUT",
        headers: writeHeaders(basic(ADMIN)),
        body: new Uint8Array(p.zip),
      });
      expect(r.status, `${p.name} ${p.version}: ${await r.text()}`).toBe(201);
    }
    /** Every item of a listing, page by page, as `name@version`. */
    async function pages(query: string, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let cursor = "";
      for (let i = 0; i < 200; i++) {
        const page = await get<Page>(
          `/packs?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        seen.push(...page.items.map((x) => `${x.name}@${x.version}`));
        if (!page.next) return seen;
        cursor = page.next;
      }
      throw new Error("paging did not end");
    }

    beforeAll(async () => {
      srv = await startStoreServer(kind);
      // Other packs first, then the tutorial's versions; the OCI store keeps whole seconds, so the
      // pause makes "uploaded" tell the two groups apart there too.
      await upload("pack-central/gridlight-1.1.3"); // app-services (hyphen), all clouds
      await upload("pack-central/hello-universe-1.3.1"); // app services, all clouds
      await upload("pack-central/sr-iov-3.4.0"); // system app, aws + edge
      await upload("pack-central/akuity-agent-0.30.0-5.5.2026"); // only a prerelease
      await upload("pack-central/kubeflow-pipelines-1.5.0"); // 1.5, not semver
      await sleep(1100);
      for (const v of UPLOADS) await upload(HELLO, v);
    }, 120_000);

    afterAll(async () => {
      await srv?.stop();
      srv?.cleanup();
    });

    it("GET /packs/{name}: highest first, prereleases below their release, non-semver last, and latest", async () => {
      const pack = await get<{
        name: string;
        latest: string | null;
        versions: Summary[];
      }>("/packs/hellouniverse");
      expect(pack.versions.map((v) => v.version)).toEqual(HIGHEST_FIRST);
      // The highest version that is not a prerelease, not the last upload.
      expect(pack.latest).toBe("2.0.0");
      // A pack whose only version is a prerelease has no latest.
      expect(
        await get<{ latest: string | null }>("/packs/akuity-agent"),
      ).toMatchObject({ latest: null });
      // A pack whose only version is not semver: it is not a prerelease, so it is latest.
      expect(
        await get<{ latest: string | null }>("/packs/kubeflow-pipelines"),
      ).toMatchObject({ latest: "1.5" });
    });

    it("GET /packs: highest version first by default; the late upload of an older version is not first", async () => {
      const list = await get<Page>("/packs?q=hellouniverse");
      expect(list.items.map((i) => i.version)).toEqual(HIGHEST_FIRST);
      expect(list.items[0]?.version).not.toBe(UPLOADS[UPLOADS.length - 1]);
      // Across packs: version first, then name.
      const all = await get<Page>("/packs?limit=200&sort=version");
      expect(all.items.map((i) => `${i.name}@${i.version}`)).toEqual([
        "sr-iov@3.4.0",
        "hellouniverse@2.1.0-rc.1",
        "hellouniverse@2.0.0",
        "hellouniverse@2.0.0-rc.1",
        "hellouniverse@1.10.0",
        "hellouniverse@1.9.0",
        "hello-universe@1.3.1",
        "gridlight@1.1.3",
        // 0.30.0-… is a prerelease of 0.30.0, still above 0.1.0.
        "akuity-agent@0.30.0-5.5.2026",
        "hellouniverse@0.1.0",
        "hellouniverse@26.02.1",
        "hellouniverse@1.5",
        "kubeflow-pipelines@1.5",
      ]);
      expect((await get<Page>("/packs?limit=200")).items).toEqual(all.items);
    });

    it("sort=name groups a pack's versions, highest first; sort=uploaded puts the pack uploaded last first", async () => {
      const byName = await get<Page>("/packs?limit=200&sort=name");
      expect(byName.items.map((i) => i.name)).toEqual([
        "akuity-agent",
        "gridlight",
        "hello-universe",
        ...HIGHEST_FIRST.map(() => "hellouniverse"),
        "kubeflow-pipelines",
        "sr-iov",
      ]);
      expect(
        byName.items
          .filter((i) => i.name === "hellouniverse")
          .map((i) => i.version),
      ).toEqual(HIGHEST_FIRST);

      const byUpload = await get<Page>("/packs?limit=200&sort=uploaded");
      // hellouniverse had the last upload (of its lowest version): the pack comes first, its
      // versions together and highest first, so the first one is never the late older upload.
      expect(byUpload.items.slice(0, HIGHEST_FIRST.length)).toEqual(
        byName.items.filter((i) => i.name === "hellouniverse"),
      );
      const rest = byUpload.items.slice(HIGHEST_FIRST.length);
      const times = rest.map((i) => Date.parse(i.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it.each(["", "&sort=version", "&sort=name", "&sort=uploaded"])(
      "cursor paging%s returns every item exactly once, in the listed order",
      async (sort) => {
        const all = (await get<Page>(`/packs?limit=200${sort}`)).items.map(
          (x) => `${x.name}@${x.version}`,
        );
        expect(all.length).toBe(13);
        for (const limit of [1, 2, 5])
          expect(await pages(sort, limit)).toEqual(all);
        // Filtered paging as well.
        const hello = (
          await get<Page>(`/packs?limit=200&q=hello${sort}`)
        ).items.map((x) => `${x.name}@${x.version}`);
        expect(await pages(`&q=hello${sort}`, 3)).toEqual(hello);
      },
    );

    it("a cursor stays valid when a version is added or deleted between pages", async () => {
      const first = await get<Page>("/packs?limit=4&q=hellouniverse");
      expect(first.items.map((i) => i.version)).toEqual(
        HIGHEST_FIRST.slice(0, 4),
      );
      // 1.9.5 sorts after the cursor (it belongs on a later page); 1.9.0 is deleted.
      await upload(HELLO, "1.9.5");
      const del = await fetch(api("/packs/hellouniverse/1.9.0"), {
        method: "DELETE",
        headers: writeHeaders(basic(ADMIN)),
      });
      expect(del.status).toBe(204);
      try {
        const rest = await get<Page>(
          `/packs?limit=200&q=hellouniverse&cursor=${first.next}`,
        );
        expect(rest.items.map((i) => i.version)).toEqual([
          "1.9.5",
          "0.1.0",
          "26.02.1",
          "1.5",
        ]);
      } finally {
        await fetch(api("/packs/hellouniverse/1.9.5"), {
          method: "DELETE",
          headers: writeHeaders(basic(ADMIN)),
        });
        await upload(HELLO, "1.9.0");
      }
    });

    it("refuses a repeated parameter, an unknown sort, a limit outside 1–200 and a cursor of another sort with 400", async () => {
      for (const q of [
        "q=a&q=b",
        "sort=name&sort=version",
        "layer=addon&layer=csi",
        "addonType=ai&addonType=ai",
        "limit=1&limit=2",
        "sort=size",
        "cursor=garbage",
        "limit=0",
        "limit=-1",
        "limit=1.5",
        "limit=abc",
        "limit=201",
      ]) {
        const r = await fetch(api(`/packs?${q}`));
        expect(r.status, q).toBe(400);
        const body = (await r.json()) as {
          error: { code: string; message: string };
        };
        expect(body.error.message, q).toMatch(/\S/);
      }
      // An empty limit is the default, 50; 200 is the most a page holds.
      expect((await fetch(api("/packs?limit="))).status).toBe(200);
      expect((await fetch(api("/packs?limit=200"))).status).toBe(200);
      const page = await get<Page>("/packs?limit=1&sort=name");
      const other = await fetch(api(`/packs?sort=version&cursor=${page.next}`));
      expect(other.status).toBe(400);
      expect(
        ((await other.json()) as { error: { code: string } }).error.code,
      ).toBe("CURSOR_INVALID");
    });

    it("addonType matches both spellings of app services; cloudType includes `all` packs", async () => {
      const names = async (q: string) =>
        [
          ...new Set(
            (await get<Page>(`/packs?limit=200&${q}`)).items.map((i) => i.name),
          ),
        ].sort();
      const appServices = [
        "akuity-agent",
        "gridlight",
        "hello-universe",
        "hellouniverse",
      ];
      expect(await names("addonType=app-services")).toEqual(appServices);
      expect(await names("addonType=app%20services")).toEqual(appServices);
      expect(await names("addonType=App_Services")).toEqual(appServices);
      // sr-iov names aws; every other pack here runs on `all` clouds.
      expect(await names("cloudType=aws")).toEqual([
        "akuity-agent",
        "gridlight",
        "hello-universe",
        "hellouniverse",
        "kubeflow-pipelines",
        "sr-iov",
      ]);
      expect(await names("cloudType=all")).not.toContain("sr-iov");
      expect(await names("cloudType=vsphere")).not.toContain("sr-iov");
      // Paging stays right with the server-side match: 5 packs' versions, 2 at a time.
      expect(
        new Set(
          (await pages("&cloudType=edge", 2)).map((x) => x.split("@")[0]),
        ),
      ).toEqual(new Set(await names("cloudType=edge")));
    });

    it("facets count packs per option over the whole registry, one app services, none dead", async () => {
      const { facets } = await get<Page>("/packs?limit=1");
      expect(facets.addonType).toEqual([
        { value: "app services", count: 4 },
        { value: "system app", count: 2 },
      ]);
      expect(facets.layer).toEqual([{ value: "addon", count: 6 }]);
      expect(facets.cloudType).toEqual([
        { value: "all", count: 5 },
        { value: "aws", count: 6 },
        { value: "edge", count: 6 },
      ]);
      // Each facet is counted with the other filters applied, not its own.
      const filtered = await get<Page>(
        "/packs?addonType=system%20app&cloudType=aws",
      );
      expect(filtered.facets.addonType).toEqual([
        { value: "app services", count: 4 },
        { value: "system app", count: 2 },
      ]);
      expect(filtered.facets.cloudType).toEqual([
        { value: "all", count: 1 },
        { value: "aws", count: 2 },
        { value: "edge", count: 2 },
      ]);
      expect(filtered.facets.layer).toEqual([{ value: "addon", count: 2 }]);
      // Every option offered finds packs.
      for (const [facet, options] of Object.entries(facets))
        for (const o of options) {
          const found = await get<Page>(
            `/packs?limit=200&${facet}=${encodeURIComponent(o.value)}`,
          );
          expect(
            new Set(found.items.map((i) => i.name)).size,
            `${facet}=${o.value}`,
          ).toBe(o.count);
        }
    });
  },
);
