import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";

import { Alert } from "@/components/ui/alert";
import { Link } from "@/components/ui/link";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import {
  draftFileName,
  writeDraftFile,
} from "@/features/drafts/api/draft-file";
import {
  draftKeys,
  draftQueryOptions,
  draftStoreQueryOptions,
  rememberSavedDraft,
} from "@/features/drafts/api/draft-queries";
import type { DraftStore } from "@/features/drafts/api/draft-store";
import { DraftList } from "@/features/drafts/components/draft-list";
import { PackWizard } from "@/features/wizard/components/pack-wizard";
import { StartScreen } from "@/features/wizard/components/start-screen";
import {
  draftSubtitle,
  draftTitle,
} from "@/features/wizard/hooks/use-autosave";
import {
  restoreDraftData,
  type NewDraft,
} from "@/features/wizard/model/new-draft";
import type { DraftExport } from "@/features/wizard/types";
import {
  importPackArchive,
  importPackFiles,
} from "@/features/wizard/utils/import-pack";
import { packArchiveQueryOptions } from "@/lib/api/packs";
import { downloadBlob } from "@/lib/files";
import { takeHandedOffPack } from "@/lib/handoff";
import { navigate, useSearch } from "@/lib/location";
import type { PackFiles } from "@/pack/pack-files";

/** Store a new draft and open it in the wizard. */
function useCreateDraft(store: DraftStore | undefined) {
  const queryClient = useQueryClient();
  return async (draft: NewDraft, replace = false) => {
    // A click that comes before IndexedDB has opened waits for it (it used to fail the start).
    const drafts =
      store ?? (await queryClient.ensureQueryData(draftStoreQueryOptions()));
    const id = crypto.randomUUID();
    const input = {
      id,
      title: draftTitle(draft.data),
      subtitle: draftSubtitle(draft.data),
      data: draft.data,
      blobIds: [...draft.blobs.keys()],
      newBlobs: draft.blobs,
      baseRev: null,
    };
    const saved = await drafts.save(input);
    if (!saved.ok) throw new Error("the draft could not be stored");
    rememberSavedDraft(queryClient, input, draft.blobs, saved);
    void queryClient.invalidateQueries({ queryKey: draftKeys.list() });
    navigate(paths.draft(id), { replace });
  };
}

function StartPage() {
  const store = useQuery(draftStoreQueryOptions());
  const create = useCreateDraft(store.data);
  return <StartScreen onCreate={(d) => create(d)} drafts={<DraftList />} />;
}

/** `/build?from=<name>/<version>`: a new version of a registry pack, prefilled from its archive. */
function FromRegistry({ spec }: { spec: string }) {
  const i = spec.lastIndexOf("/");
  const name = spec.slice(0, i);
  const version = spec.slice(i + 1);
  const valid = i > 0 && version !== "";
  const store = useQuery(draftStoreQueryOptions());
  const archive = useQuery({
    ...packArchiveQueryOptions(name, version),
    enabled: valid,
  });
  const create = useCreateDraft(store.data);
  const start = useMutation({
    mutationFn: async (archive: Blob) => {
      const r = await importPackArchive(archive, `${name}-${version}.zip`);
      if (!r.ok) throw new Error(r.error);
      await create(r.value, true);
    },
  });
  const { mutate } = start;
  const ready = archive.data && store.data;
  // Starting the import is an effect of the data arriving, once.
  useEffect(() => {
    if (ready && archive.data) mutate(archive.data);
  }, [ready, archive.data, mutate]);

  const problem = !valid
    ? `"${spec}" is not a pack reference: use ?from=<name>/<version>.`
    : archive.isError
      ? `${name} ${version} cannot be downloaded: ${archive.error.message}`
      : start.isError
        ? start.error.message
        : null;
  return (
    <>
      <title>New version · Packsmith</title>
      <h1>
        New version of {name} {version}
      </h1>
      {problem ? (
        <Alert tone="error" title="This pack cannot be opened in the builder">
          <p>{problem}</p>
          <p>
            <Link to={paths.build}>Start another way</Link>
          </p>
        </Alert>
      ) : (
        <Spinner label={`Preparing a new version of ${name}…`} />
      )}
    </>
  );
}

function DraftPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const store = useQuery(draftStoreQueryOptions());
  const loaded = useQuery(draftQueryOptions(id));
  const restored = useMemo(
    () => (loaded.data ? restoreDraftData(loaded.data.draft.data) : null),
    [loaded.data],
  );

  if (loaded.isPending || store.isPending)
    return <Spinner label="Opening the draft…" />;
  if (
    loaded.isError ||
    store.isError ||
    !loaded.data ||
    !restored?.ok ||
    !store.data
  )
    return (
      <>
        <title>Draft not found · Packsmith</title>
        <h1>This draft cannot be opened</h1>
        <Alert tone="error" title="The draft is not available">
          <p>
            {loaded.data === null
              ? "There is no such draft in this browser: it was published, deleted, or saved in another browser."
              : restored && !restored.ok
                ? `It cannot be read: ${restored.error}.`
                : "The browser's storage could not be read."}
          </p>
        </Alert>
        <p>
          <Link to={paths.build}>See your drafts, or start a new pack</Link>
        </p>
      </>
    );
  const storeData = store.data;
  return (
    <PackWizard
      draft={{
        id,
        rev: loaded.data.draft.rev,
        savedAt: loaded.data.draft.savedAt,
        data: restored.value,
        blobs: loaded.data.blobs,
      }}
      storage={storeData}
      onExport={async (d: DraftExport) =>
        downloadBlob(
          await writeDraftFile({ ...d, blobIds: [...d.blobs.keys()] }, d.blobs),
          draftFileName(d.title),
        )
      }
      onPublished={() => {
        void storeData
          .remove(id)
          .then(() =>
            queryClient.invalidateQueries({ queryKey: draftKeys.list() }),
          );
      }}
    />
  );
}

/** `/build?from=local`: a new version of a pack the reviewer opened from disk (src/lib/handoff.ts). */
function FromLocal() {
  const store = useQuery(draftStoreQueryOptions());
  const create = useCreateDraft(store.data);
  // Taken once per mount: the handed-over files are not kept anywhere else.
  const [handed] = useState(takeHandedOffPack);
  const start = useMutation({
    mutationFn: async (p: { files: PackFiles; label: string }) => {
      const r = await importPackFiles(p.files, p.label);
      if (!r.ok) throw new Error(r.error);
      await create(r.value, true);
    },
  });
  const { mutate } = start;
  useEffect(() => {
    if (handed && store.data) mutate(handed);
  }, [handed, store.data, mutate]);
  const problem = !handed
    ? "The pack you opened is no longer in this tab (the page was reloaded). Open it again, or import it here."
    : start.isError
      ? start.error.message
      : null;
  return (
    <>
      <title>New version · Packsmith</title>
      <h1>New version of {handed?.label ?? "a local pack"}</h1>
      {problem ? (
        <Alert tone="error" title="This pack cannot be opened in the builder">
          <p>{problem}</p>
          <p>
            <Link to={paths.build}>Start another way</Link>
          </p>
        </Alert>
      ) : (
        <Spinner label="Preparing a new version…" />
      )}
    </>
  );
}

/** The pack builder (issue 4): the start page, a draft in the wizard, or a new version of a pack. */
export function BuildRoute({ draftId }: { draftId?: string | undefined }) {
  const from = useSearch().get("from");
  if (draftId) return <DraftPage key={draftId} id={draftId} />;
  if (from === "local") return <FromLocal />;
  if (from) return <FromRegistry key={from} spec={from} />;
  return <StartPage />;
}
