import { useEffect, useRef, useState, type ReactNode } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { Spinner } from "@/components/ui/spinner";
import {
  blankDraft,
  templateDraft,
  type NewDraft,
} from "@/features/wizard/model/new-draft";
import {
  TEMPLATES,
  templateFiles,
} from "@/features/wizard/templates/templates";
import { importPackDraft } from "@/features/wizard/utils/import-pack";
import type { DroppedItems } from "@/lib/files";

import "./wizard.css";

interface StartScreenProps {
  /** Store the new draft and open it. */
  onCreate: (draft: NewDraft) => Promise<void>;
  /** The saved drafts (the drafts feature's list), shown under "Resume". */
  drafts: ReactNode;
}

/** The way in: a blank pack, a template, an existing pack to make a new version of, or a saved draft. */
export function StartScreen({ onCreate, drafts }: StartScreenProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An import's error is shown beside its drop zone and takes the focus, so it is seen where the
  // user dropped the file, not at the top of the page.
  const [importError, setImportError] = useState<string | null>(null);
  const importAlert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (importError === null) return;
    importAlert.current?.scrollIntoView({ block: "center" });
    importAlert.current?.focus();
  }, [importError]);

  async function create(
    label: string,
    make: () => Promise<NewDraft> | NewDraft,
  ) {
    setBusy(label);
    setError(null);
    setImportError(null);
    try {
      await onCreate(await make());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (label === "import") setImportError(message);
      else setError(message);
      setBusy(null);
    }
  }

  async function importPack(items: DroppedItems) {
    setBusy("import");
    setError(null);
    setImportError(null);
    const r = await importPackDraft(items);
    if (!r.ok) {
      setImportError(r.error);
      setBusy(null);
      return;
    }
    await create("import", () => r.value);
  }

  return (
    <div className="start">
      <title>Build a pack · Packsmith</title>
      <h1>Build a pack</h1>
      <p className="lead">
        Describe your pack step by step; Packsmith checks it with the same rules
        as the registry and writes the archive. Your work is saved in this
        browser as you go.
      </p>
      {error && (
        <Alert tone="error" title="The pack could not be started">
          <p>{error}</p>
        </Alert>
      )}
      {busy && <Spinner label="Preparing the draft…" />}
      {drafts}
      <section className="start__section" aria-labelledby="start-new">
        <h2 id="start-new">Start a new pack</h2>
        <Button
          variant="primary"
          busy={busy === "blank"}
          onClick={() => void create("blank", blankDraft)}
        >
          Start from a blank pack
        </Button>
      </section>
      <section className="start__section" aria-labelledby="start-templates">
        <h2 id="start-templates">Start from a template</h2>
        <ul className="start__templates">
          {TEMPLATES.map((t) => (
            <li key={t.id} className="start__template">
              <h3>{t.title}</h3>
              <p>{t.description}</p>
              <Button
                busy={busy === t.id}
                onClick={() =>
                  void create(t.id, async () => {
                    const r = templateDraft(t.id, await templateFiles(t.id));
                    if (!r.ok) throw new Error(r.error);
                    return r.value;
                  })
                }
                aria-label={`Use this template: ${t.title}`}
              >
                Use this template
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <section className="start__section" aria-labelledby="start-import">
        <h2 id="start-import">Make a new version of an existing pack</h2>
        <FileDrop
          label="Pack archive or folder"
          description="A .zip or .tar.gz of a pack, or its folder. Every file is kept; the version is moved on."
          accept=".zip,.tar.gz,.tgz,.tar,application/zip,application/gzip"
          allowFolder
          onFiles={(items) => void importPack(items)}
        />
        {importError && (
          <Alert
            ref={importAlert}
            tabIndex={-1}
            tone="error"
            title="This pack could not be imported"
          >
            <p>{importError}</p>
          </Alert>
        )}
      </section>
    </div>
  );
}
