import { readChart } from "../../src/pack/chart";
import { packImages, type ImageScan } from "../../src/pack/images";
import type { PackFiles } from "../../src/pack/pack-files";
import { decodeText, parseYamlLimited } from "../../src/pack/yaml-text";

/** packImages over a pack's own values and every chart archive it holds. */
export function scanImages(files: PackFiles): ImageScan {
  const charts = [...files]
    .filter(([p]) => p.endsWith(".tgz"))
    .flatMap(([file, bytes]) => {
      const r = readChart(bytes, { name: file });
      return r.ok ? [{ file, info: r.value }] : [];
    });
  const text = decodeText(files.get("values.yaml") ?? new Uint8Array());
  const values = text === null ? null : parseYamlLimited(text, "values.yaml");
  return packImages({ files, values, charts });
}
