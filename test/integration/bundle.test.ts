import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentDigest } from "../../src/pack/digest";
import { buildNode, ROOT } from "../helpers/cli";
import { loadFixture } from "../helpers/fixtures";
import { fixtureZip } from "../helpers/packs";
import { ADMIN, basic, writeHeaders, writeHtpasswd } from "../helpers/server";

// Issue 11 item 1: the server's production start is the compiled build/node/server.mjs (no tsx),
// and the piscina task files it resolves are bundled beside it: a sign-in runs bcrypt in the pool,
// an upload is checked in it and a tar.gz is built in it.

let proc: ChildProcess;
let url = "";
let output = "";
const dataDir = mkdtempSync(join(tmpdir(), "packsmith-bundle-"));

beforeAll(async () => {
  buildNode();
  proc = spawn(process.execPath, [join(ROOT, "build/node/server.mjs")], {
    // Another folder than the repository: the bundle finds its task files beside itself.
    cwd: dataDir,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      PACKSMITH_DATA: dataDir,
      PACKSMITH_HTPASSWD: writeHtpasswd(dataDir),
      PACKSMITH_STATIC: "",
      PACKSMITH_LOG: "silent",
      // No loader may sneak in from the test runner's environment.
      NODE_OPTIONS: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 30 s\n${output}`)),
      30_000,
    );
    proc.stdout!.on("data", () => {
      const m = /running at (http:\/\/[^/\s]+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${output}`));
    });
  });
}, 60_000);

afterAll(async () => {
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
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
