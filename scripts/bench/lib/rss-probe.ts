/**
 * Child process for probeRss: `rss-probe.ts <bench> <op> <json args>`. Imports
 * scripts/bench/<bench>.ts, prepares `rssOps[op](args)` (loading its inputs), then runs the returned
 * function once and prints {"peakRssMB": <peak RSS rise over the RSS just before the call>}.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { RssOps } from "./context";
import { gc, RssSampler } from "./measure";

const [bench, op, json] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const mod = (await import(
  pathToFileURL(path.join(here, "..", `${bench}.ts`)).href
)) as { rssOps?: RssOps };
const prepare = mod.rssOps?.[op!];
if (!prepare) throw new Error(`scripts/bench/${bench}.ts has no rssOps.${op}`);
const run = await prepare(JSON.parse(json ?? "{}") as Record<string, string>);
gc();
await new Promise((r) => setTimeout(r, 50)); // let freed ArrayBuffers go back to the OS
gc();
const sampler = await RssSampler.start();
const result = await run();
const peakRssMB = sampler.stop();
void result;
console.log(JSON.stringify({ peakRssMB }));
