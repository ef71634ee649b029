import { createHash, generateKeyPairSync } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readChartArchive } from "../../src/pack/chart";
import type { PackDetail } from "../../src/pack/registry-types";
import { writePackZip } from "../../src/pack/zip-write";
import { utf8 } from "../gen/bytes";
import { goodPackFiles } from "../gen/pack";
import { loadFixture } from "../helpers/fixtures";
import { fixtureZip } from "../helpers/packs";
import { startStoreServer } from "../helpers/store-server";
import {
  ADMIN,
  basic,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";

const ARGOCD = "pack-central/argocd-3.26.7";
const DEPLOYMENT = "templates/argocd-server/deployment.yaml";
type Err = { error: { code: string; message: string } };

const sha256 = (b: Uint8Array): string =>
  createHash("sha256").update(b).digest("hex");

/** A GET with the path sent exactly as written: fetch would resolve `..` before sending. */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: "GET" },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A generated pack whose chart holds a private key made for this test and a binary file. */
function secretPackFiles() {
  const { privateKey } = generateKeyPairSync("ec", {
    namedCurve: "P-256",
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return goodPackFiles({
    name: "demo-app",
    version: "1.2.3",
    chart: {
      name: "x",
      version: "1.0.0",
      extra: {
        "cert/tls.key": utf8(privateKey),
        "files/blob.bin": Uint8Array.of(0, 1, 2, 0xff, 0xfe),
      },
    },
  });
}

describe.each(["fs", "oci"] as const)(
  "charts and images on the %s store",
  (kind) => {
    let srv: RunningServer;
    const api = (path: string): string => `${srv.url}/api/v1${path}`;
    const put = async (path: string, body: Uint8Array): Promise<Response> =>
      fetch(api(path), {
        method: "PUT",
        headers: writeHeaders(basic(ADMIN)),
        body: new Uint8Array(body),
      });

    beforeAll(async () => {
      srv = await startStoreServer(kind);
      expect(
        (
          await put(
            "/packs/argo-cd/3.26.7",
            await fixtureZip(ARGOCD, "argo-cd-3.26.7"),
          )
        ).status,
      ).toBe(201);
    }, 60_000);
    afterAll(async () => {
      await srv?.stop();
      srv?.cleanup();
    });

    it("the detail lists each chart with all of Chart.yaml, its files with SHA-256, CRDs, and the images", async () => {
      const detail = (await (
        await fetch(api("/packs/argo-cd/3.26.7"))
      ).json()) as PackDetail;
      const files = await loadFixture(ARGOCD);
      const chart = readChartArchive(files.get("charts/argo-cd.tgz")!, {
        name: "charts/argo-cd.tgz",
      });
      if (!chart.ok) throw new Error(chart.error.message);

      expect(detail.charts).toHaveLength(1);
      const c = detail.charts[0]!;
      expect(c).toMatchObject({
        file: "charts/argo-cd.tgz",
        name: "argo-cd",
        version: "3.26.7",
        appVersion: "v2.1.6",
        description: expect.stringContaining("ArgoCD"),
        dependencies: [
          {
            name: "redis-ha",
            version: "4.12.17",
            repository: "https://dandydeveloper.github.io/charts/",
            condition: "redis-ha.enabled",
          },
        ],
        crds: ["crds/crd-application.yaml", "crds/crd-project.yaml"],
        hasValuesSchema: false,
        home: "https://github.com/argoproj/argo-helm",
        keywords: ["argoproj", "argocd", "gitops"],
        subcharts: [
          expect.objectContaining({
            path: "charts/redis-ha",
            name: "redis-ha",
            version: "4.14.7",
            appVersion: "6.2.5",
          }),
        ],
      });
      // Values text stays out of the API: subcharts carry metadata only.
      expect(c.subcharts?.[0]).not.toHaveProperty("valuesText");
      expect(c.files.map((f) => f.path)).toEqual([...chart.value.files.keys()]);
      const deployment = chart.value.files.get(DEPLOYMENT)!;
      expect(c.files.find((f) => f.path === DEPLOYMENT)).toEqual({
        path: DEPLOYMENT,
        size: deployment.length,
        sha256: sha256(deployment),
      });
      expect(detail.images).toContainEqual({
        ref: "quay.io/argoproj/argocd:v2.1.6",
        source: "values.yaml",
        line: 23,
      });
      expect(detail.images).toContainEqual(
        expect.objectContaining({
          ref: "haproxy:2.4.2",
          source: "charts/argo-cd.tgz/charts/redis-ha/values.yaml",
          note: expect.stringContaining("redis-ha.enabled"),
        }),
      );
    });

    it("serves a file inside a chart archive with the same headers as /files", async () => {
      const files = await loadFixture(ARGOCD);
      const chart = readChartArchive(files.get("charts/argo-cd.tgz")!, {
        name: "charts/argo-cd.tgz",
      });
      if (!chart.ok) throw new Error(chart.error.message);
      const r = await fetch(
        api(`/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/${DEPLOYMENT}`),
      );
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(r.headers.get("content-security-policy")).toBe(
        "sandbox; default-src 'none'",
      );
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      const body = new Uint8Array(await r.arrayBuffer());
      expect(sha256(body)).toBe(sha256(chart.value.files.get(DEPLOYMENT)!));
      // Again (now from the opened-archive cache), the same bytes.
      const again = await fetch(
        api(`/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/${DEPLOYMENT}`),
      );
      expect(sha256(new Uint8Array(await again.arrayBuffer()))).toBe(
        sha256(body),
      );
      // A subchart folder's file, by its path in the chart.
      const sub = await fetch(
        api(
          "/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/charts/redis-ha/Chart.yaml",
        ),
      );
      expect(await sub.text()).toMatch(/^name: redis-ha$/m);
    });

    it("404s a missing chart, a missing inner file and a missing version, each saying which", async () => {
      const noChart = await fetch(
        api("/packs/argo-cd/3.26.7/charts/nope-1.0.0.tgz/files/Chart.yaml"),
      );
      expect(noChart.status).toBe(404);
      expect(noChart.headers.get("content-security-policy")).toBe(
        "sandbox; default-src 'none'",
      );
      const e1 = (await noChart.json()) as Err;
      expect(e1.error.code).toBe("CHART_NOT_FOUND");
      expect(e1.error.message).toContain("charts/nope-1.0.0.tgz");

      const noFile = await fetch(
        api(
          "/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/templates/nope.yaml",
        ),
      );
      expect(noFile.status).toBe(404);
      const e2 = (await noFile.json()) as Err;
      expect(e2.error.code).toBe("FILE_NOT_FOUND");
      expect(e2.error.message).toMatch(
        /templates\/nope\.yaml.*charts\/argo-cd\.tgz/,
      );

      // A pack file that is not a chart archive is not a chart.
      const notChart = await fetch(
        api("/packs/argo-cd/3.26.7/charts/argo-cd/files/Chart.yaml"),
      );
      expect(((await notChart.json()) as Err).error.code).toBe(
        "CHART_NOT_FOUND",
      );

      const noVersion = await fetch(
        api("/packs/argo-cd/9.9.9/charts/argo-cd.tgz/files/Chart.yaml"),
      );
      expect(noVersion.status).toBe(404);
    });

    it("refuses traversal out of the chart, however it is spelled", async () => {
      for (const path of [
        "/api/v1/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/../../../files/pack.json",
        "/api/v1/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/templates/../../values.yaml",
        "/api/v1/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/%2e%2e/%2e%2e/values.yaml",
        "/api/v1/packs/argo-cd/3.26.7/charts/../files/pack.json",
        "/api/v1/packs/argo-cd/3.26.7/charts/..%2fpack.json/files/x",
        "/api/v1/packs/argo-cd/3.26.7/charts/%2e%2e/files/pack.json",
        "/api/v1/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files//etc/passwd",
      ]) {
        const r = await rawGet(srv.url, path);
        expect(r.status, path).toBeGreaterThanOrEqual(400);
        expect(r.status, path).toBeLessThan(500);
        expect(r.body, path).not.toContain('"name": "argo-cd"');
        expect(r.body, path).not.toContain("root:");
      }
    });

    it("a binary inner file downloads; a private key inside a chart is a finding at its pack-wide path", async () => {
      const zip = await writePackZip(secretPackFiles(), "demo-app-1.2.3");
      expect((await put("/packs/demo-app/1.2.3", zip)).status).toBe(201);
      const bin = await fetch(
        api("/packs/demo-app/1.2.3/charts/x-1.0.0.tgz/files/files/blob.bin"),
      );
      expect(bin.status).toBe(200);
      expect(bin.headers.get("content-type")).toBe("application/octet-stream");
      expect(bin.headers.get("content-disposition")).toBe(
        'attachment; filename="blob.bin"',
      );
      expect([...new Uint8Array(await bin.arrayBuffer())]).toEqual([
        0, 1, 2, 0xff, 0xfe,
      ]);
      const detail = (await (
        await fetch(api("/packs/demo-app/1.2.3"))
      ).json()) as PackDetail;
      expect(detail.findings).toContainEqual(
        expect.objectContaining({
          code: "SECRET_PRIVATE_KEY",
          file: "charts/x-1.0.0.tgz/cert/tls.key",
          line: 1,
        }),
      );
      expect(detail.images).toEqual([
        {
          ref: "docker.io/library/nginx:1.27.0",
          source: "values.yaml",
          line: 5,
        },
      ]);
    });

    it("names Palette allows (spaces, @, braces, any letter) download, inside and outside a chart", async () => {
      // security.md's path row: a real chart holds `templates/{values}/…`; names with spaces,
      // `@` and non-ASCII letters must be served, with a Content-Disposition the browser reads.
      const bin = Uint8Array.of(0, 0xff, 7);
      const archive = "charts/odd chart@2.0.0.tgz";
      const files = goodPackFiles({
        name: "odd-names",
        version: "1.0.0",
        packJson: { charts: [archive] },
        chart: {
          name: "odd",
          version: "2.0.0",
          extra: { "templates/{values}/Grafana @ v1.bin": bin },
        },
      });
      files.set(archive, files.get("charts/odd-2.0.0.tgz")!);
      files.delete("charts/odd-2.0.0.tgz");
      files.set("docs/Обзор @ v1.bin", bin);
      const zip = await writePackZip(files, "odd-names-1.0.0");
      expect((await put("/packs/odd-names/1.0.0", zip)).status).toBe(201);

      const outer = await fetch(
        api(
          `/packs/odd-names/1.0.0/files/${encodeURIComponent("docs/Обзор @ v1.bin").replaceAll("%2F", "/")}`,
        ),
      );
      expect(outer.status).toBe(200);
      // Non-Latin-1 letters cannot go into a header as they are: RFC 8187's filename* carries them.
      expect(outer.headers.get("content-disposition")).toBe(
        `attachment; filename="????? @ v1.bin"; filename*=UTF-8''${encodeURIComponent("Обзор @ v1.bin")}`,
      );
      expect([...new Uint8Array(await outer.arrayBuffer())]).toEqual([...bin]);

      const inner = await fetch(
        api(
          `/packs/odd-names/1.0.0/charts/${encodeURIComponent("odd chart@2.0.0.tgz")}/files/templates/${encodeURIComponent("{values}")}/${encodeURIComponent("Grafana @ v1.bin")}`,
        ),
      );
      expect(inner.status).toBe(200);
      expect(inner.headers.get("content-disposition")).toBe(
        'attachment; filename="Grafana @ v1.bin"',
      );
      expect([...new Uint8Array(await inner.arrayBuffer())]).toEqual([...bin]);
    });
  },
);

describe("fs store: details stored before charts and images existed", () => {
  it("are completed from the stored files when read, and the stored file is left alone", async () => {
    let srv = await startServer();
    try {
      const zip = await fixtureZip(ARGOCD, "argo-cd-3.26.7");
      const r = await fetch(`${srv.url}/api/v1/packs/argo-cd/3.26.7`, {
        method: "PUT",
        headers: writeHeaders(basic(ADMIN)),
        body: new Uint8Array(zip),
      });
      expect(r.status).toBe(201);
      await srv.stop();

      // Rewrite the stored file as an older server wrote it: format 1 (the detail first, then the
      // zip), no charts, no images. Files are written in format 2 now (zip, detail, trailer).
      const dir = join(srv.dataDir, "packs", "argo-cd");
      const file = join(
        dir,
        readdirSync(dir).find((f) => f.endsWith(".pack"))!,
      );
      const all = readFileSync(file);
      const trailer = /\nPACKSMITH-PACK 2 (\d+)\n$/.exec(
        all.subarray(-64).toString("latin1"),
      )!;
      expect(trailer).not.toBeNull();
      const jsonEnd = all.length - trailer[0].length;
      const jsonStart = jsonEnd - Number(trailer[1]);
      const detail = JSON.parse(
        all.subarray(jsonStart, jsonEnd).toString("utf8"),
      ) as Record<string, unknown>;
      expect(detail.charts).toBeDefined();
      delete detail.charts;
      delete detail.images;
      const json = Buffer.from(JSON.stringify(detail), "utf8");
      const old = Buffer.concat([
        Buffer.from(`PACKSMITH-PACK 1\n${json.length}\n`, "latin1"),
        json,
        all.subarray(0, jsonStart),
      ]);
      writeFileSync(file, old);

      srv = await startServer({ dataDir: srv.dataDir });
      const got = (await (
        await fetch(`${srv.url}/api/v1/packs/argo-cd/3.26.7`)
      ).json()) as PackDetail;
      expect(got.digest).toBe(detail.digest);
      expect(got.createdAt).toBe(detail.createdAt);
      expect(got.charts.map((c) => [c.file, c.name, c.version])).toEqual([
        ["charts/argo-cd.tgz", "argo-cd", "3.26.7"],
      ]);
      expect(got.images).toContainEqual({
        ref: "quay.io/argoproj/argocd:v2.1.6",
        source: "values.yaml",
        line: 23,
      });
      const inner = await fetch(
        `${srv.url}/api/v1/packs/argo-cd/3.26.7/charts/argo-cd.tgz/files/Chart.yaml`,
      );
      expect(await inner.text()).toMatch(/^name: argo-cd$/m);
      // The zip of a format 1 file is served from behind its header.
      const archive = await fetch(
        `${srv.url}/api/v1/packs/argo-cd/3.26.7/archive`,
      );
      expect(
        Buffer.from(await archive.arrayBuffer()).equals(
          all.subarray(0, jsonStart),
        ),
      ).toBe(true);
      expect(readFileSync(file).equals(old)).toBe(true);
    } finally {
      await srv.stop();
      srv.cleanup();
    }
  }, 60_000);
});
