/**
 * Pack folders the browser bench imports into the wizard, next to the ~100 MB pack of gen.ts
 * (writeBenchPack). Both are add-ons with one manifest and no chart, made from that pack's files:
 *
 * - `small`: a few lines of values.yaml (what most packs have): the editor's own start-up cost.
 * - `values1mb`: the big pack's ~1 MB values.yaml, without the 74 MB of charts: the editor and the
 *   checks on a big values file, apart from the cost of the rest of a big pack.
 */
import { copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface PackFolder {
  dir: string;
  name: string;
  valuesBytes: number;
}

const SMALL_VALUES = `pack:
  namespace: "bench-system"
  content:
    images:
      - image: docker.io/bitnami/nginx:1.25.0
manifests:
  00-namespace: {}
`;

function writePack(
  parent: string,
  big: string,
  name: string,
  values: string | null,
): PackFolder {
  const dir = path.join(parent, `${name}-1.0.0`);
  mkdirSync(path.join(dir, "manifests"), { recursive: true });
  copyFileSync(path.join(big, "logo.png"), path.join(dir, "logo.png"));
  copyFileSync(
    path.join(big, "manifests/00-namespace.yaml"),
    path.join(dir, "manifests/00-namespace.yaml"),
  );
  if (values === null)
    copyFileSync(path.join(big, "values.yaml"), path.join(dir, "values.yaml"));
  else writeFileSync(path.join(dir, "values.yaml"), values);
  writeFileSync(
    path.join(dir, "README.md"),
    `# ${name}\n\nA pack generated for the Packsmith browser bench.\n`,
  );
  writeFileSync(
    path.join(dir, "pack.json"),
    JSON.stringify(
      {
        addonType: "monitoring",
        annotations: { source: "community", contributor: "packsmith-bench" },
        cloudTypes: ["all"],
        displayName: name,
        kubeManifests: ["manifests/00-namespace.yaml"],
        layer: "addon",
        name,
        version: "1.0.0",
      },
      null,
      2,
    ) + "\n",
  );
  return {
    dir,
    name,
    valuesBytes: statSync(path.join(dir, "values.yaml")).size,
  };
}

/** The two small packs, in `parent`, from the big pack folder `big`. */
export function writeEditorPacks(
  parent: string,
  big: string,
): { small: PackFolder; values1mb: PackFolder } {
  return {
    small: writePack(parent, big, "bench-small", SMALL_VALUES),
    values1mb: writePack(parent, big, "bench-values", null),
  };
}
