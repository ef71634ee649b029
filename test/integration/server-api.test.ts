import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { readPackArchive } from "../../src/pack/read-archive";
import { highestFirst } from "../../src/pack/semver-order";
import { loadFixture } from "../helpers/fixtures";
import { fixtureZip, tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  READER,
  basic,
  bcryptChecks,
  serverLog,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";
import { startStoreServer } from "../helpers/store-server";

let srv: RunningServer;
const api = (path: string): string => `${srv.url}/api/v1${path}`;
const put = (
  path: string,
  body: Buffer,
  extra: Record<string, string> = {},
  auth = basic(ADMIN),
): Promise<Response> =>
  fetch(api(path), {
    method: "PUT",
    headers: writeHeaders(auth, extra),
    body: new Uint8Array(body),
  });
const json = async <T>(r: Response): Promise<T> => (await r.json()) as T;
type Err = {
  error: {
    code: string;
    message: string;
    details?: { digest?: string; findings?: { code: string }[] };
  };
};

const stores = ["fs", "oci"] as const;

describe.each(stores)("registry API on the %s store", (kind) => {
  beforeAll(async () => {
    srv = await startStoreServer(kind, {
      env: {
        PACKSMITH_CORS_ORIGINS: "https://app.example.com",
        // The sign-in test counts the server's bcrypt checks from its debug lines.
        PACKSMITH_LOG: "debug",
      },
    });
  });
  afterAll(async () => {
    await srv.stop();
    srv.cleanup();
  });

  it("health names the storage driver", async () => {
    expect(await json(await fetch(api("/health")))).toEqual({
      status: "ok",
      storage: kind,
      version: expect.any(String),
    });
  });

  it("PUT stores a real pack (201), then GET list, pack, version, archive, files and logo serve it", async () => {
    const zip = await tutorialZip();
    const r = await put("/packs/hellouniverse/1.0.0", zip);
    expect(r.status).toBe(201);
    // Operators see where an upload's time went (debug level): one line per stored upload.
    const phases = (await serverLog(srv))
      .filter((l) => l.includes("upload: ms per phase"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(phases).toEqual([
      expect.objectContaining({
        pack: "hellouniverse 1.0.0",
        receive: expect.any(Number),
        wait: expect.any(Number),
        check: expect.any(Number),
        store: expect.any(Number),
        // A lone upload: the check and its helper.
        threads: 2,
      }),
    ]);
    const body = await json<{
      summary: { name: string; uploadedBy: string };
      digest: string;
    }>(r);
    const digest = await contentDigest(
      await loadFixture("tutorials/hello-universe-pack"),
    );
    expect(body.digest).toBe(digest);
    expect(body.summary).toMatchObject({
      name: "hellouniverse",
      version: "1.0.0",
      layer: "addon",
      displayName: "Hello Universe",
      // The OCI store keeps the manifest exactly as ORAS 1.0 writes it, so it records no uploader.
      uploadedBy: kind === "fs" ? "admin" : "",
      digest,
      cloudTypes: ["all"],
    });

    const list = await json<{ items: { name: string }[]; next: string | null }>(
      await fetch(api("/packs")),
    );
    expect(list.items.map((i) => i.name)).toContain("hellouniverse");
    const pack = await json<{ name: string; versions: { version: string }[] }>(
      await fetch(api("/packs/hellouniverse")),
    );
    expect(pack.versions.map((v) => v.version)).toEqual(["1.0.0"]);
    const detail = await json<{
      files: { path: string; sha256: string }[];
      findings: unknown[];
      readme: string;
    }>(await fetch(api("/packs/hellouniverse/1.0.0")));
    expect(detail.files.map((f) => f.path)).toEqual([
      "README.md",
      "logo.png",
      "manifests/hello-universe.yaml",
      "pack.json",
      "values.yaml",
    ]);
    expect(detail.readme).toContain("Hello");

    const archive = await fetch(api("/packs/hellouniverse/1.0.0/archive"));
    expect(archive.status).toBe(200);
    expect(archive.headers.get("content-type")).toBe("application/zip");
    expect(archive.headers.get("etag")).toBe(`"${digest}"`);
    const back = readPackArchive(new Uint8Array(await archive.arrayBuffer()));
    if (!back.ok) throw new Error(back.error.message);
    expect(await contentDigest(back.value.files)).toBe(digest);
    const revalidated = async (ifNoneMatch: string): Promise<number> =>
      (
        await fetch(api("/packs/hellouniverse/1.0.0/archive"), {
          headers: { "if-none-match": ifNoneMatch },
        })
      ).status;
    expect(await revalidated(`"${digest}"`)).toBe(304);
    // RFC 9110 §13.1.2: a weak tag, a list, or `*` match too; another tag does not.
    expect(await revalidated(`W/"${digest}"`)).toBe(304);
    expect(await revalidated(`"sha256:other", "${digest}"`)).toBe(304);
    expect(await revalidated("*")).toBe(304);
    expect(await revalidated(`"sha256:other"`)).toBe(200);

    const tgz = await fetch(
      api("/packs/hellouniverse/1.0.0/archive?format=tar.gz"),
    );
    expect(tgz.headers.get("content-type")).toBe("application/gzip");
    const t = readPackArchive(new Uint8Array(await tgz.arrayBuffer()));
    if (!t.ok) throw new Error(t.error.message);
    expect(await contentDigest(t.value.files)).toBe(digest);

    const file = await fetch(
      api("/packs/hellouniverse/1.0.0/files/manifests/hello-universe.yaml"),
    );
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toBe(
      "sandbox; default-src 'none'",
    );
    expect(await file.text()).toContain(".Values");
    const logo = await fetch(api("/packs/hellouniverse/1.0.0/files/logo.png"));
    expect(logo.headers.get("content-disposition")).toMatch(/attachment/);
    const png = await fetch(api("/packs/hellouniverse/1.0.0/logo"));
    expect(png.headers.get("content-type")).toBe("image/png");
    // Revalidated against the version's digest: a forced overwrite shows its logo at once.
    expect(png.headers.get("cache-control")).toBe("no-cache");
    expect(png.headers.get("etag")).toBe(`"${digest}+logo"`);
    expect(
      (
        await fetch(api("/packs/hellouniverse/1.0.0/logo"), {
          headers: { "if-none-match": `"${digest}+logo"` },
        })
      ).status,
    ).toBe(304);
    expect(
      (await fetch(api("/packs/hellouniverse/1.0.0/files/nope.txt"))).status,
    ).toBe(404);
    // A version that does not exist is said so, whatever was asked of it.
    for (const path of ["/files/README.md", "/logo"]) {
      const r = await fetch(api(`/packs/hellouniverse/9.9.9${path}`));
      expect(r.status, path).toBe(404);
      expect((await json<Err>(r)).error.code, path).toBe("VERSION_NOT_FOUND");
    }
    expect((await fetch(api("/packs/hellouniverse/9.9.9"))).status).toBe(404);
    expect(
      (await json<Err>(await fetch(api("/packs/nothing-here")))).error.code,
    ).toBe("PACK_NOT_FOUND");
  });

  it("the logo route serves a raster logo.png as what its bytes are: a JPEG as image/jpeg", async () => {
    // crowdstrike-falcon-agent ships a JPEG as logo.png: a warning, and Palette shows it.
    const jpeg = await put(
      "/packs/falcon-sensor/1.0.0",
      await fixtureZip("pack-central/crowdstrike-falcon-agent-1.0.0"),
    );
    expect([200, 201]).toContain(jpeg.status);
    const logo = await fetch(api("/packs/falcon-sensor/1.0.0/logo"));
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/jpeg");
    expect(logo.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = new Uint8Array(await logo.arrayBuffer());
    const files = await loadFixture(
      "pack-central/crowdstrike-falcon-agent-1.0.0",
    );
    expect(Buffer.from(bytes).equals(Buffer.from(files.get("logo.png")!))).toBe(
      true,
    );

    // Gone again: the list tests below count this store's packs. (An SVG logo.png never gets
    // here: it is an error finding, refused with 422.)
    const gone = await fetch(api("/packs/falcon-sensor/1.0.0"), {
      method: "DELETE",
      headers: writeHeaders(basic(ADMIN)),
    });
    expect(gone.status).toBe(204);
  });

  it("45 the same bytes again → 200 with the same digest; 44 other bytes → 409 with the stored digest, nothing changed", async () => {
    const first = await json<{ digest: string }>(
      await fetch(api("/packs/hellouniverse/1.0.0")),
    );
    const again = await put("/packs/hellouniverse/1.0.0", await tutorialZip());
    expect(again.status).toBe(200);
    expect((await json<{ digest: string }>(again)).digest).toBe(first.digest);
    // The same files zipped differently (another top folder) are the same content.
    expect(
      (
        await put(
          "/packs/hellouniverse/1.0.0",
          await fixtureZip("tutorials/hello-universe-pack", "other-folder"),
        )
      ).status,
    ).toBe(200);
    const other = await put(
      "/packs/hellouniverse/1.0.0",
      await tutorialZip("changed"),
    );
    expect(other.status).toBe(409);
    const err = await json<Err>(other);
    expect(err.error.code).toBe("VERSION_EXISTS");
    expect(err.error.details?.digest).toBe(first.digest);
    expect(
      (
        await json<{ digest: string }>(
          await fetch(api("/packs/hellouniverse/1.0.0")),
        )
      ).digest,
    ).toBe(first.digest);
  });

  it("a client that names its content digest (X-Pack-Digest) learns 200/409 before sending the body", async () => {
    const stored = await json<{ digest: string }>(
      await fetch(api("/packs/hellouniverse/1.0.0")),
    );
    const same = await put("/packs/hellouniverse/1.0.0", Buffer.alloc(0), {
      "x-pack-digest": stored.digest,
    });
    expect(same.status).toBe(200);
    const diff = await put("/packs/hellouniverse/1.0.0", Buffer.alloc(0), {
      "x-pack-digest": `sha256:${"0".repeat(64)}`,
    });
    expect(diff.status).toBe(409);
    expect((await json<Err>(diff)).error.message).toContain(
      "or add ?force=true to replace it",
    );
  });

  it("an X-Pack-Digest that is not a digest → 400 before the body; one the content does not have → 400 after the check, nothing stored", async () => {
    const garbage = await put("/packs/hellouniverse/1.0.0", Buffer.alloc(0), {
      "x-pack-digest": "sha256:00",
    });
    expect(garbage.status).toBe(400);
    const g = await json<Err>(garbage);
    expect(g.error.code).toBe("DIGEST_INVALID");
    expect(g.error.message).toContain("X-Pack-Digest");
    const zip = await tutorialZip("claimed", (files) =>
      files.set(
        "pack.json",
        new TextEncoder().encode(
          new TextDecoder()
            .decode(files.get("pack.json"))
            .replace('"version": "1.0.0"', '"version": "7.0.0"'),
        ),
      ),
    );
    const wrong = `sha256:${"1".repeat(64)}`;
    const lied = await put("/packs/hellouniverse/7.0.0", zip, {
      "x-pack-digest": wrong,
    });
    expect(lied.status).toBe(400);
    const l = await json<Err>(lied);
    expect(l.error.code).toBe("DIGEST_INVALID");
    expect(l.error.message).toContain(wrong);
    expect((await fetch(api("/packs/hellouniverse/7.0.0"))).status).toBe(404);
    const files = readPackArchive(new Uint8Array(zip));
    if (!files.ok) throw new Error(files.error.message);
    const right = await contentDigest(files.value.files);
    const honest = await put("/packs/hellouniverse/7.0.0", zip, {
      "x-pack-digest": right,
    });
    expect(honest.status).toBe(201);
    expect((await json<{ digest: string }>(honest)).digest).toBe(right);
    expect(
      (
        await fetch(api("/packs/hellouniverse/7.0.0"), {
          method: "DELETE",
          headers: writeHeaders(basic(ADMIN)),
        })
      ).status,
    ).toBe(204);
  });

  it("46 force=true → 201 with the new digest; concurrent readers get the old or the new archive whole", async () => {
    const readers = Array.from({ length: 20 }, async () => {
      const r = await fetch(api("/packs/hellouniverse/1.0.0/archive"));
      const bytes = new Uint8Array(await r.arrayBuffer());
      const back = readPackArchive(bytes);
      if (!back.ok) throw new Error(`torn read: ${back.error.message}`);
      expect(r.headers.get("etag")).toBe(
        `"${await contentDigest(back.value.files)}"`,
      );
    });
    const forced = await put(
      "/packs/hellouniverse/1.0.0?force=true",
      await tutorialZip("forced"),
    );
    await Promise.all(readers);
    expect(forced.status).toBe(201);
    const body = await json<{ digest: string }>(forced);
    expect(
      (
        await json<{ digest: string }>(
          await fetch(api("/packs/hellouniverse/1.0.0")),
        )
      ).digest,
    ).toBe(body.digest);
  });

  it("?force is true, 1 or bare (any case), false or 0; anything else or twice → 400 before the body", async () => {
    const other = await tutorialZip("force spellings");
    expect(
      (await put("/packs/hellouniverse/1.0.0?force=false", other)).status,
    ).toBe(409);
    expect(
      (await put("/packs/hellouniverse/1.0.0?force=0", other)).status,
    ).toBe(409);
    for (const q of ["force=maybe", "force=true&force=true", "force=yes"]) {
      const r = await put(`/packs/hellouniverse/1.0.0?${q}`, other);
      expect(r.status, q).toBe(400);
      expect((await json<Err>(r)).error.code, q).toBe("QUERY_INVALID");
    }
    expect(
      (await put("/packs/hellouniverse/1.0.0?force=1", other)).status,
    ).toBe(201);
    const again = await tutorialZip("force spellings, again");
    expect(
      (await put("/packs/hellouniverse/1.0.0?FORCE=true", again)).status,
    ).toBe(409);
    expect(
      (await put("/packs/hellouniverse/1.0.0?force=TRUE", again)).status,
    ).toBe(201);
    expect(
      (await put("/packs/hellouniverse/1.0.0?force", await tutorialZip("bare")))
        .status,
    ).toBe(201);
  });

  it("422 for a pack with error findings (named, nothing stored); 422 when pack.json disagrees with the path; 415 for a non-zip", async () => {
    const bad = await put(
      "/packs/weka-operator/v1.12.0",
      await fixtureZip("pack-central/weka-operator-v1.12.0"),
    );
    expect(bad.status).toBe(422);
    const err = await json<Err>(bad);
    expect(err.error.code).toBe("INVALID_PACK");
    expect(err.error.details?.findings?.map((f) => f.code)).toContain(
      "VERSION_LEADING_V",
    );
    expect((await fetch(api("/packs/weka-operator/v1.12.0"))).status).toBe(404);
    const mismatch = await put(
      "/packs/hellouniverse/2.0.0",
      await tutorialZip(),
    );
    expect(mismatch.status).toBe(422);
    expect(
      (await json<Err>(mismatch)).error.details?.findings?.map((f) => f.code),
    ).toContain("IDENTITY_MISMATCH");
    // Without pack.json the answer names that, not a name that "differs" from the URL's.
    const noPackJson = await put(
      "/packs/hellouniverse/2.0.0",
      await tutorialZip(undefined, (files) => files.delete("pack.json")),
    );
    expect(noPackJson.status).toBe(422);
    const np = await json<Err>(noPackJson);
    expect(np.error.message).toMatch(/pack\.json is missing/);
    expect(np.error.details?.findings?.map((f) => f.code)).toContain(
      "PACK_JSON_MISSING",
    );
    expect(np.error.details?.findings?.map((f) => f.code)).not.toContain(
      "IDENTITY_MISMATCH",
    );
    const png = (await loadFixture("tutorials/hello-universe-pack")).get(
      "logo.png",
    )!;
    const notZip = await put("/packs/hellouniverse/3.0.0", Buffer.from(png));
    expect(notZip.status).toBe(415);
    const unsafe = await put(
      "/packs/hellouniverse/3.0.0",
      Buffer.from("PK\u0005\u0006" + "\u0000".repeat(18), "latin1"),
    );
    expect([415, 422]).toContain(unsafe.status);
  });

  it("DELETE needs auth, answers 204 then 404", async () => {
    await put(
      "/packs/hellouniverse/1.0.1",
      await tutorialZip(undefined, (f) =>
        f.set(
          "pack.json",
          new TextEncoder().encode(
            new TextDecoder()
              .decode(f.get("pack.json"))
              .replace('"1.0.0"', '"1.0.1"'),
          ),
        ),
      ),
    );
    const noAuth = await fetch(api("/packs/hellouniverse/1.0.1"), {
      method: "DELETE",
      headers: { "x-packsmith-client": "t" },
    });
    expect(noAuth.status).toBe(401);
    expect(
      (
        await fetch(api("/packs/hellouniverse/1.0.1"), {
          method: "DELETE",
          headers: writeHeaders(basic(ADMIN)),
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await fetch(api("/packs/hellouniverse/1.0.1"), {
          method: "DELETE",
          headers: writeHeaders(basic(ADMIN)),
        })
      ).status,
    ).toBe(404);
  });

  it("sessions: POST /session gives a token that authorizes writes; a forged one does not", async () => {
    const r = await fetch(api("/session"), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-packsmith-client": "t",
      },
      body: JSON.stringify(READER),
    });
    expect(r.status).toBe(200);
    const { token, expiresAt } = await json<{
      token: string;
      expiresAt: string;
    }>(r);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const ok = await put(
      "/packs/hellouniverse/1.0.0",
      await tutorialZip("forced"),
      {},
      `Bearer ${token}`,
    );
    expect([200, 409]).toContain(ok.status);
    const forged = await put(
      "/packs/hellouniverse/1.0.0",
      await tutorialZip(),
      {},
      `Bearer ${token.slice(0, -2)}xx`,
    );
    expect(forged.status).toBe(401);
  });

  it("55 names that are not clean path components → 400 NAME_INVALID before anything else", async () => {
    for (const path of [
      "/packs/..%2fetc/1.0.0",
      "/packs/hello%00/1.0.0",
      "/packs/Hello/1.0.0",
      `/packs/${"a".repeat(64)}/1.0.0`,
      "/packs/hello/1.0.0+build",
      `/packs/hello/${"1".repeat(129)}`,
      "/packs/hello/..%2f..%2f",
      // Past the router's default parameter length: still the name rule's answer, not a 404.
      `/packs/${"a".repeat(1200)}/1.0.0`,
      `/packs/hello/${"1".repeat(4000)}`,
    ]) {
      const r = await put(path, Buffer.from("x"));
      expect(r.status, path).toBe(400);
      expect((await json<Err>(r)).error.code, path).toBe("NAME_INVALID");
    }
  });

  it("54 a body whose SHA-256 differs from X-Content-SHA256 → 400 DIGEST_INVALID, nothing stored", async () => {
    const zip = await tutorialZip(undefined, (f) =>
      f.set(
        "pack.json",
        new TextEncoder().encode(
          new TextDecoder()
            .decode(f.get("pack.json"))
            .replace('"1.0.0"', '"4.0.0"'),
        ),
      ),
    );
    const r = await put("/packs/hellouniverse/4.0.0", zip, {
      "x-content-sha256": createHash("sha256").update("other").digest("hex"),
    });
    expect(r.status).toBe(400);
    expect((await json<Err>(r)).error.code).toBe("DIGEST_INVALID");
    expect((await fetch(api("/packs/hellouniverse/4.0.0"))).status).toBe(404);
    const good = await put("/packs/hellouniverse/4.0.0", zip, {
      "x-content-sha256": createHash("sha256").update(zip).digest("hex"),
    });
    expect(good.status).toBe(201);
  });

  it("52 Content-Length over the cap → 413 before the body is read; a chunked body over the cap → 413 and the connection closes", async () => {
    const status = await new Promise<{ code: number; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          api("/packs/big/1.0.0"),
          {
            method: "PUT",
            headers: {
              ...writeHeaders(basic(ADMIN)),
              "content-length": String(200 * 1024 * 1024),
            },
          },
          (res) => {
            let body = "";
            res.on("data", (d: Buffer) => (body += d.toString()));
            res.on("end", () => resolve({ code: res.statusCode ?? 0, body }));
          },
        );
        req.on("error", reject);
        req.write(Buffer.alloc(1024)); // the server answers without waiting for the other 200 MiB
      },
    );
    expect(status.code).toBe(413);
    expect(status.body).toContain("TOO_LARGE");
    const chunked = await new Promise<{ code: number; closed: boolean }>(
      (resolve, reject) => {
        const req = httpRequest(
          api("/packs/big/1.0.0"),
          {
            method: "PUT",
            headers: {
              ...writeHeaders(basic(ADMIN)),
              "transfer-encoding": "chunked",
            },
          },
          (res) => {
            res.resume();
            res.on("end", () =>
              resolve({
                code: res.statusCode ?? 0,
                closed: res.headers.connection === "close",
              }),
            );
          },
        );
        // A reset before the answer was read is a failure (the server lingers: linger.ts).
        req.on("error", reject);
        const chunk = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (sent < 60 && req.write(chunk)) sent++;
          if (sent < 60) req.once("drain", pump);
          else req.end();
        };
        pump();
      },
    );
    expect(chunked).toEqual({ code: 413, closed: true });
  });

  it("53 a body shorter than its Content-Length → 400 SIZE_INVALID, nothing stored", async () => {
    const zip = await tutorialZip("short");
    const reply = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(new URL(srv.url).port), "127.0.0.1");
      let got = "";
      sock.on("data", (d: Buffer) => (got += d.toString()));
      sock.on("error", reject);
      sock.on("close", () => resolve(got));
      const head = Object.entries({
        ...writeHeaders(basic(ADMIN)),
        host: "x",
        "content-length": String(zip.length + 100),
      })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join("");
      sock.write(
        `PUT /api/v1/packs/hellouniverse/5.0.0 HTTP/1.1\r\n${head}\r\n`,
      );
      sock.write(zip, () => setTimeout(() => sock.end(), 100));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(reply).toContain('"code":"SIZE_INVALID"');
    expect((await fetch(api("/packs/hellouniverse/5.0.0"))).status).toBe(404);
  });

  it("56 wrong credentials → generic 401 without WWW-Authenticate: Basic; an unknown user costs the same one bcrypt check as a known one; the 11th failure → 429 + Retry-After", async () => {
    /** The sign-in's answer must be 401; returns how many bcrypt checks the server ran for it. */
    const checksFor = async (auth: string): Promise<number> => {
      const before = await bcryptChecks(srv);
      const r = await put(
        "/packs/hellouniverse/1.0.0",
        Buffer.from("x"),
        {},
        auth,
      );
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate") ?? "").not.toMatch(/basic/i);
      return (await bcryptChecks(srv)) - before;
    };
    // An unknown user is compared against a dummy hash of the same cost: the same work as a
    // known user's wrong password, so the answer does not tell which users exist.
    expect(
      await checksFor(basic({ username: "reader", password: "wrong" })),
    ).toBe(1);
    expect(
      await checksFor(basic({ username: "nobody", password: "wrong" })),
    ).toBe(1);
    for (let i = 0; i < 9; i++)
      await checksFor(basic({ username: "reader", password: `wrong${i}` }));
    const refusedFrom = await bcryptChecks(srv);
    const eleventh = await put(
      "/packs/hellouniverse/1.0.0",
      Buffer.from("x"),
      {},
      basic({ username: "reader", password: "again" }),
    );
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
    // Even the right password waits now, for this user and address.
    expect(
      (
        await put(
          "/packs/hellouniverse/1.0.0",
          Buffer.from("x"),
          {},
          basic(READER),
        )
      ).status,
    ).toBe(429);
    // Both were refused before bcrypt ran.
    expect(await bcryptChecks(srv)).toBe(refusedFrom);
    // Other users are not locked out by someone guessing at this one.
    expect(
      (
        await put(
          "/packs/hellouniverse/1.0.0",
          await tutorialZip("forced"),
          {},
          basic(ADMIN),
        )
      ).status,
    ).not.toBe(429);
  });

  it("57 a cross-site form post or a request without the client header → 403", async () => {
    const form = await fetch(api("/session"), {
      method: "POST",
      headers: {
        "content-type": "text/plain",
        "sec-fetch-site": "cross-site",
        "x-packsmith-client": "t",
      },
      body: "username=admin",
    });
    expect(form.status).toBe(403);
    const noHeader = await fetch(api("/packs/hellouniverse/1.0.0"), {
      method: "DELETE",
      headers: { authorization: basic(READER) },
    });
    expect(noHeader.status).toBe(403);
    expect((await json<Err>(noHeader)).error.code).toBe(
      "CLIENT_HEADER_MISSING",
    );
  });

  it("58 CORS preflight: an unlisted origin gets no Access-Control-Allow-Origin, a listed one is echoed with Vary: Origin", async () => {
    const pre = (origin: string): Promise<Response> =>
      fetch(api("/packs/x/1.0.0"), {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "PUT" },
      });
    const evil = await pre("https://evil.example.com");
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const good = await pre("https://app.example.com");
    expect(good.headers.get("access-control-allow-origin")).toBe(
      "https://app.example.com",
    );
    expect(good.headers.get("vary")).toMatch(/Origin/);
  });

  it("60 an .html or .svg file from a pack is served as text with nosniff and a sandbox CSP", async () => {
    const zip = await tutorialZip(undefined, (f) => {
      f.set(
        "pack.json",
        new TextEncoder().encode(
          new TextDecoder()
            .decode(f.get("pack.json"))
            .replace('"1.0.0"', '"6.0.0"'),
        ),
      );
      f.set(
        "evil.html",
        new TextEncoder().encode("<script>parent.pwned=1</script>"),
      );
      f.set(
        "evil.svg",
        new TextEncoder().encode(
          '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        ),
      );
    });
    expect((await put("/packs/hellouniverse/6.0.0", zip)).status).toBe(201);
    for (const f of ["evil.html", "evil.svg"]) {
      const r = await fetch(api(`/packs/hellouniverse/6.0.0/files/${f}`));
      expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("content-security-policy")).toContain("sandbox");
    }
  });

  it("lists with search, filters and cursor paging, highest version first", async () => {
    expect(
      (
        await put(
          "/packs/argo-cd/3.26.7",
          await fixtureZip("pack-central/argocd-3.26.7"),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await put(
          "/packs/csi-driver-nfs/4.13.2",
          await fixtureZip("pack-central/csi-driver-nfs"),
        )
      ).status,
    ).toBe(201);
    const get = async (
      q: string,
    ): Promise<{
      items: { name: string; version: string }[];
      next: string | null;
    }> => json(await fetch(api(`/packs${q}`)));
    expect((await get("?q=argo")).items.map((i) => i.name)).toEqual([
      "argo-cd",
    ]);
    expect(
      (await get("?q=HELLO")).items.every((i) => i.name === "hellouniverse"),
    ).toBe(true);
    expect((await get("?layer=csi")).items.map((i) => i.name)).toEqual([
      "csi-driver-nfs",
    ]);
    expect(
      (await get("?addonType=system%20app")).items.map((i) => i.name),
    ).toEqual(["argo-cd"]);
    expect(
      (await get("?cloudType=all&layer=addon")).items.length,
    ).toBeGreaterThanOrEqual(2);
    const all = await get("?limit=200");
    // Newest first means highest version first (registry-api.md version 2), ties by name;
    // version-order.test.ts covers the order itself.
    expect(all.items).toEqual(
      [...all.items].sort(
        (a, b) =>
          highestFirst(a.version, b.version) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      ),
    );
    expect(all.items.map((i) => i.name)).toContain("csi-driver-nfs");
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 20; i++) {
      const page = await get(`?limit=2${cursor}`);
      seen.push(...page.items.map((x) => `${x.name}@${x.version}`));
      if (!page.next) break;
      cursor = `&cursor=${page.next}`;
    }
    expect(seen).toEqual(all.items.map((x) => `${x.name}@${x.version}`));
    expect((await fetch(api("/packs?cursor=garbage"))).status).toBe(400);
  });
});
