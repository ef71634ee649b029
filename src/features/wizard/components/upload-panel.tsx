import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { createPortal } from "react-dom";

import { formatBytes } from "@/components/pack/file-kind";
import { SignInDialog } from "@/components/sign-in-dialog";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { DraftConflict } from "@/features/wizard/components/draft-conflict";
import { ForceDialog } from "@/features/wizard/components/force-dialog";
import { UploadOutcome } from "@/features/wizard/components/upload-outcome";
import { useWizard } from "@/features/wizard/hooks/wizard-context";
import {
  uploadProblem,
  type UploadProblem,
} from "@/features/wizard/model/upload-problem";
import { packKeys } from "@/lib/api/packs";
import { useSession } from "@/lib/api/session";
import { uploadPack, type UploadResult } from "@/lib/api/upload-pack";
import { getPackWorker } from "@/lib/pack-worker/client";

interface UploadPanelProps {
  name: string;
  version: string;
  stem: string;
  /** The core found errors (or has not checked yet): the registry would refuse the pack. */
  blocked: boolean;
  onPublished: () => void;
}

type Phase =
  | { kind: "zip"; percent: number }
  | { kind: "send"; sent: number; total: number };

/**
 * The dialogs render into document.body: the wizard is a <form>, and a sign-in form nested in it
 * would be submitted by the browser itself (with the password in the URL).
 *
 * PUT the pack to the registry API: the zip is written in the worker, then sent with progress and
 * a Cancel. A 401 asks to sign in and retries; a 409 shows both digests, and the dialog that asks
 * before forcing shows what differs, file by file.
 */
export function UploadPanel({
  name,
  version,
  stem,
  blocked,
  onPublished,
}: UploadPanelProps) {
  const { files } = useWizard();
  const session = useSession();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const [signInOpen, setSignInOpen] = useState(false);
  const [forceOpen, setForceOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const localDigest = useRef("");

  const upload = useMutation({
    mutationFn: async (
      force: boolean,
    ): Promise<UploadResult & { local: string }> => {
      const controller = new AbortController();
      abort.current = controller;
      const worker = getPackWorker();
      setPhase({ kind: "zip", percent: 0 });
      const { zip, sha256, digest } = await worker.writeUploadZip(
        files,
        stem,
        (percent) => setPhase({ kind: "zip", percent }),
      );
      localDigest.current = digest;
      if (controller.signal.aborted)
        throw new DOMException("the upload was cancelled", "AbortError");
      setPhase({ kind: "send", sent: 0, total: zip.size });
      const result = await uploadPack({
        name,
        version,
        zip,
        sha256,
        digest,
        force,
        signal: controller.signal,
        onProgress: (sent, total) => setPhase({ kind: "send", sent, total }),
      });
      return { ...result, local: digest };
    },
    onMutate: () => setProblem(null),
    onSettled: () => {
      setPhase(null);
      abort.current = null;
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: packKeys.all });
      // The draft is no longer needed only when the registry holds exactly this content.
      if (r.digest === r.local) onPublished();
    },
    onError: (e) => {
      const p = uploadProblem(e, localDigest.current);
      setProblem(p);
      if (p.kind === "sign-in") setSignInOpen(true);
    },
  });

  const start = (force: boolean) => {
    if (!session) {
      setSignInOpen(true);
      return;
    }
    upload.mutate(force);
  };

  return (
    <div className="upload">
      <p>
        {session
          ? `Signed in as ${session.username}.`
          : "Uploading needs an account on this registry."}{" "}
        The pack is uploaded as {stem}.zip and checked again by the server.
      </p>
      <div className="wizard__buttons">
        <Button
          variant="primary"
          busy={upload.isPending}
          disabled={blocked}
          onClick={() => start(false)}
        >
          {session ? `Upload ${name} ${version}` : "Sign in and upload"}
        </Button>
        {upload.isPending && (
          <Button onClick={() => abort.current?.abort()}>Cancel upload</Button>
        )}
      </div>
      {blocked && !upload.isPending && (
        <p className="muted">
          Fix the errors first: the registry would refuse the pack.
        </p>
      )}
      {phase?.kind === "zip" && (
        <ProgressBar label={`Writing ${stem}.zip`} percent={phase.percent} />
      )}
      {phase?.kind === "send" && (
        <ProgressBar
          label={`Uploading ${stem}.zip`}
          percent={phase.total ? (phase.sent / phase.total) * 100 : undefined}
          detail={`${formatBytes(phase.sent)} of ${formatBytes(phase.total)}`}
        />
      )}
      <UploadOutcome
        problem={problem}
        result={upload.data}
        name={name}
        version={version}
        onForce={() => setForceOpen(true)}
      />
      {createPortal(
        <>
          <ForceDialog
            open={forceOpen}
            name={name}
            version={version}
            onClose={() => setForceOpen(false)}
            onConfirm={() => {
              setForceOpen(false);
              start(true);
            }}
          >
            {forceOpen && problem?.kind === "exists" && (
              <DraftConflict name={name} version={version} />
            )}
          </ForceDialog>
          <SignInDialog
            open={signInOpen}
            reason={
              problem?.kind === "sign-in"
                ? problem.message
                : "Sign in to upload this pack."
            }
            onClose={() => setSignInOpen(false)}
            onSignedIn={() => {
              setSignInOpen(false);
              upload.mutate(upload.variables ?? false);
            }}
          />
        </>,
        document.body,
      )}
    </div>
  );
}
