// Monaco's YAML highlighting (the monarch grammar the "yaml" language loads), reused for
// "yaml-template" in monaco.ts. The package ships no declaration for this file.
declare module "monaco-editor/esm/vs/basic-languages/yaml/yaml.js" {
  import type { languages } from "monaco-editor/esm/vs/editor/editor.api.js";
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
