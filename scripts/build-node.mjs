#!/usr/bin/env node
/**
 * Compiles the command line and the server's production start to plain JavaScript in
 * `build/node/` (git-ignored), so neither compiles TypeScript when it starts (issue 11 item 1).
 * Runs at `prepare` (every `npm install` / `npm ci`), in `npm run build` and alone as
 * `npm run build:node` (about a fifth of a second).
 *
 * Outputs, all flat in `build/node/` so that `new URL("./x.mjs", import.meta.url)` in any bundled
 * module names a file beside it:
 * - `cli.mjs` (src/cli/main.ts) and `validate-task.mjs`, the worker of `validate <src>…`;
 * - `server.mjs` (server/main.ts) and every `server/workers/*-task.{mjs,ts}` as `<name>.mjs`,
 *   the piscina task files `server/workers/pool.ts` resolves;
 * - `chunk-*.mjs`, code shared by those entries and loaded on demand (`--version` loads only
 *   `cli.mjs`);
 * - `inputs.json`, the source files that went into the command line's files: `bin/packsmith.mjs`
 *   runs the bundle only when none of them is newer, and otherwise the TypeScript through tsx (a
 *   stale bundle never runs; a server-only edit leaves it current).
 *
 * npm packages stay external (`packages: "external"`): they load from node_modules as before.
 * Without esbuild (an install without dev dependencies) it says so and exits 0: the command line
 * then runs through tsx.
 */
import {
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "build", "node");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  process.stderr.write(
    "build-node: esbuild is not installed (no dev dependencies); the command line will run through tsx\n",
  );
  process.exit(0);
}

/**
 * The npm imports stay as written, so each must be one Node itself can load: tsx and bundlers
 * forgive `semver/functions/parse` without `.js`, Node's ESM loader does not. Checked here so the
 * build fails, not the server's first start.
 */
const nodeResolvable = {
  name: "node-resolvable",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return undefined;
      let url;
      try {
        url = import.meta.resolve(args.path);
      } catch (e) {
        return { errors: [{ text: `${args.path}: ${e.message}` }] };
      }
      if (url.startsWith("file:") && !existsSync(fileURLToPath(url)))
        return {
          errors: [
            {
              text: `Node cannot load "${args.path}" (${fileURLToPath(url)} does not exist); write the file's extension`,
            },
          ],
        };
      return undefined;
    });
  },
};

const workerTasks = readdirSync(join(ROOT, "server", "workers"))
  .filter((f) => /-task\.(mjs|ts)$/.test(f))
  .map((f) => ({
    in: join(ROOT, "server", "workers", f),
    out: f.replace(/\.(mjs|ts)$/, ""),
  }));

/** The command line's entries: the bin and the worker of `validate <src>…`. */
const CLI_ENTRIES = ["src/cli/main.ts", "src/cli/validate-task.ts"];

// Build beside the live folder and swap it in, so a CLI or a test started meanwhile never loads a
// half-written bundle (several test files may build at once).
const tmp = join(ROOT, "build", `.node-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
const started = Date.now();
let result;
try {
  result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [
      { in: CLI_ENTRIES[0], out: "cli" },
      { in: CLI_ENTRIES[1], out: "validate-task" },
      { in: "server/main.ts", out: "server" },
      ...workerTasks,
    ],
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.11",
    packages: "external",
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
    plugins: [nodeResolvable],
  });
} catch (e) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(
    `build-node: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
}

/**
 * The sources of the command line: the inputs of `cli.mjs`, `validate-task.mjs` and every chunk
 * they import. The server's own sources are left out, so editing server/ does not send the command
 * line back to tsx.
 */
function cliInputs({ outputs }) {
  const queue = Object.keys(outputs).filter((o) =>
    CLI_ENTRIES.includes(outputs[o].entryPoint),
  );
  const seen = new Set();
  while (queue.length) {
    const o = queue.pop();
    if (seen.has(o)) continue;
    seen.add(o);
    for (const i of outputs[o].imports) if (outputs[i.path]) queue.push(i.path);
  }
  const sources = new Set(
    [...seen].flatMap((o) => Object.keys(outputs[o].inputs)),
  );
  return [...sources].filter((p) => !p.startsWith("node_modules/")).sort();
}
const inputs = cliInputs(result.metafile);
writeFileSync(
  join(tmp, "inputs.json"),
  `${JSON.stringify({ builtAt: started, inputs }, null, 1)}\n`,
);

const old = join(ROOT, "build", `.node-old-${process.pid}`);
try {
  renameSync(OUT, old);
} catch (e) {
  if (e.code !== "ENOENT") throw e;
}
try {
  renameSync(tmp, OUT);
} catch (e) {
  // Another build swapped its folder in meanwhile: it is as fresh as ours.
  if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
  rmSync(tmp, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });

const bytes = Object.values(result.metafile.outputs).reduce(
  (n, o) => n + o.bytes,
  0,
);
process.stderr.write(
  `build-node: ${relative(ROOT, OUT)}/ (${Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".mjs")).length} files, ${(bytes / 1024).toFixed(0)} KiB with source maps) in ${Date.now() - started} ms\n`,
);
