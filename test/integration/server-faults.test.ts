import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { readPackArchive } from "../../src/pack/read-archive";
import { tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";
import {
  ociStoreEnv,
  startRegistry,
  type TestRegistry,
} from "../helpers/registry";

const started: RunningServer[] = [];
const registries: TestRegistry[] = [];
afterAll(async () => {
  for (const s of started) {
    await s.stop("SIGKILL");
    s.cleanup();
  }
  for (const r of registries) await r.stop();
});
async function server(
  opts: Parameters<typeof startServer>[0] = {},
): Promise<RunningServer> {
  const s = await startServer(opts);
  started.push(s);
  return s;
}
/** Server options for a store: the OCI one gets its own fresh registry. */
async function storeEnv(kind: "fs" | "oci"): Promise<Record<string, string>> {
  if (kind === "fs") return {};
  const r = await startRegistry();
  registries.push(r);
  return ociStoreEnv(r);
}
const put = (
  s: RunningServer,
  path: string,
  body: Buffer,
  auth = basic(ADMIN),
): Promise<Response> =>
  fetch(`${s.url}/api/v1${path}`, {
    method: "PUT",
    headers: writeHeaders(auth),
    body: new Uint8Array(body),
  });
const digestOf = async (zip: Buffer): Promise<string> => {
  const r = readPackArchive(new Uint8Array(zip));
  if (!r.ok) throw new Error(r.error.message);
  return contentDigest(r.value.files);
};
const tmpFiles = (s: RunningServer): string[] => {
  try {
    return readdirSync(join(s.dataDir, ".tmp"));
  } catch {
    return [];
  }
};

/** Start a PUT that sends `first` bytes of `body` and then stalls; resolves once the bytes are out. */
function stalledUpload(
  s: RunningServer,
  path: string,
  body: Buffer,
  first: number,
): Promise<{ abort: () => void; done: Promise<number> }> {
  return new Promise((resolve) => {
    let status: (n: number) => void = () => undefined;
    const done = new Promise<number>((r) => (status = r));
    const req = httpRequest(
      `${s.url}/api/v1${path}`,
      {
        method: "PUT",
        headers: {
          ...writeHeaders(basic(ADMIN)),
          "content-length": String(body.length),
        },
      },
      (res) => {
        res.resume();
        status(res.statusCode ?? 0);
      },
    );
    req.on("error", () => status(-1));
    req.write(body.subarray(0, first), () =>
      resolve({ abort: () => req.destroy(), done }),
    );
  });
}

const waitFor = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.each(["fs", "oci"] as const)(
  "concurrency and faults on the %s store (real server process)",
  (kind) => {
    it("47 forty simultaneous uploads of one new version → exactly one 201 and 39 × 409; the stored bytes are the winner's", async () => {
      const env = await storeEnv(kind);
      const s = await server({ env });
      const zips = await Promise.all(
        Array.from({ length: 40 }, (_, i) => tutorialZip(`racer ${i}`)),
      );
      const results = await Promise.all(
        zips.map(async (z, i) => ({
          i,
          r: await put(s, "/packs/hellouniverse/1.0.0", z),
        })),
      );
      const statuses = results.map((x) => x.r.status);
      expect(statuses.filter((c) => c === 201)).toHaveLength(1);
      expect(statuses.filter((c) => c === 409)).toHaveLength(39);
      const winner = results.find((x) => x.r.status === 201)!;
      const stored = await fetch(
        `${s.url}/api/v1/packs/hellouniverse/1.0.0/archive`,
      );
      expect(await digestOf(Buffer.from(await stored.arrayBuffer()))).toBe(
        await digestOf(zips[winner.i]!),
      );
      expect(tmpFiles(s)).toEqual([]);
    });

    it("48 forty simultaneous forced uploads → all 200/201; the final file is exactly one payload; no temp file left", async () => {
      const env = await storeEnv(kind);
      const s = await server({ env });
      const zips = await Promise.all(
        Array.from({ length: 40 }, (_, i) => tutorialZip(`forced ${i}`)),
      );
      const statuses = await Promise.all(
        zips.map(
          async (z) =>
            (await put(s, "/packs/hellouniverse/1.0.0?force=true", z)).status,
        ),
      );
      expect(statuses.every((c) => c === 200 || c === 201)).toBe(true);
      const stored = await fetch(
        `${s.url}/api/v1/packs/hellouniverse/1.0.0/archive`,
      );
      const final = await digestOf(Buffer.from(await stored.arrayBuffer()));
      const candidates = await Promise.all(zips.map(digestOf));
      expect(candidates).toContain(final);
      expect(
        (
          (await (
            await fetch(`${s.url}/api/v1/packs/hellouniverse/1.0.0`)
          ).json()) as { digest: string }
        ).digest,
      ).toBe(final);
      expect(tmpFiles(s)).toEqual([]);
    });

    it("49 a client aborting mid-upload leaves no version and no temp file; the previous version is intact", async () => {
      const env = await storeEnv(kind);
      const s = await server({ env });
      const before = await tutorialZip("before");
      expect((await put(s, "/packs/hellouniverse/1.0.0", before)).status).toBe(
        201,
      );
      const big = Buffer.concat([
        await tutorialZip("after"),
        Buffer.alloc(8 * 1024 * 1024),
      ]);
      const up = await stalledUpload(
        s,
        "/packs/hellouniverse/1.0.0?force=true",
        big,
        4 * 1024 * 1024,
      );
      await waitFor(() => tmpFiles(s).length === 1);
      up.abort();
      await waitFor(() => tmpFiles(s).length === 0);
      const detail = (await (
        await fetch(`${s.url}/api/v1/packs/hellouniverse/1.0.0`)
      ).json()) as { digest: string };
      expect(detail.digest).toBe(await digestOf(before));
    });

    it("50 a server killed (SIGKILL) mid-upload: after restart no partial version, the temp file swept, the previous version intact", async () => {
      const env = await storeEnv(kind);
      const s = await server({ env });
      const before = await tutorialZip("before");
      expect((await put(s, "/packs/hellouniverse/1.0.0", before)).status).toBe(
        201,
      );
      const big = Buffer.concat([
        await tutorialZip("after"),
        Buffer.alloc(16 * 1024 * 1024),
      ]);
      const up = await stalledUpload(
        s,
        "/packs/hellouniverse/1.0.0?force=true",
        big,
        8 * 1024 * 1024,
      );
      const second = await stalledUpload(
        s,
        "/packs/hellouniverse/2.0.0",
        big,
        8 * 1024 * 1024,
      );
      await waitFor(() => tmpFiles(s).length === 2);
      await s.stop("SIGKILL");
      up.abort();
      second.abort();
      expect(tmpFiles(s).length).toBe(2);
      const again = await server({
        dataDir: s.dataDir,
        htpasswd: join(s.dataDir, "users.htpasswd"),
        env,
      });
      expect(tmpFiles(again)).toEqual([]);
      const detail = (await (
        await fetch(`${again.url}/api/v1/packs/hellouniverse/1.0.0`)
      ).json()) as { digest: string };
      expect(detail.digest).toBe(await digestOf(before));
      expect(
        (await fetch(`${again.url}/api/v1/packs/hellouniverse/2.0.0`)).status,
      ).toBe(404);
      const list = (await (
        await fetch(`${again.url}/api/v1/packs`)
      ).json()) as {
        items: { version: string }[];
      };
      expect(list.items.map((i) => i.version)).toEqual(["1.0.0"]);
    });

    it("59 the list never shows temp files or partial versions while uploads are in flight", async () => {
      const env = await storeEnv(kind);
      const s = await server({ env });
      expect(
        (await put(s, "/packs/hellouniverse/1.0.0", await tutorialZip("one")))
          .status,
      ).toBe(201);
      const big = Buffer.concat([
        await tutorialZip("two"),
        Buffer.alloc(8 * 1024 * 1024),
      ]);
      const ups = await Promise.all([
        stalledUpload(s, "/packs/hellouniverse/2.0.0", big, 1024 * 1024),
        stalledUpload(s, "/packs/other/1.0.0", big, 1024 * 1024),
      ]);
      await waitFor(() => tmpFiles(s).length === 2);
      const list = (await (await fetch(`${s.url}/api/v1/packs`)).json()) as {
        items: { name: string; version: string }[];
      };
      expect(list.items.map((i) => `${i.name}@${i.version}`)).toEqual([
        "hellouniverse@1.0.0",
      ]);
      for (const u of ups) u.abort();
    });
  },
);

describe("set-up and disk faults (filesystem)", () => {
  it("51 a full disk → 507, the temp file removed, the previous version intact, the server still up", async () => {
    const mnt = mkdtempSync(join(tmpdir(), "packsmith-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mnt]);
    try {
      mkdirSync(join(mnt, "data"));
      const s = await server({ dataDir: join(mnt, "data") });
      const before = await tutorialZip("before");
      expect((await put(s, "/packs/hellouniverse/1.0.0", before)).status).toBe(
        201,
      );
      // Larger than the free space: the upload cannot even be received.
      const big = Buffer.concat([
        await tutorialZip("huge"),
        Buffer.alloc(4 * 1024 * 1024, 7),
      ]);
      const r = await put(s, "/packs/hellouniverse/1.0.0?force=true", big);
      expect(r.status).toBe(507);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
        "STORAGE_FULL",
      );
      expect(tmpFiles(s)).toEqual([]);
      const detail = (await (
        await fetch(`${s.url}/api/v1/packs/hellouniverse/1.0.0`)
      ).json()) as { digest: string };
      expect(detail.digest).toBe(await digestOf(before));
      expect((await fetch(`${s.url}/api/v1/health`)).status).toBe(200);
      await s.stop();
    } finally {
      execFileSync("umount", ["-l", mnt]);
      rmSync(mnt, { recursive: true, force: true });
    }
  });

  it("first start without users creates admin with a random password, stores only its bcrypt hash, prints it once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "packsmith-first-"));
    const s = await server({ dataDir, htpasswd: null });
    const m = /password\n\n\s+(\S+)\n/.exec(s.stdout());
    expect(m).not.toBeNull();
    const password = m![1]!;
    const stored = execFileSync("cat", [join(dataDir, "htpasswd")], {
      encoding: "utf8",
    });
    expect(stored).toMatch(/^admin:\$2[aby]\$12\$/);
    expect(stored).not.toContain(password);
    const r = await put(
      s,
      "/packs/hellouniverse/1.0.0",
      await tutorialZip(),
      basic({ username: "admin", password }),
    );
    expect(r.status).toBe(201);
    await s.stop();
    const again = await server({ dataDir, htpasswd: null });
    expect(again.stdout()).not.toContain("password");
  });

  it("configuration: reads can require sign-in, and force can be switched off (403 FORCE_DISABLED)", async () => {
    const s = await server({
      env: { PACKSMITH_PUBLIC_READ: "false", PACKSMITH_ALLOW_FORCE: "false" },
    });
    expect((await fetch(`${s.url}/api/v1/packs`)).status).toBe(401);
    expect(
      (
        await fetch(`${s.url}/api/v1/packs`, {
          headers: { authorization: basic(ADMIN) },
        })
      ).status,
    ).toBe(200);
    const r = await put(
      s,
      "/packs/hellouniverse/1.0.0?force=true",
      await tutorialZip(),
    );
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe(
      "FORCE_DISABLED",
    );
  });
});
