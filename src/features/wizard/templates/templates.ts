import { sortedPaths, type PackFiles } from "@/pack/pack-files";
import {
  TEMPLATE_FILE,
  templateInfo,
  templatePack,
  type TemplateInfo,
} from "@/pack/template-info";

/*
 * The Start step's templates are the pack folders in `templates/<id>/` at the package root (the
 * same folders `packsmith init` writes out). Their descriptions are bundled; a template's files
 * load when it is chosen: text as text, the logo as bytes fetched from its asset URL.
 */

const encoder = new TextEncoder();

const describing = import.meta.glob<string>(
  ["/templates/*/template.json", "/templates/*/pack.json"],
  { eager: true, query: "?raw", import: "default" },
);
const textFiles = import.meta.glob<string>(
  [
    "/templates/**",
    "!/templates/**/*.png",
    "!/templates/*/template.json",
    "!/templates/*/pack.json",
  ],
  { query: "?raw", import: "default" },
);
const binaryFiles = import.meta.glob<string>("/templates/**/*.png", {
  query: "?url",
  import: "default",
});

const folderOf = (key: string) => /^\/templates\/([^/]+)\//.exec(key)?.[1];

function list(): TemplateInfo[] {
  const ids = [...new Set(Object.keys(describing).map(folderOf))].filter(
    (x): x is string => x !== undefined,
  );
  const bytes = (id: string, file: string) => {
    const text = describing[`/templates/${id}/${file}`];
    return text === undefined ? undefined : encoder.encode(text);
  };
  return ids.flatMap((id) => {
    const r = templateInfo(
      id,
      bytes(id, TEMPLATE_FILE),
      bytes(id, "pack.json"),
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
  const files: PackFiles = new Map();
  // pack.json is bundled already (it gives the Start step the layer).
  const packJson = describing[`${prefix}pack.json`];
  if (packJson !== undefined) files.set("pack.json", encoder.encode(packJson));
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
