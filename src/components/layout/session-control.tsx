import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import {
  LazySignInDialog,
  preloadSignInDialog,
} from "@/components/lazy-sign-in-dialog";
import { Button } from "@/components/ui/button";
import { useSession, type Session } from "@/lib/api/session";
import { signOut } from "@/lib/api/sign-in";

import "./session-control.css";

/**
 * The header's sign-in state: the signed-in user with Sign out (which ends the session on the
 * server, then forgets the token), or Sign in, which opens the sign-in dialog.
 */
export function SessionControl() {
  const session = useSession();
  useReloadOnSessionChange(session);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const signInButton = useRef<HTMLButtonElement | null>(null);
  // Sign out removes the focused button: keep keyboard focus in the header, on Sign in.
  const focusSignIn = useRef(false);
  useEffect(() => {
    if (focusSignIn.current && !session) {
      focusSignIn.current = false;
      signInButton.current?.focus();
    }
  }, [session]);

  return (
    <div className="session-control">
      {/* One live region in both states, so "Signed out." is announced. */}
      <span className="session-control__notice" role="status">
        {notice}
      </span>
      {session ? (
        <>
          <span className="session-control__user">
            Signed in as <strong>{session.username}</strong>
          </span>
          <Button
            variant="secondary"
            busy={busy}
            onClick={() => {
              setBusy(true);
              focusSignIn.current = true;
              void signOut().then((ended) => {
                setBusy(false);
                setNotice(
                  ended
                    ? "Signed out."
                    : "Signed out here; the registry could not be reached, so the session ends when it expires.",
                );
              });
            }}
          >
            Sign out
          </Button>
        </>
      ) : (
        <>
          <Button
            ref={signInButton}
            variant="secondary"
            onPointerEnter={preloadSignInDialog}
            onFocus={preloadSignInDialog}
            onClick={() => setDialogOpen(true)}
          >
            Sign in
          </Button>
          <LazySignInDialog
            open={dialogOpen}
            onClose={() => setDialogOpen(false)}
            onSignedIn={() => {
              setDialogOpen(false);
              setNotice("");
            }}
          />
        </>
      )}
    </div>
  );
}

/**
 * The page's data follows the session (sign-in from the header, a "Sign in to read" prompt or an
 * upload; sign-out; a token the server refused). Signed in: the reads that failed (a 401 where
 * reads need sign-in) run again; the rest stays, so a pack's archive is not downloaded twice.
 * Signed out: everything read is dropped and read again, so nothing read with the token stays on
 * screen where reads need sign-in.
 */
function useReloadOnSessionChange(session: Session | null): void {
  const queryClient = useQueryClient();
  const token = session?.token ?? null;
  const shown = useRef(token);
  useEffect(() => {
    if (shown.current === token) return;
    shown.current = token;
    void reload(queryClient, token !== null);
  }, [queryClient, token]);
}

const reload = (queryClient: QueryClient, signedIn: boolean): Promise<void> =>
  signedIn
    ? queryClient.invalidateQueries({
        predicate: (q) => q.state.status === "error",
      })
    : queryClient.resetQueries();
