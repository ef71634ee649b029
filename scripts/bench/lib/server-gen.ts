/**
 * Child process of the server bench: `server-gen.ts <out file prefix> <first> <end> <names>` writes
 * the tiny pack zips `first` … `end - 1` (server-packs.ts `tinySpec` / `tinyPackZip`) one after the
 * other into `<prefix>.bin`, with `<prefix>.json` listing `{name, version, layer, offset, length}`
 * for each. Run in child processes so generation uses both cores (and overlaps building the big pack).
 */
import { writeFileSync } from "node:fs";
import { tinyCommon, tinyPackZip, tinySpec } from "./server-packs";

const [out, firstArg, endArg, namesArg] = process.argv.slice(2);
const first = Number(firstArg);
const end = Number(endArg);
const names = Number(namesArg);
if (!out || !(first >= 0) || !(end > first) || !(names > 0))
  throw new Error("usage: server-gen.ts <out prefix> <first> <end> <names>");
const common = tinyCommon();
const parts: Buffer[] = [];
const index: {
  name: string;
  version: string;
  layer: string;
  offset: number;
  length: number;
}[] = [];
let offset = 0;
for (let i = first; i < end; i++) {
  const s = tinySpec(i, names);
  const zip = await tinyPackZip(s, common);
  parts.push(zip);
  index.push({ ...s, offset, length: zip.length });
  offset += zip.length;
}
writeFileSync(`${out}.bin`, Buffer.concat(parts));
writeFileSync(`${out}.json`, JSON.stringify(index));
