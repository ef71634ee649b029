import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
} from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync, type CliRun } from "../helpers/cli";
import { FIXTURES } from "../helpers/fixtures";

// Issue 11: a source folder holding something the file system will not read crashed inspect,
// pack and push with a stack trace. Each command now names the path and why, and exits 2.
// Tests run as root, where `chmod 000` stops nothing: the unreadable things here are ones root
// cannot read either (a FIFO takes the same path as the socket; making one needs mkfifo).

const tmp = mkdtempSync(join(tmpdir(), "packsmith-unreadable-"));
/** A registry that only counts what reaches it: push must refuse before it sends anything. */
let requests = 0;
const registry = createServer((_req, res) => {
  requests++;
  res.writeHead(500).end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) =>
    registry.listen(0, "127.0.0.1", resolve),
  );
});
afterAll(async () => {
  await new Promise((resolve) => registry.close(resolve));
  for (const s of sockets) s.close();
  // rm walks the tree relative to each folder; Node's rmSync fails on a path past PATH_MAX.
  spawnSync("rm", ["-rf", tmp]);
});

/** Servers whose socket files sit in spoiled folders; open until the end, closed in afterAll. */
const sockets: Server[] = [];
const listening = (path: string): Server => createNetServer().listen(path);

/** A real fixture copied to `name` in the temp folder, with `spoil` applied to the copy. */
function spoiled(name: string, spoil: (dir: string) => void): string {
  const dir = join(tmp, name);
  cpSync(join(FIXTURES, "tutorials/hello-universe-pack"), dir, {
    recursive: true,
  });
  spoil(dir);
  return dir;
}

/**
 * Folders nested inside `dir` until the innermost file's path is past PATH_MAX (4096 bytes): each
 * call stays short, made from inside the previous folder, but the walk's lstat of the whole
 * path fails with ENAMETOOLONG.
 */
function overLongPath(dir: string): void {
  const segment = "d".repeat(200);
  const back = process.cwd();
  try {
    process.chdir(dir);
    for (let i = 0; i < 22; i++) {
      mkdirSync(segment);
      process.chdir(segment);
    }
    writeFileSync("deep.yaml", "a: 1\n");
  } finally {
    process.chdir(back);
  }
}

const SOURCES = {
  "a path longer than the system allows": {
    dir: () => spoiled("long", overLongPath),
    why: /`d{60}…d{40} \(\d+ characters\)`: its path is longer than the system allows \(ENAMETOOLONG\)/,
  },
  "a Unix socket": {
    dir: () =>
      spoiled("socket", (d) => {
        sockets.push(listening(join(d, "manifests/app.sock")));
      }),
    why: /`manifests\/app\.sock` is a device, socket or FIFO, not a regular file/,
  },
  "a dangling symbolic link": {
    dir: () =>
      spoiled("dangling", (d) =>
        symlinkSync(join(tmp, "nowhere"), join(d, "values-extra.yaml")),
      ),
    why: /`values-extra\.yaml` is a symbolic link: links are not allowed/,
  },
};

const COMMANDS: Record<string, (src: string) => string[]> = {
  validate: (src) => ["validate", src],
  inspect: (src) => ["inspect", src],
  pack: (src) => ["pack", src, "--out", join(tmp, "out.zip")],
  push: (src) => [
    "push",
    src,
    "--registry",
    `http://127.0.0.1:${(registry.address() as AddressInfo).port}`,
    "--token",
    "t",
  ],
};

const expectRefused = (r: CliRun, src: string, why: RegExp): void => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`packsmith: cannot read ${src}: `);
  expect(r.stderr).toMatch(why);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe("");
};

describe.each(Object.entries(SOURCES))("a source folder holding %s", (_, s) => {
  let src: string;
  beforeAll(() => {
    src = s.dir();
  });

  it.each(Object.keys(COMMANDS))(
    "%s names the path and why, exit 2, no stack trace",
    async (command) => {
      const before = requests;
      const r = await runCliAsync(tmp, ...COMMANDS[command]!(src));
      expectRefused(r, src, s.why);
      expect(requests - before).toBe(0);
    },
  );
});

describe("validate --json", () => {
  it("prints the unreadable source as an `unreadable` error naming the entry", async () => {
    const src = join(tmp, "long");
    const r = await runCliAsync(tmp, "validate", src, "--json");
    expect(r.code).toBe(2);
    const line = JSON.parse(r.stdout) as {
      source: string;
      error: { kind: string; entry: string; message: string };
    };
    expect(line.source).toBe(src);
    expect(line.error.kind).toBe("unreadable");
    // The first path past the limit: a folder or the file, by how long the temp folder is.
    expect(line.error.entry).toMatch(/^(d{200}\/)+(d{200}|deep\.yaml)$/);
  });
});

describe("pack --out", () => {
  it("names an output it cannot write and leaves no temp file, exit 2", async () => {
    const out = join(tmp, "a-folder.zip");
    mkdirSync(out);
    const r = await runCliAsync(
      tmp,
      "pack",
      join(FIXTURES, "tutorials/hello-universe-pack"),
      "--out",
      out,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${out}: it is a folder (EISDIR)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const left = spawnSync("ls", [tmp], { encoding: "utf8" }).stdout;
    expect(left).not.toMatch(/\.tmp$/m);
  });
});
