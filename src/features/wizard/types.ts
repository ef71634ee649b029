import type {
  DraftBlobs,
  DraftData,
} from "@/features/wizard/model/draft-schema";

/**
 * What the wizard needs from wherever drafts are kept. The drafts feature's store has this shape;
 * the build route passes it in, so the two features never import each other.
 */
export interface WizardDraftStorage {
  /** "memory": nothing survives a reload, so leaving with changes always asks. */
  kind: "indexeddb" | "memory";
  save(input: {
    id: string;
    title: string;
    subtitle: string;
    data: unknown;
    blobIds: string[];
    newBlobs: ReadonlyMap<string, Uint8Array>;
    baseRev: number | null;
  }): Promise<
    | { ok: true; rev: number; savedAt: string }
    | { ok: false; conflict: { rev: number; savedAt: string } }
  >;
  remove(id: string): Promise<void>;
}

/** A draft as the wizard opens it. */
export interface OpenedDraft {
  id: string;
  /** The stored revision; null for a draft not saved yet. */
  rev: number | null;
  savedAt: string | null;
  data: DraftData;
  blobs: DraftBlobs;
}

/** A draft as it is on screen, to be written as a draft file. */
export interface DraftExport {
  title: string;
  subtitle: string;
  data: DraftData;
  blobs: DraftBlobs;
}
