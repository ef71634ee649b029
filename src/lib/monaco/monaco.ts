// The one module that imports Monaco and monaco-yaml (house style). It is only ever reached through
// a dynamic import, so Monaco is a chunk of its own, loaded by the first editor on a page.
//
// Cherry-picked instead of `monaco-editor` (editor.main.js): the editor features of
// `edcore.main.js` minus those Packsmith never offers (inline completions, code lens, colour
// picker, inlay hints, semantic tokens, paste/drop providers, GPU rendering…), and only the
// languages it shows (YAML, JSON, Markdown): no TypeScript, CSS or HTML services, no eighty grammars.
import "monaco-editor/esm/vs/editor/browser/coreCommands.js";
import "monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js";
import "monaco-editor/esm/vs/editor/browser/widget/diffEditor/diffEditor.contribution.js";
import "monaco-editor/esm/vs/editor/contrib/anchorSelect/browser/anchorSelect.js";
import "monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js";
import "monaco-editor/esm/vs/editor/contrib/caretOperations/browser/caretOperations.js";
import "monaco-editor/esm/vs/editor/contrib/caretOperations/browser/transpose.js";
import "monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js";
import "monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions.js";
import "monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js";
import "monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js";
import "monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js";
import "monaco-editor/esm/vs/editor/contrib/dnd/browser/dnd.js";
import "monaco-editor/esm/vs/editor/contrib/find/browser/findController.js";
import "monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js";
import "monaco-editor/esm/vs/editor/contrib/fontZoom/browser/fontZoom.js";
import "monaco-editor/esm/vs/editor/contrib/format/browser/formatActions.js";
import "monaco-editor/esm/vs/editor/contrib/documentSymbols/browser/documentSymbols.js";
import "monaco-editor/esm/vs/editor/contrib/gotoSymbol/browser/goToCommands.js";
import "monaco-editor/esm/vs/editor/contrib/gotoSymbol/browser/link/goToDefinitionAtPosition.js";
import "monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js";
import "monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js";
import "monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js";
import "monaco-editor/esm/vs/editor/contrib/lineSelection/browser/lineSelection.js";
import "monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js";
import "monaco-editor/esm/vs/editor/contrib/links/browser/links.js";
import "monaco-editor/esm/vs/editor/contrib/longLinesHelper/browser/longLinesHelper.js";
import "monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js";
import "monaco-editor/esm/vs/editor/contrib/rename/browser/rename.js";
import "monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js";
import "monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js";
import "monaco-editor/esm/vs/editor/contrib/stickyScroll/browser/stickyScrollContribution.js";
import "monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js";
import "monaco-editor/esm/vs/editor/contrib/tokenization/browser/tokenization.js";
import "monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js";
import "monaco-editor/esm/vs/editor/contrib/unicodeHighlighter/browser/unicodeHighlighter.js";
import "monaco-editor/esm/vs/editor/contrib/unusualLineTerminators/browser/unusualLineTerminators.js";
import "monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js";
import "monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js";
import "monaco-editor/esm/vs/editor/contrib/wordPartOperations/browser/wordPartOperations.js";
import "monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js";
import "monaco-editor/esm/vs/editor/common/standaloneStrings.js";
import "monaco-editor/esm/vs/base/browser/ui/codicons/codiconStyles.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneHelpQuickAccess.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoSymbolQuickAccess.js";
import "monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js";
import "monaco-editor/esm/vs/editor/standalone/browser/referenceSearch/standaloneReferenceSearch.js";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js";
import "monaco-editor/esm/vs/basic-languages/markdown/markdown.contribution.js";
import "monaco-editor/esm/vs/language/json/monaco.contribution.js";
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import { configureMonacoYaml } from "monaco-yaml";

import { DARK_THEME, LIGHT_THEME } from "./editor-themes";
import { yamlSchemaSettings } from "./yaml-schemas";
import { isDark, onThemeChange } from "@/lib/theme";

/**
 * Every worker is a module worker bundled by Vite from node_modules: nothing comes from a CDN,
 * and no blob: or eval is needed, so the app's CSP (`worker-src 'self'`) holds.
 */
