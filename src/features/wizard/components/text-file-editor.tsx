import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { replaceEqualDeep } from "@tanstack/react-query";
import { useFormContext, useWatch } from "react-hook-form";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EditorLinkTargets } from "@/features/wizard/components/editor-link-targets";
import { RemovalPrompt } from "@/features/wizard/components/removal-prompt";
import { fileRemoval, useRemoval } from "@/features/wizard/hooks/use-removal";
import { useFieldError } from "@/features/wizard/components/form-fields";
import { useValuesSyntax } from "@/features/wizard/hooks/use-values-syntax";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import type { WizardValues } from "@/features/wizard/model/draft-schema";
import {
  problemList,
  type Problem,
} from "@/features/wizard/model/problem-list";
import {
  CodeEditor,
  formatYaml,
  type EditorDiagnostic,
  type EditorMarker,
} from "@/lib/monaco";
import { CodeText } from "@/components/ui/code-text";
import { severityCounts } from "@/features/wizard/model/severity-counts";
import { firstYamlError } from "@/features/wizard/model/step-schemas";

interface TextFileEditorProps {
  file: "values" | "presets" | "schema";
  path: string;
  modelUri: string;
  schema?: unknown;
  revealLine?: number | undefined;
  onReady?: () => void;
  /** values.yaml always exists; the others can be added and removed. */
  required?: boolean;
  skeleton?: string;
  about?: string;
}

/** One YAML file of the pack in Monaco, with Format, its problems listed and the core's findings as markers. */
export function TextFileEditor({
  file,
  path,
  modelUri,
  schema,
  revealLine,
  onReady,
  required,
  skeleton = "",
  about,
}: TextFileEditorProps) {
  const { control, setValue, getValues } = useFormContext<WizardValues>();
  const removal = useRemoval();
  const { report, reportPending, draftId } = useWizard();
  const name = `files.${file}` as const;
  const text = useWatch({ control, name });
  const quick = useValuesSyntax(draftId, file === "values" ? text : null);
  const error = useFieldError(name);
  const [diagnostics, setDiagnostics] = useState<EditorDiagnostic[]>([]);
  const [focusLine, setFocusLine] = useState<
    { line: number; seq: number } | undefined
  >(undefined);
  const [formatError, setFormatError] = useState<string | null>(null);
  const fresh = useMemo(
    () => (report?.findings ?? []).filter((f) => f.file === path),
    [report, path],
  );
  // Each report is a new copy from the worker: findings equal to the last ones keep their identity,
  // so the markers (hundreds, for some packs) and the list are not redone when nothing changed.
  const [stable, setStable] = useState({ fresh, own: fresh });
  let own = stable.own;
  if (stable.fresh !== fresh) {
    own = replaceEqualDeep(stable.own, fresh);
    setStable({ fresh, own });
  }
  const quickErrors = reportPending ? quick?.findings : undefined;
  const findings = useMemo(
    () =>
      quickErrors?.length
        ? // The check of this text is still to come: the syntax errors the quick check found
          // stand for the report's (the full parse names only the first one of a document too).
          [
            ...quickErrors,
            ...own.filter(
              (f) => !(f.severity === "error" && f.code === "VALUES_SYNTAX"),
            ),
          ]
        : own,
    [own, quickErrors],
  );
  const markers: EditorMarker[] = useMemo(
    () =>
      findings.flatMap((f) =>
        f.line
          ? [{ line: f.line, message: f.message, severity: f.severity }]
          : [],
      ),
    [findings],
  );

  // The step's own error is the core's first YAML error in this text: listed with its finding's
  // own line (the message's words are not parsed for one). Cached by text: the schema asked first.
  const stepError = useMemo(
    () =>
      error === undefined
        ? undefined
        : ((text === null ? undefined : firstYamlError(text, path)) ?? {
            message: error,
          }),
    [error, text, path],
  );
  // The step's own error is in the list, once. Kept while the findings are the same: a pack's
  // values.yaml can have hundreds, and typing must not redraw them.
  const items = useMemo(
    () => problemList(findings, stepError, diagnostics),
    [findings, stepError, diagnostics],
  );
  // Lines with an error: each has a target in the page the error summary can link to.
  const errorLines = useMemo(
    () => [
      ...new Set(
        items.flatMap((p) =>
          p.severity === "error" && p.line ? [p.line] : [],
        ),
      ),
    ],
    [items],
  );
  const focusOn = useCallback(
    (line: number) => setFocusLine((f) => ({ line, seq: (f?.seq ?? 0) + 1 })),
    [],
  );

  const set = (v: string | null) =>
    setValue(name, v, { shouldDirty: true, shouldValidate: Boolean(error) });

  async function format() {
    // The form's text now, not this render's: the editor may have handed on keys since.
    const current = getValues(name);
    if (current === null) return;
    setFormatError(null);
    try {
      set(await formatYaml(current));
    } catch (e) {
      setFormatError(e instanceof Error ? e.message : String(e));
    }
  }

  if (text === null)
    return (
      <div className="text-file">
        {about && <p>{about}</p>}
        <p className="muted">This pack has no {path}.</p>
        <Button onClick={() => set(skeleton)}>Add {path}</Button>
        <RemovalPrompt removal={removal} />
      </div>
    );

  return (
    <div className="text-file">
      {about && <p>{about}</p>}
      <div className="text-file__toolbar">
        <Button onClick={() => void format()}>Format {path}</Button>
        {!required && (
          <Button
            onClick={() =>
              removal.request(
                fileRemoval(path, { getValues, setValue }, name, {
                  untouched: text.trim() === "" || text === skeleton,
                  set: { shouldDirty: true, shouldValidate: Boolean(error) },
                }),
              )
            }
          >
            Remove {path}
          </Button>
        )}
      </div>
      <RemovalPrompt removal={removal} />
      {formatError && (
        <Alert tone="error" title={`${path} cannot be formatted`}>
          <p>{formatError}</p>
        </Alert>
      )}
      {/* The error summary and the review link to the editor (#field-files-values) or to an
          error's line in it: either puts the focus in the editor, on that line or the first
          error's (the first line when there is none). */}
      <EditorLinkTargets
        name={name}
        label={path}
        lines={errorLines}
        focusOn={focusOn}
      >
        <CodeEditor
          value={text}
          language="yaml"
          ariaLabel={`${path} editor`}
          modelUri={modelUri}
          schema={schema}
          height="28rem"
          onChange={(v) => set(v)}
          onDiagnostics={setDiagnostics}
          onReady={onReady}
          markers={markers}
          revealLine={revealLine}
          focusLine={focusLine}
        />
      </EditorLinkTargets>
      <ProblemList path={path} items={items} onLine={focusOn} />
    </div>
  );
}

