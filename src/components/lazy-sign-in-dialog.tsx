import { lazy, Suspense, type ComponentProps } from "react";

import type { SignInDialog as EagerSignInDialog } from "@/components/sign-in-dialog";

// The dialog (with react-hook-form and zod) is in no page's chunk: it loads when the pointer or
// focus reaches a Sign in button (preloadSignInDialog), or at the latest on the click.
const loadSignInDialog = () => import("@/components/sign-in-dialog");
const SignInDialog = lazy(() =>
  loadSignInDialog().then((m) => ({ default: m.SignInDialog })),
);

/** Start loading the dialog before it is asked for (a Sign in button's hover or focus). */
export const preloadSignInDialog = (): void => void loadSignInDialog();

/**
 * SignInDialog, loaded on first use and mounted only while open (closing unmounts it; the dialog
 * still gives the focus back to its opener).
 */
export function LazySignInDialog(
  props: ComponentProps<typeof EagerSignInDialog>,
) {
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <SignInDialog {...props} />
    </Suspense>
  );
}
