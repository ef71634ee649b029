import { namesRegistry } from "@/pack/image-ref";
import { parseImageRef, type PackImage } from "@/pack/images";

/** One row of the images table: the reference as found, taken apart when it parses. */
export interface ImageRow {
  /** Exactly as the pack writes it (or as composed from chart values). */
  ref: string;
  source: string;
  line?: number;
  note?: string;
  /** Taken apart by the distribution grammar, or why it cannot be. */
  parsed:
    | {
        ok: true;
        registry: string;
        /** The registry is Docker Hub by default: the reference does not name one. */
        registryImplied: boolean;
        repository: string;
        tag?: string;
        digest?: string;
      }
    | { ok: false; message: string };
}

const isImage = (v: unknown): v is PackImage => {
  if (!v || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return typeof o.ref === "string" && typeof o.source === "string";
};

/**
 * The images table's rows, in the order given (the core's: listed images, manifests, charts).
 * Entries that are not `{ref, source}` are skipped, so a broken answer cannot break the page.
 */
export function imageRows(images: readonly unknown[]): ImageRow[] {
  return images.filter(isImage).map((image) => {
    const row: ImageRow = {
      ref: image.ref,
      source: image.source,
      parsed: { ok: false, message: "" },
    };
    if (typeof image.line === "number" && Number.isInteger(image.line))
      row.line = image.line;
    if (typeof image.note === "string" && image.note !== "")
      row.note = image.note;
    const p = parseImageRef(image.ref);
    if (!p.ok) {
      row.parsed = { ok: false, message: p.error.message };
      return row;
    }
    const named = namesRegistry(image.ref);
    row.parsed = {
      ok: true,
      registry: p.value.registry,
      registryImplied: !named,
      repository: p.value.repository,
      ...(p.value.tag !== undefined ? { tag: p.value.tag } : {}),
      ...(p.value.digest !== undefined ? { digest: p.value.digest } : {}),
    };
    return row;
  });
}