/**
 * How many problems are listed before "Show the other …": a pack's values.yaml can have
 * hundreds (one note per image it does not list), and every one drawn under the editor made
 * each key press lay out and paint them all again (a 569-note list: 10,900 layout objects,
 * paint 10x a short list's).
 */
const SHOWN = 50;

const ProblemList = memo(function ProblemList({
  path,
  items: unique,
  onLine,
}: {
  path: string;
  items: Problem[];
  onLine: (line: number) => void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? unique : unique.slice(0, SHOWN);
  const list = useRef<HTMLUListElement>(null);
  // Only the button sets `all`, and it goes once pressed: the focus goes to the first problem it
  // showed, not to the page.
  useEffect(() => {
    if (!all) return;
    const first = list.current?.children[SHOWN];
    if (first instanceof HTMLElement) {
      first.tabIndex = -1;
      first.focus();
    }
  }, [all]);
  return (
    <div className="text-file__problems" aria-live="polite">
      <h3 className="text-file__problems-title">
        {unique.length === 0
          ? `No problems found in ${path}`
          : `${severityCounts(unique)} on ${path}`}
      </h3>
      {unique.length > 0 && (
        <ul ref={list}>
          {shown.map((p) => (
            <ProblemRow
              key={`${p.line ?? 0}:${p.code}:${p.message}`}
              line={p.line}
              severity={p.severity}
              message={p.message}
              onLine={onLine}
            />
          ))}
        </ul>
      )}
      {shown.length < unique.length && (
        <Button variant="link" onClick={() => setAll(true)}>
          Show the other {severityCounts(unique.slice(shown.length))}
        </Button>
      )}
    </div>
  );
});

/** One problem: kept as it was while its line, severity and message are (a new report each pause). */
const ProblemRow = memo(function ProblemRow({
  line,
  severity,
  message,
  onLine,
}: {
  line: number | undefined;
  severity: Problem["severity"];
  message: string;
  onLine: (line: number) => void;
}) {
  return (
    <li className={`problem problem--${severity}`}>
      <span className="problem__severity">{severity}</span>{" "}
      {line ? (
        <Button variant="link" onClick={() => onLine(line)}>
          line {line}
        </Button>
      ) : null}{" "}
      <CodeText text={message} />
    </li>
  );
});
