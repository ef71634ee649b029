#!/usr/bin/env node
// Runs the compiled command line (build/node/cli.mjs, written by scripts/build-node.mjs at
// `npm install` and `npm run build`) when it is there and no source that went into it has
// changed since; otherwise the TypeScript through tsx, with a one-line note. A stale bundle
// never runs: `npm run build:node` brings it up to date.
import { readFileSync, statSync } from "node:fs";

const root = new URL("../", import.meta.url);

/** Why the bundle cannot run (missing or older than a source), or null when it can. */
function staleness() {
  let built;
  try {
    built = JSON.parse(
      readFileSync(new URL("build/node/inputs.json", root), "utf8"),
    );
  } catch {
    return "build/node/ is missing";
  }
  if (!Array.isArray(built?.inputs) || typeof built.builtAt !== "number")
    return "build/node/inputs.json is not the build's";
  for (const input of built.inputs) {
    let mtime;
    try {
      mtime = statSync(new URL(input, root)).mtimeMs;
    } catch {
      return `${input} is gone since build/node/ was built`;
    }
    if (mtime > built.builtAt)
      return `${input} changed since build/node/ was built`;
  }
  return null;
}

const why = staleness();
let main;
if (why === null) {
  ({ main } = await import("../build/node/cli.mjs"));
} else {
  process.stderr.write(
    `packsmith: ${why}; running the TypeScript through tsx (npm run build:node compiles it)\n`,
  );
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
