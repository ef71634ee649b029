import type {
  DraftBlobs,
  WizardValues,
} from "@/features/wizard/model/draft-schema";

/**
 * A short name for a draft's content: FNV-1a over the form's JSON (blobs are named by id, and
 * an id never changes its bytes). Equal drafts give equal fingerprints; it keys cached results.
 */
export function draftFingerprint(
  values: WizardValues,
  blobs: DraftBlobs,
): string {
  const text = JSON.stringify(values) + [...blobs.keys()].join(",");
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}-${text.length}`;
}
