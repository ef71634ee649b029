// Issue 10 item 1 against the real process: the upload check runs in the worker pool, so /health
// is answered while a 48 MB upload is checked; a version's tar.gz is built once however many ask.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { request as httpRequest, Agent, type ClientRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest, fileDigests } from "../../src/pack/digest";
import { readPackArchive } from "../../src/pack/read-archive";
import { writePackZip, writePackZipParts } from "../../src/pack/zip-write";
import { noise } from "../gen/bytes";
import { loadFixture } from "../helpers/fixtures";
import { fixtureZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  serverLog,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";
import { startStoreServer } from "../helpers/store-server";

const FIXTURE = "pack-central/argocd-3.26.7";

/** argo-cd 3.26.7 with twelve ~5 MB manifests of base64 data: a ~48 MB zip (under the 50 MiB cap). */
async function bigUpload(): Promise<Buffer> {
  const files = new Map(await loadFixture(FIXTURE));
  for (let i = 0; i < 12; i++) {
    const b64 = Buffer.from(noise(3_800_000, i + 1))
      .toString("base64")
      .replace(/.{76}/g, "$&\n    ");
    files.set(
      `manifests/bundle-${i}.yaml`,
      new TextEncoder().encode(
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bundle-${i}\nbinaryData:\n  data: |\n    ${b64}\n`,
      ),
    );
  }
  const parts: Uint8Array[] = [];
  writePackZipParts(files, "argo-cd-3.26.7", (p) => parts.push(p), {
    deflateRaw: (b) => deflateRawSync(b, { level: 1 }),
  });
  return Buffer.concat(parts);
}

/** argo-cd 3.26.7's files with pack.json saying `version`, zipped as the app does under `top`. */
async function argoZip(version: string, top: string): Promise<Buffer> {
  const files = new Map(await loadFixture(FIXTURE));
  const json = JSON.parse(
    new TextDecoder().decode(files.get("pack.json")),
  ) as Record<string, unknown>;
  files.set(
    "pack.json",
    new TextEncoder().encode(JSON.stringify({ ...json, version })),
  );
  return Buffer.from(await writePackZip(files, top));
}

/** A PUT of `length` bytes whose body the caller writes (and ends); its status once it answers. */
function openPut(
  url: string,
  length: number,
): { req: ClientRequest; status: Promise<number> } {
  let req!: ClientRequest;
  const status = new Promise<number>((resolve, reject) => {
    req = httpRequest(
      url,
      {
        method: "PUT",
        headers: {
          ...writeHeaders(basic(ADMIN)),
          "content-length": String(length),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      },
    ).on("error", reject);
  });
  return { req, status };
}

describe("an upload checked in the worker pool", () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => {
    await srv.stop();
    srv.cleanup();
  });

  it("/health requests sent once the server holds a 48 MB upload's whole body are answered before the upload's answer", async () => {
    const body = await bigUpload();
    expect(body.length).toBeGreaterThan(45e6);
    expect(body.length).toBeLessThan(50 * 1024 * 1024);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const health = (): Promise<void> =>
      new Promise((resolve, reject) => {
        httpRequest(`${srv.url}/api/v1/health`, { agent }, (res) => {
          res.resume();
          res.on("end", resolve);
        })
          .on("error", reject)
          .end();
      });
    await health();
    let answered = false;
    const put = openPut(`${srv.url}/api/v1/packs/argo-cd/3.26.7`, body.length);
    put.req.end(body);
    const upload = put.status.finally(() => (answered = true));
    // The server streams the body to a temp file and checks it once the file is whole: from then
    // on every /health request is sent while the check runs.
    const tmp = join(srv.dataDir, ".tmp");
    const received = (): boolean => {
      try {
        return readdirSync(tmp).some(
          (f) =>
            f.startsWith("upload-") &&
            statSync(join(tmp, f)).size === body.length,
        );
      } catch {
        return false;
      }
    };
    while (!received() && !answered) await new Promise((r) => setTimeout(r, 5));
    expect(answered).toBe(false);
    // One /health after another (one socket) until the upload answers.
    let before = 0;
    let after = 0;
    while (!answered) {
      await health();
      if (answered) after++;
      else before++;
    }
    expect(await upload).toBe(201);
    agent.destroy();
    // Only the request in flight when the upload answered may come after it.
    expect(after).toBeLessThanOrEqual(1);
    // A check on the event loop would hold every /health sent meanwhile until it ended: one
    // sequential request could get through (two with a loop turn between the file's last write
    // and the check's start). Answers keep coming while it runs in the pool.
    expect(before).toBeGreaterThanOrEqual(10);
  });
});

describe("each stored upload's debug line", () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({ env: { PACKSMITH_LOG: "debug" } });
  });
  afterAll(async () => {
    await srv.stop();
    srv.cleanup();
  });
  /** One field of each stored upload's debug line, in order. */
  const logged = async (field: "threads" | "kept"): Promise<unknown[]> =>
    (await serverLog(srv))
      .filter((l) => l.includes("upload: ms per phase"))
      .map((l) => (JSON.parse(l) as Record<string, unknown>)[field]);
  const threads = (): Promise<unknown[]> => logged("threads");
  const kept = (): Promise<unknown[]> => logged("kept");

  const put = (version: string, body: Buffer): Promise<Response> =>
    fetch(`${srv.url}/api/v1/packs/argo-cd/${version}`, {
      method: "PUT",
      headers: writeHeaders(basic(ADMIN)),
      body: new Uint8Array(body),
    });
  const archive = async (version: string): Promise<Buffer> =>
    Buffer.from(
      await (
        await fetch(`${srv.url}/api/v1/packs/argo-cd/${version}/archive`)
      ).arrayBuffer(),
    );

  it("kept: the upload itself is the stored file, the detail appended, when it is the zip the store writes (the app's and the CLI's)", async () => {
    const body = await argoZip("9.0.0", "argo-cd-9.0.0");
    expect((await put("9.0.0", body)).status).toBe(201);
    expect((await kept()).at(-1)).toBe(true);
    expect((await archive("9.0.0")).equals(body)).toBe(true);
    const stored = readFileSync(
      join(srv.dataDir, "packs", "argo-cd", "9.0.0.pack"),
    );
    expect(stored.subarray(0, body.length).equals(body)).toBe(true);
    expect(stored.subarray(-64).toString("latin1")).toMatch(
      /\nPACKSMITH-PACK 2 \d+\n$/,
    );
    expect(
      statSync(join(srv.dataDir, "packs", "argo-cd", "9.0.0.pack")).mode &
        0o777,
    ).toBe(0o644);
    expect(readdirSync(join(srv.dataDir, ".tmp"))).toEqual([]);
  });

  it("not kept: the stored file is written anew as the canonical zip when the upload is another zip of the same files", async () => {
    const canonical = await argoZip("9.0.1", "argo-cd-9.0.1");
    // Another top folder: the same files, other bytes.
    const body = await argoZip("9.0.1", "my-folder");
    expect((await put("9.0.1", body)).status).toBe(201);
    expect((await kept()).at(-1)).toBe(false);
    const got = await archive("9.0.1");
    expect(got.equals(body)).toBe(false);
    expect(got.equals(canonical)).toBe(true);
    expect(readdirSync(join(srv.dataDir, ".tmp"))).toEqual([]);
  });

  it("threads: two for a lone upload; one while another upload is in flight", async () => {
    const zipOf = (version: string): Promise<Buffer> =>
      argoZip(version, `argo-cd-${version}`);
    // Lines of this test only (the tests above stored uploads too).
    const earlier = (await threads()).length;
    const mine = async (): Promise<unknown[]> =>
      (await threads()).slice(earlier);
    expect((await put("3.26.7", await zipOf("3.26.7"))).status).toBe(201);
    expect(await mine()).toEqual([2]);
    // A second upload holds its body half sent while the first is checked.
    const slow = await zipOf("3.26.9");
    const { req, status: slowStatus } = openPut(
      `${srv.url}/api/v1/packs/argo-cd/3.26.9`,
      slow.length,
    );
    slowStatus.catch(() => undefined);
    try {
      req.write(slow.subarray(0, 1000));
      // The server has the second upload's first bytes (its temp file) before the first starts.
      const tmp = join(srv.dataDir, ".tmp");
      while (
        !readdirSync(tmp).some(
          (f) => f.startsWith("upload-") && statSync(join(tmp, f)).size > 0,
        )
      )
        await new Promise((r) => setTimeout(r, 5));
      expect((await put("3.26.8", await zipOf("3.26.8"))).status).toBe(201);
      req.end(slow.subarray(1000));
      expect(await slowStatus).toBe(201);
    } finally {
      req.destroy();
    }
    expect(await mine()).toEqual([2, 1, 2]);
  });
});

describe("the stored file written in the pool on a full disk", () => {
  it("is 507 STORAGE_FULL with no temp file left, and the server still answers", async () => {
    const mnt = mkdtempSync(join(tmpdir(), "packsmith-pool-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt]);
    try {
      mkdirSync(join(mnt, "data"));
      const srv = await startServer({ dataDir: join(mnt, "data") });
      try {
        // ~1.6 MB that does not compress: received (1.6 MB on disk), but the stored file needs as
        // much again (another top folder than the canonical zip's, so it is written anew).
        const files = new Map(
          await loadFixture("tutorials/hello-universe-pack"),
        );
        files.set("manifests/data.bin", noise(1_600_000));
        const body = Buffer.from(await writePackZip(files, "other-top"));
        const r = await fetch(`${srv.url}/api/v1/packs/hellouniverse/1.0.0`, {
          method: "PUT",
          headers: writeHeaders(basic(ADMIN)),
          body: new Uint8Array(body),
        });
        const answer = (await r.json()) as { error?: { code: string } };
        expect(r.status).toBe(507);
        expect(answer.error?.code).toBe("STORAGE_FULL");
        expect(readdirSync(join(mnt, "data", ".tmp"))).toEqual([]);
        expect((await fetch(`${srv.url}/api/v1/health`)).status).toBe(200);
        // The canonical zip of the same files is kept as it came: it fits.
        const kept = await fetch(
          `${srv.url}/api/v1/packs/hellouniverse/1.0.0`,
          {
            method: "PUT",
            headers: writeHeaders(basic(ADMIN)),
            body: new Uint8Array(
              await writePackZip(files, "hellouniverse-1.0.0"),
            ),
          },
        );
        expect(kept.status).toBe(201);
      } finally {
        await srv.stop();
      }
    } finally {
      execFileSync("umount", ["-l", mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});

describe.each(["fs", "oci"] as const)(
  "tar.gz downloads on the %s store",
  (kind) => {
    let srv: RunningServer;
    beforeAll(async () => {
      srv = await startStoreServer(kind, { env: { PACKSMITH_LOG: "debug" } });
    });
    afterAll(async () => {
      await srv.stop();
      srv.cleanup();
    });

    const builds = (): number =>
      srv
        .stdout()
        .split("\n")
        .filter((l) => l.includes("archive: tar.gz built")).length;

    it("is built once for 6 parallel downloads, served with the content digest as ETag, 304 when it matches", async () => {
      const files = await loadFixture(FIXTURE);
      const digest = await contentDigest(await fileDigests(files));
      const put = await fetch(`${srv.url}/api/v1/packs/argo-cd/3.26.7`, {
        method: "PUT",
        headers: writeHeaders(basic(ADMIN)),
        body: new Uint8Array(await fixtureZip(FIXTURE, "argo-cd-3.26.7")),
      });
      expect(put.status).toBe(201);
      const url = `${srv.url}/api/v1/packs/argo-cd/3.26.7/archive?format=tar.gz`;
      expect(builds()).toBe(0);
      const answers = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const r = await fetch(url);
          return {
            status: r.status,
            etag: r.headers.get("etag"),
            type: r.headers.get("content-type"),
            body: Buffer.from(await r.arrayBuffer()),
          };
        }),
      );
      expect(builds()).toBe(1);
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.etag).toBe(`"${digest}+tar.gz"`);
        expect(a.type).toBe("application/gzip");
        expect(a.body.equals(answers[0]!.body)).toBe(true);
      }
      const back = readPackArchive(
        new Uint8Array(gunzipSync(answers[0]!.body)),
      );
      if (!back.ok) throw new Error(back.error.message);
      expect([...back.value.files.keys()]).toEqual([...files.keys()]);
      const again = await fetch(url, {
        headers: { "if-none-match": `"${digest}+tar.gz"` },
      });
      expect(again.status).toBe(304);
      expect((await again.arrayBuffer()).byteLength).toBe(0);
      const later = await fetch(url);
      expect(
        Buffer.from(await later.arrayBuffer()).equals(answers[0]!.body),
      ).toBe(true);
      expect(builds()).toBe(1);
    });
  },
);
