/**
 * Monaco's vs and vs-dark themes with each of their token colours (the same rules, darkened or
 * lightened where needed) at 4.5:1 or more (WCAG AA) against the editor background and against the
 * diff's inserted and removed highlights, which are made lighter too. Monaco's own colours fall
 * short there (YAML keys, #008080, reach 2.5:1 on a removed line), and axe fails the page on them.
 * Plain data, so a test can check every contrast.
 */
export interface EditorThemeData {
  base: "vs" | "vs-dark";
  inherit: true;
  rules: { token: string; foreground: string }[];
  colors: Record<string, string>;
}

export const LIGHT_THEME: EditorThemeData = {
  base: "vs",
  inherit: true,
  rules: [
    { token: "", foreground: "000000" },
    { token: "invalid", foreground: "AC2929" },
    { token: "variable", foreground: "001188" },
    { token: "variable.predefined", foreground: "405998" },
    { token: "constant", foreground: "BC0000" },
    { token: "comment", foreground: "006C00" },
    { token: "number", foreground: "076945" },
    { token: "number.hex", foreground: "3030C0" },
    { token: "regexp", foreground: "800000" },
    { token: "annotation", foreground: "5C5C5C" },
    { token: "type", foreground: "006666" },
    { token: "delimiter", foreground: "000000" },
    { token: "delimiter.html", foreground: "383838" },
    { token: "delimiter.xml", foreground: "0000FF" },
    { token: "tag", foreground: "800000" },
    { token: "tag.id.pug", foreground: "3E5D87" },
    { token: "tag.class.pug", foreground: "3E5D87" },
    { token: "meta.scss", foreground: "800000" },
    { token: "metatag", foreground: "BC0000" },
    { token: "metatag.content.html", foreground: "BA0000" },
    { token: "metatag.html", foreground: "5C5C5C" },
    { token: "metatag.xml", foreground: "5C5C5C" },
    { token: "key", foreground: "863B00" },
    { token: "string.key.json", foreground: "A31515" },
    { token: "string.value.json", foreground: "0451A5" },
    { token: "attribute.name", foreground: "BA0000" },
    { token: "attribute.value", foreground: "0451A5" },
    { token: "attribute.value.number", foreground: "076945" },
    { token: "attribute.value.unit", foreground: "076945" },
    { token: "attribute.value.html", foreground: "0000FF" },
    { token: "attribute.value.xml", foreground: "0000FF" },
    { token: "string", foreground: "A31515" },
    { token: "string.html", foreground: "0000FF" },
    { token: "string.sql", foreground: "BA0000" },
    { token: "string.yaml", foreground: "0451A5" },
    { token: "keyword", foreground: "0000FF" },
    { token: "keyword.json", foreground: "0451A5" },
    { token: "keyword.flow", foreground: "9900BF" },
    { token: "keyword.flow.scss", foreground: "0000FF" },
    { token: "operator.scss", foreground: "5C5C5C" },
    { token: "operator.sql", foreground: "4F5D6A" },
    { token: "operator.swift", foreground: "5C5C5C" },
    { token: "predefined.sql", foreground: "A300A3" },
  ],
  colors: {
    "diffEditor.insertedLineBackground": "#9bb9551a",
    "diffEditor.insertedTextBackground": "#9ccc2c2e",
    "diffEditor.removedLineBackground": "#ff000014",
    "diffEditor.removedTextBackground": "#ff000024",
  },
};

export const DARK_THEME: EditorThemeData = {
  base: "vs-dark",
  inherit: true,
  rules: [
    { token: "", foreground: "D4D4D4" },
    { token: "invalid", foreground: "F99E9E" },
    { token: "variable", foreground: "87BBE3" },
    { token: "variable.predefined", foreground: "A7B6DA" },
    { token: "variable.parameter", foreground: "9CDCFE" },
    { token: "constant", foreground: "8BBBE3" },
    { token: "comment", foreground: "9CBF8D" },
    { token: "number", foreground: "B5CEA8" },
    { token: "number.hex", foreground: "7CC3AD" },
    { token: "regexp", foreground: "D5A9C3" },
    { token: "annotation", foreground: "E2A7A7" },
    { token: "type", foreground: "3FCAB1" },
    { token: "delimiter", foreground: "DCDCDC" },
    { token: "delimiter.html", foreground: "B6B6B6" },
    { token: "delimiter.xml", foreground: "B6B6B6" },
    { token: "tag", foreground: "8BBBE3" },
    { token: "tag.id.pug", foreground: "A1B7D4" },
    { token: "tag.class.pug", foreground: "A1B7D4" },
    { token: "meta.scss", foreground: "C0B59A" },
    { token: "meta.tag", foreground: "DAAB98" },
    { token: "metatag", foreground: "EAA2A5" },
    { token: "metatag.content.html", foreground: "9CDCFE" },
    { token: "metatag.html", foreground: "8BBBE3" },
    { token: "metatag.xml", foreground: "8BBBE3" },
    { token: "key", foreground: "9CDCFE" },
    { token: "string.key.json", foreground: "9CDCFE" },
    { token: "string.value.json", foreground: "DAAB98" },
    { token: "attribute.name", foreground: "9CDCFE" },
    { token: "attribute.value", foreground: "DAAB98" },
    { token: "attribute.value.number.css", foreground: "B5CEA8" },
    { token: "attribute.value.unit.css", foreground: "B5CEA8" },
    { token: "attribute.value.hex.css", foreground: "D4D4D4" },
    { token: "string", foreground: "DAAB98" },
    { token: "string.sql", foreground: "FF9999" },
    { token: "keyword", foreground: "8BBBE3" },
    { token: "keyword.flow", foreground: "D5A7D1" },
    { token: "keyword.json", foreground: "DAAB98" },
    { token: "keyword.flow.scss", foreground: "8BBBE3" },
    { token: "operator.scss", foreground: "B5B5B5" },
    { token: "operator.sql", foreground: "ADB7C1" },
    { token: "operator.swift", foreground: "B5B5B5" },
    { token: "predefined.sql", foreground: "FF8AFF" },
  ],
  colors: {
    "diffEditor.insertedLineBackground": "#9bb9551f",
    "diffEditor.insertedTextBackground": "#9ccc2c29",
    "diffEditor.removedLineBackground": "#ff00001f",
    "diffEditor.removedTextBackground": "#ff000029",
  },
};

/** The editor background of each base theme (Monaco's, unchanged). */
export const THEME_BACKGROUND = {
  vs: "#fffffe",
  "vs-dark": "#1e1e1e",
} as const;
