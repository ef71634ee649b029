import { imageRefString, parseImageRef } from "./image-ref";
import type { PackImage } from "./images";
import { compareBytes } from "./pack-files";

/**
 * One image of two packs' `PackDetail.images[]`, compared. `retagged` is the same repository
 * pulled with another tag or digest; `repository` is Docker's normalised form
 * (`docker.io/library/redis`), or the reference as written when it does not parse.
 */
export type ImageDelta =
  | { status: "added"; repository: string; after: PackImage }
  | { status: "removed"; repository: string; before: PackImage }
  | {
      status: "retagged" | "unchanged";
      repository: string;
      before: PackImage;
      after: PackImage;
    };

interface Keyed {
  image: PackImage;
  /** Registry and repository, without tag or digest. */
  repository: string;
  /** The whole reference, normalised, so `redis:7` and `docker.io/library/redis:7` are one. */
  ref: string;
}

function keyed(image: PackImage): Keyed {
  const r = parseImageRef(image.ref);
  if (!r.ok) return { image, repository: image.ref, ref: image.ref };
  return {
    image,
    repository: `${r.value.registry}/${r.value.repository}`,
    ref: imageRefString(r.value),
  };
}

/**
 * Compare the images two packs pull: added, removed, retagged (the same repository with another
 * tag or digest) and unchanged, sorted by repository. When one side pulls a repository under
 * several tags, equal references match first and the rest pair up in reference order; the extra
 * ones are added or removed. A reference that does not parse is compared as written. Never throws.
 */
export function diffImages(
  before: readonly PackImage[],
  after: readonly PackImage[],
): ImageDelta[] {
  const group = (list: readonly PackImage[]) => {
    const m = new Map<string, Keyed[]>();
    for (const k of list.map(keyed))
      m.set(k.repository, [...(m.get(k.repository) ?? []), k]);
    return m;
  };
  const old = group(before);
  const now = group(after);
  const repositories = [...new Set([...old.keys(), ...now.keys()])].sort(
    compareBytes,
  );
  const byRef = (x: Keyed, y: Keyed) => compareBytes(x.ref, y.ref);
  return repositories.flatMap((repository): ImageDelta[] => {
    const b = [...(old.get(repository) ?? [])].sort(byRef);
    const a = [...(now.get(repository) ?? [])].sort(byRef);
    const out: ImageDelta[] = [];
    const aRefs = new Set(a.map((k) => k.ref));
    const bRefs = new Set(b.map((k) => k.ref));
    for (const k of a) {
      const same = b.find((o) => o.ref === k.ref);
      if (same)
        out.push({
          status: "unchanged",
          repository,
          before: same.image,
          after: k.image,
        });
    }
    const gone = b.filter((k) => !aRefs.has(k.ref));
    const come = a.filter((k) => !bRefs.has(k.ref));
    const n = Math.min(gone.length, come.length);
    for (let i = 0; i < n; i++)
      out.push({
        status: "retagged",
        repository,
        before: gone[i]!.image,
        after: come[i]!.image,
      });
    for (const k of come.slice(n))
      out.push({ status: "added", repository, after: k.image });
    for (const k of gone.slice(n))
      out.push({ status: "removed", repository, before: k.image });
    return out;
  });
}

/** The tag and/or digest of a reference as written (`7.2`, `@sha256:…`), or '' when it has none. */
export function imageVersion(ref: string): string {
  const r = parseImageRef(ref);
  if (!r.ok) return "";
  const { tag, digest } = r.value;
  return [tag, digest !== undefined ? `@${digest}` : undefined]
    .filter((s) => s !== undefined)
    .join(" ");
}
