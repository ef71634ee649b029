// The public face of the editor: light components that load Monaco (its own chunk) on first render.
export { CodeEditor } from "./code-editor";
export { DiffEditor } from "./diff-editor";
export { formatYaml } from "./format-yaml";
export type { EditorDiagnostic, EditorLanguage, EditorMarker } from "./types";
