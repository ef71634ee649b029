import { useState, type ReactNode } from "react";

import {
  LazySignInDialog,
  preloadSignInDialog,
} from "@/components/lazy-sign-in-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api/client";

interface RegistryReadErrorProps {
  error: Error;
  /** The title for any other failure, e.g. "The registry could not be read". */
  title: string;
  /** The text for any other failure; the error's own message when absent. */
  children?: ReactNode;
  /** Offered as "Try again" for any other failure. */
  onRetry?: () => void;
}

/**
 * A failed read of the registry. A 401 means this registry lets only signed-in users read it
 * (PACKSMITH_PUBLIC_READ=false), or the session ended: it offers Sign in, after which the page's
 * data is read again (SessionControl reloads the queries that failed). Anything else says what
 * went wrong, with Try again.
 */
export function RegistryReadError({
  error,
  title,
  children,
  onRetry,
}: RegistryReadErrorProps) {
  const [dialogOpen, setDialogOpen] = useState(false);
  if (error instanceof ApiError && error.status === 401)
    return (
      <Alert tone="warning" title="Sign in to read this registry">
        <p>This registry shows its packs to signed-in users only.</p>
        <Button
          variant="primary"
          onPointerEnter={preloadSignInDialog}
          onFocus={preloadSignInDialog}
          onClick={() => setDialogOpen(true)}
        >
          Sign in
        </Button>
        <LazySignInDialog
          open={dialogOpen}
          reason="Sign in to read this registry."
          onClose={() => setDialogOpen(false)}
          onSignedIn={() => setDialogOpen(false)}
        />
      </Alert>
    );
  return (
    <Alert tone="error" title={title}>
      {children ?? <p>{error.message}</p>}
      {onRetry && <Button onClick={onRetry}>Try again</Button>}
    </Alert>
  );
}