function spawnWorker(label: string): Worker {
  switch (label) {
    case "json":
      return new Worker(
        new URL(
          "monaco-editor/esm/vs/language/json/json.worker.js",
          import.meta.url,
        ),
        { type: "module", name: "monaco-json" },
      );
    case "yaml":
      return new Worker(new URL("./yaml.worker.ts", import.meta.url), {
        type: "module",
        name: "monaco-yaml",
      });
    default:
      return new Worker(
        new URL(
          "monaco-editor/esm/vs/editor/editor.worker.js",
          import.meta.url,
        ),
        { type: "module", name: "monaco-editor" },
      );
  }
}

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => spawnWorker(label),
};

// monaco-yaml asks `editor.createWebWorker` for a worker by label, without passing one. The full
// `monaco-editor` entry adds that to the core API; this cherry-picked build must do the same,
// speaking the worker's start-up protocol (a first message to wake it, then the create data).
const coreCreateWebWorker = monaco.editor.createWebWorker;
type AnyWorkerOptions =
  monaco.editor.IInternalWebWorkerOptions | monaco.editor.IWebWorkerOptions;
function createWebWorker(options: AnyWorkerOptions) {
  if ("worker" in options && options.worker !== undefined)
    return coreCreateWebWorker(options);
  const { label, createData, host, keepIdleModels } =
    options as monaco.editor.IWebWorkerOptions;
  const worker = spawnWorker(label ?? "editorWorkerService");
  worker.postMessage("ignore");
  worker.postMessage(createData);
  return coreCreateWebWorker({ worker, host, keepIdleModels });
}
monaco.editor.createWebWorker =
  createWebWorker as typeof monaco.editor.createWebWorker;

/** The system's light/dark (and forced-colors) preference decides the theme of every editor. */
// Monaco cancels its pending delayed work when an editor is disposed (a tab or view switch) by
// rejecting the work's promise with its CancellationError, which some callers leave unhandled.
// That rejection is Monaco saying "nothing to do", not a fault: keep it out of the page's errors.
// Anything else still reaches the console and the problem watchers of the browser tests.
window.addEventListener("unhandledrejection", (event) => {
  const r: unknown = event.reason;
  if (r instanceof Error && r.name === "Canceled" && r.message === "Canceled")
    event.preventDefault();
});

function followColorScheme(): void {
  monaco.editor.defineTheme("packsmith-light", LIGHT_THEME);
  monaco.editor.defineTheme("packsmith-dark", DARK_THEME);
  const forced = window.matchMedia("(forced-colors: active)");
  const apply = (): void => {
    const dark = isDark();
    monaco.editor.setTheme(
      forced.matches
        ? dark
          ? "hc-black"
          : "hc-light"
        : dark
          ? "packsmith-dark"
          : "packsmith-light",
    );
  };
  apply();
  // The header's theme switch or the system's preference.
  onThemeChange(apply);
  forced.addEventListener("change", apply);
}
followColorScheme();

// YAML with template actions: YAML's highlighting under a language id of its own, which the
// YAML language service (monaco-yaml, bound to "yaml") leaves alone. Checked as YAML, a chart's
// valid templates showed a problem on every `{{ … }}` line.
monaco.languages.register({ id: "yaml-template", aliases: ["YAML template"] });
monaco.languages.onLanguage("yaml-template", () => {
  void import("monaco-editor/esm/vs/basic-languages/yaml/yaml.js").then(
    ({ conf, language }) => {
      monaco.languages.setLanguageConfiguration("yaml-template", conf);
      monaco.languages.setMonarchTokensProvider("yaml-template", language);
    },
  );
});

const yamlSchemas = new Map<string, unknown>();
const monacoYaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  // Hovers would link to the made-up schema URIs.
  hoverSchemaSource: false,
  schemas: [],
});
let appliedSettings = "[]";

function updateYamlSchemas(): void {
  const settings = yamlSchemaSettings(yamlSchemas);
  const key = JSON.stringify(settings);
  // `update` restarts the YAML worker: skip it when nothing changed.
  if (key === appliedSettings) return;
  appliedSettings = key;
  void monacoYaml.update({ schemas: settings });
}

/**
 * Use `schema` for the YAML model at `modelUri` (as `model.uri.toString()` spells it); `undefined`
 * removes it. Returns the removal.
 */
export function setYamlSchema(modelUri: string, schema: unknown): () => void {
  if (schema === undefined) yamlSchemas.delete(modelUri);
  else yamlSchemas.set(modelUri, schema);
  updateYamlSchemas();
  return () => {
    if (yamlSchemas.get(modelUri) !== schema) return;
    yamlSchemas.delete(modelUri);
    updateYamlSchemas();
  };
}

export { monaco };
