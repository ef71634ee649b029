import { monaco } from "./monaco";
import type { EditorLanguage } from "./types";

// Monaco keeps one model per URI for the whole page. Two editors showing the same file (the same
// `modelUri`) share it, so it is disposed only when the last of them lets go.
const holders = new Map<string, number>();
let unnamed = 0;

const EXTENSION: Record<EditorLanguage, string> = {
  yaml: "yaml",
  "yaml-template": "yaml",
  json: "json",
  markdown: "md",
  plaintext: "txt",
};

/** A URI for an editor that was given none (its schema still needs one to match). */
export function unnamedModelUri(language: EditorLanguage): string {
  unnamed += 1;
  return `inmemory://packsmith/unnamed-${unnamed}.${EXTENSION[language]}`;
}

export function acquireModel(
  uri: string,
  value: string,
  language: EditorLanguage,
): monaco.editor.ITextModel {
  const parsed = monaco.Uri.parse(uri);
  const key = parsed.toString();
  holders.set(key, (holders.get(key) ?? 0) + 1);
  const existing = monaco.editor.getModel(parsed);
  if (existing) return existing;
  return monaco.editor.createModel(value, language, parsed);
}

export function releaseModel(model: monaco.editor.ITextModel): void {
  const key = model.uri.toString();
  const left = (holders.get(key) ?? 1) - 1;
  if (left > 0) {
    holders.set(key, left);
    return;
  }
  holders.delete(key);
  model.dispose();
}
