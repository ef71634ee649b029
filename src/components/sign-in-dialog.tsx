import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useRef, type RefObject } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { ApiError } from "@/lib/api/client";
import type { Session } from "@/lib/api/session";
import { signIn } from "@/lib/api/sign-in";

import "./sign-in-dialog.css";

export const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your user name"),
  password: z.string().min(1, "Enter your password"),
});
export type SignInInput = z.infer<typeof signInSchema>;

interface SignInDialogProps {
  open: boolean;
  /** Cancel (Escape, Close, Cancel). Set `open` to false here. */
  onClose: () => void;
  /** After a successful sign-in (the session is already stored). Set `open` to false here too. */
  onSignedIn: (session: Session) => void;
  /** Why signing in is needed now, e.g. "Sign in to upload this pack." */
  reason?: string;
}

/** Sign in to the registry with a user name and password, in a modal dialog. */
export function SignInDialog({
  open,
  onClose,
  onSignedIn,
  reason,
}: SignInDialogProps) {
  const username = useRef<HTMLInputElement | null>(null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Sign in"
      initialFocusRef={username}
    >
      <SignInForm
        reason={reason}
        onSignedIn={onSignedIn}
        onCancel={onClose}
        usernameRef={username}
      />
    </Dialog>
  );
}

/** What to tell the user about a failed sign-in, in their terms. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "The user name or password is wrong.";
    if (error.status === 429)
      return sentence(
        `Too many failed sign-ins: ${afterSemicolon(error.message)}`,
      );
    return sentence(error.message);
  }
  return sentence(
    `Signing in failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

const afterSemicolon = (message: string): string => {
  const i = message.indexOf(";");
  return i >= 0 ? message.slice(i + 1).trim() : message;
};

const sentence = (text: string): string => {
  const t = text.trim();
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

interface SignInFormProps {
  reason?: string;
  onSignedIn: (session: Session) => void;
  onCancel: () => void;
  /** The user name field, focused when the dialog opens. */
  usernameRef: RefObject<HTMLInputElement | null>;
}

function SignInForm({
  reason,
  onSignedIn,
  onCancel,
  usernameRef,
}: SignInFormProps) {
  const usernameId = useId();
  const passwordId = useId();
  const summaryId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { username: "", password: "" },
    // The error summary takes focus instead, and links to each field.
    shouldFocusError: false,
  });

  // After render, so the summary exists (by id: it appears with the errors).
  const focusSummary = () =>
    requestAnimationFrame(() => document.getElementById(summaryId)?.focus());

  const onSubmit = handleSubmit(
    async ({ username, password }) => {
      try {
        onSignedIn(await signIn(username, password));
      } catch (error) {
        setError("root.server", { message: signInErrorMessage(error) });
        focusSummary();
      }
    },
    () => focusSummary(),
  );

  const { ref: registerUsername, ...usernameField } = register("username");

  const fieldErrors = [
    errors.username?.message && {
      id: usernameId,
      message: errors.username.message,
    },
    errors.password?.message && {
      id: passwordId,
      message: errors.password.message,
    },
  ].filter((e): e is { id: string; message: string } => Boolean(e));
  const serverError = errors.root?.server?.message;

  return (
    <form className="sign-in-form" noValidate onSubmit={onSubmit}>
      {reason && <p className="sign-in-form__reason">{reason}</p>}
      {(serverError || fieldErrors.length > 0) && (
        <Alert
          id={summaryId}
          tabIndex={-1}
          tone="error"
          title="There is a problem"
        >
          {serverError && <p>{serverError}</p>}
          {fieldErrors.length > 0 && (
            <ul>
              {fieldErrors.map((e) => (
                <li key={e.id}>
                  <a
                    href={`#${e.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(e.id)?.focus();
                    }}
                  >
                    {e.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <div className="sign-in-form__field">
        <label htmlFor={usernameId}>User name</label>
        {errors.username && (
          <p id={`${usernameId}-error`} className="sign-in-form__error">
            {errors.username.message}
          </p>
        )}
        <input
          id={usernameId}
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={errors.username ? `${usernameId}-error` : undefined}
          {...usernameField}
          ref={(element) => {
            registerUsername(element);
            usernameRef.current = element;
          }}
        />
      </div>
      <div className="sign-in-form__field">
        <label htmlFor={passwordId}>Password</label>
        {errors.password && (
          <p id={`${passwordId}-error`} className="sign-in-form__error">
            {errors.password.message}
          </p>
        )}
        <input
          id={passwordId}
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? `${passwordId}-error` : undefined}
          {...register("password")}
        />
      </div>
      <VisuallyHidden role="status">
        {isSubmitting ? "Signing in…" : ""}
      </VisuallyHidden>
      <div className="sign-in-form__actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="primary" type="submit" busy={isSubmitting}>
          Sign in
        </Button>
      </div>
    </form>
  );
}
