import { sortedPaths, type PackFiles } from "@/pack/pack-files";
import {
  TEMPLATE_FILE,
  templateInfo,
  templatePack,
  templateSamples,
  type TemplateInfo,
  type TemplateSample,
} from "@/pack/template-info";

/*
 * The Start step's templates are the pack folders in `templates/<id>/` at the package root (the
 * same folders `packsmith init` writes out). Their descriptions are bundled, and the files that
 * hold their sample values (pack.json, values.yaml: a few hundred bytes each), so a draft's check
 * can compare with them; a template's other files load when it is chosen: text as text, the logo
 * as bytes fetched from its asset URL.
 */

const encoder = new TextEncoder();

const describing = import.meta.glob<string>(
  [
    "/templates/*/template.json",
    "/templates/*/pack.json",
    "/templates/*/values.yaml",
  ],
  { eager: true, query: "?raw", import: "default" },
);
const textFiles = import.meta.glob<string>(
  [
    "/templates/**",
    "!/templates/**/*.png",
    "!/templates/*/template.json",
    "!/templates/*/pack.json",
    "!/templates/*/values.yaml",
  ],
  { query: "?raw", import: "default" },
);
const binaryFiles = import.meta.glob<string>("/templates/**/*.png", {
  query: "?url",
  import: "default",
});

const folderOf = (key: string) => /^\/templates\/([^/]+)\//.exec(key)?.[1];

/** A bundled file of template `id`, as bytes. */
const bundled = (id: string, file: string) => {
  const text = describing[`/templates/${id}/${file}`];
  return text === undefined ? undefined : encoder.encode(text);
};

/** The files of template `id`'s pack that are bundled: pack.json and values.yaml. */
function bundledPack(id: string): PackFiles {
  const files: PackFiles = new Map();
  for (const file of ["pack.json", "values.yaml"]) {
    const bytes = bundled(id, file);
    if (bytes) files.set(file, bytes);
  }
  return files;
}

function list(): TemplateInfo[] {
  const ids = [...new Set(Object.keys(describing).map(folderOf))].filter(
    (x): x is string => x !== undefined,
  );
  return ids.flatMap((id) => {
    const r = templateInfo(
      id,
      bundled(id, TEMPLATE_FILE),
      bundled(id, "pack.json"),
    );
    // A broken template is a build-time mistake of ours: it is left out, not shown half-made.
    if (!r.ok) console.error(r.error);
    return r.ok ? [r.value] : [];
  });
}

/** OS packs first, in the documentation's order of examples, then add-ons. */
const ORDER = [
  "centos-aws",
  "centos-vsphere-template",
  "ubuntu-vsphere-ova",
  "centos-azure",
  "prometheus-grafana",
  "permission-manager",
];
const rank = (id: string) => {
  const i = ORDER.indexOf(id);
  return i === -1 ? ORDER.length : i;
};

/** The templates, as the Start step lists them. */
export const TEMPLATES: readonly TemplateInfo[] = list().sort(
  (a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id),
);

const samples = new Map<string, readonly TemplateSample[]>();

/**
 * The documentation's sample values of template `id`, each with the value the template holds
 * there (what a draft from it is checked against); none for an id that is no template.
 */
export function templateSampleValues(id: string): readonly TemplateSample[] {
  let found = samples.get(id);
  if (!found) {
    const info = TEMPLATES.find((t) => t.id === id);
    found = info ? templateSamples(info.sampleValues, bundledPack(id)) : [];
    samples.set(id, found);
  }
  return found;
}

/**
 * The bytes of a bundled asset. Vite inlines a small one as a base64 `data:` URL, which is decoded
 * here: the app's CSP (`connect-src 'self'`) does not let fetch read `data:` URLs.
 */
async function assetBytes(url: string): Promise<Uint8Array> {
  const inline = /^data:[^,]*;base64,(.*)$/.exec(url);
  if (inline)
    return Uint8Array.from(atob(inline[1] ?? ""), (c) => c.charCodeAt(0));
  const res = await fetch(url);
  if (!res.ok)
    throw new Error(`${url} could not be loaded (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Every file of template `id`'s pack (template.json left out), path relative to its folder. */
export async function templateFiles(id: string): Promise<PackFiles> {
  const prefix = `/templates/${id}/`;
  const files = bundledPack(id);
  const loads: Promise<void>[] = [];
  for (const [key, load] of Object.entries(textFiles))
    if (key.startsWith(prefix))
      loads.push(
        load().then((text) => {
          files.set(key.slice(prefix.length), encoder.encode(text));
        }),
      );
  for (const [key, load] of Object.entries(binaryFiles))
    if (key.startsWith(prefix))
      loads.push(
        load().then(async (url) => {
          files.set(key.slice(prefix.length), await assetBytes(url));
        }),
      );
  await Promise.all(loads);
  // Sorted, as a folder or an archive gives them.
  return templatePack(
    new Map(sortedPaths(files).map((path) => [path, files.get(path)!])),
  );
}
