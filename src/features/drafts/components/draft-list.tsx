import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FileDrop } from "@/components/ui/file-drop";
import { Link } from "@/components/ui/link";
import { DeleteDraftDialog } from "@/features/drafts/components/delete-draft-dialog";
import { StorageNotice } from "@/features/drafts/components/storage-notice";
import {
  draftFileName,
  readDraftFile,
  writeDraftFile,
} from "@/features/drafts/api/draft-file";
import {
  draftKeys,
  draftListQueryOptions,
  draftStoreQueryOptions,
} from "@/features/drafts/api/draft-queries";
import type { DraftSummary } from "@/features/drafts/api/draft-store";
import { paths } from "@/config/paths";
import { downloadBlob } from "@/lib/files";
import { navigate } from "@/lib/location";

import "./drafts.css";

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });

/** The drafts saved in this browser: resume, export, delete; and import a draft file. */
export function DraftList() {
  const queryClient = useQueryClient();
  const store = useQuery(draftStoreQueryOptions());
  const list = useQuery(draftListQueryOptions());
  const [deleting, setDeleting] = useState<DraftSummary | null>(null);

  const exportDraft = useMutation({
    mutationFn: async (d: DraftSummary) => {
      const loaded = await store.data!.load(d.id);
      if (!loaded)
        throw new Error("the draft is gone (deleted in another tab?)");
      downloadBlob(
        await writeDraftFile(loaded.draft, loaded.blobs),
        draftFileName(d.title),
      );
    },
  });
  const importDraft = useMutation({
    mutationFn: async (file: File) => {
      const r = await readDraftFile(file, file.name);
      if (!r.ok) throw new Error(r.error);
      const id = crypto.randomUUID();
      const saved = await store.data!.save({
        id,
        title: r.value.title,
        subtitle: r.value.subtitle,
        data: r.value.data,
        blobIds: [...r.value.blobs.keys()],
        newBlobs: r.value.blobs,
        baseRev: null,
      });
      if (!saved.ok) throw new Error("the draft could not be stored");
      return id;
    },
    onSuccess: (id) => {
      void queryClient.invalidateQueries({ queryKey: draftKeys.all });
      navigate(paths.draft(id));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => store.data!.remove(id),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: draftKeys.list() }),
  });

  const drafts = list.data ?? [];
  return (
    <section className="drafts" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Resume a draft</h2>
      {store.data && (
        <StorageNotice kind={store.data.kind} hasDrafts={drafts.length > 0} />
      )}
      {list.isPending && <p role="status">Looking for saved drafts…</p>}
      {list.isError && (
        <Alert tone="error" title="Saved drafts cannot be listed">
          <p>{String(list.error)}</p>
        </Alert>
      )}
      {list.isSuccess && drafts.length === 0 && (
        <p className="muted">No drafts saved in this browser yet.</p>
      )}
      {drafts.length > 0 && (
        <ul className="drafts__list">
          {drafts.map((d, i) => (
            <li
              key={d.id}
              className={
                i === 0 ? "drafts__item drafts__item--latest" : "drafts__item"
              }
            >
              <div>
                <Link to={paths.draft(d.id)} className="drafts__title">
                  {i === 0 ? `Continue ${d.title}` : d.title}
                </Link>
                <p className="drafts__meta">
                  {d.subtitle} · saved {when(d.savedAt)}
                </p>
              </div>
              <div className="drafts__actions">
                <Button
                  busy={
                    exportDraft.isPending && exportDraft.variables?.id === d.id
                  }
                  onClick={() => exportDraft.mutate(d)}
                  aria-label={`Export ${d.title}`}
                >
                  Export
                </Button>
                <Button
                  onClick={() => setDeleting(d)}
                  aria-label={`Delete ${d.title}`}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {exportDraft.isError && (
        <Alert tone="error" title="The draft could not be exported">
          <p>{exportDraft.error.message}</p>
        </Alert>
      )}
      <FileDrop
        label="Import a draft file (.packsmith-draft.zip)"
        accept=".zip,application/zip"
        onFiles={(r) =>
          r.kind === "files" && r.files[0] && importDraft.mutate(r.files[0])
        }
      />
      {importDraft.isError && (
        <Alert tone="error" title="The draft file cannot be imported">
          <p>{importDraft.error.message}</p>
        </Alert>
      )}
      <DeleteDraftDialog
        draft={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={(d) => {
          setDeleting(null);
          remove.mutate(d.id);
        }}
      />
    </section>
  );
}
