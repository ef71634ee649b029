import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { buildNode, ROOT } from "../helpers/cli";
import { loadFixture } from "../helpers/fixtures";
import { fixtureZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";

// Issue 11 item 1: the server's production start is the compiled build/node/server.mjs (no tsx),
// and the piscina task files it resolves are bundled beside it: a sign-in runs bcrypt in the pool,
// an upload is checked in it and a tar.gz is built in it.

let srv: RunningServer;
let url = "";

beforeAll(async () => {
  buildNode();
  const dataDir = mkdtempSync(join(tmpdir(), "packsmith-bundle-"));
  srv = await startServer({
    script: join(ROOT, "build/node/server.mjs"),
    // Another folder than the repository: the bundle finds its task files beside itself.
    cwd: dataDir,
    dataDir,
    // No loader may sneak in from the test runner's environment.
    env: { NODE_OPTIONS: "" },
  });
  url = srv.url;
}, 60_000);

afterAll(async () => {
  await srv?.stop();
  srv?.cleanup();
});

describe("the compiled server (build/node/server.mjs)", () => {
  it("answers health, takes a real pack, signs in and builds its tar.gz", async () => {
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);

    const dir = "pack-central/argocd-3.26.7";
    const put = await fetch(`${url}/api/v1/packs/argo-cd/3.26.7`, {
      method: "PUT",
      headers: writeHeaders(basic(ADMIN)),
      body: new Uint8Array(await fixtureZip(dir)),
    });
    const created = (await put.json()) as { digest: string };
    expect(put.status, JSON.stringify(created)).toBe(201);
    expect(created.digest).toBe(await contentDigest(await loadFixture(dir)));

    const session = await fetch(`${url}/api/v1/session`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-packsmith-client": "t",
      },
      body: JSON.stringify(ADMIN),
    });
    expect(session.status).toBe(200);
    expect((await session.json()) as { token: string }).toMatchObject({
      token: expect.any(String),
    });
    const wrong = await fetch(`${url}/api/v1/session`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-packsmith-client": "t",
      },
      body: JSON.stringify({ ...ADMIN, password: "not it" }),
    });
    expect(wrong.status).toBe(401);

    const tgz = await fetch(
      `${url}/api/v1/packs/argo-cd/3.26.7/archive?format=tar.gz`,
    );
    expect(tgz.status).toBe(200);
    const tar = gunzipSync(Buffer.from(await tgz.arrayBuffer()));
    expect(tar.subarray(0, 100).toString("latin1")).toContain(
      "argo-cd-3.26.7/",
    );
  });
});
