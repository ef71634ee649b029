import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  type ReactNode,
  type RefObject,
  type SyntheticEvent,
} from "react";

import "./dialog.css";

interface DialogProps {
  /** Controlled: the dialog shows while true. `onClose` must set it to false. */
  open: boolean;
  /** Escape, the close button, or the browser closing the dialog. */
  onClose: () => void;
  /** The heading; it also names the dialog. */
  title: ReactNode;
  children: ReactNode;
  /** Buttons at the bottom (put the primary action last). */
  actions?: ReactNode;
  /** What takes focus on opening; by default the browser's choice (the first focusable element). */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Wider content (a diff, a file list). */
  size?: "small" | "large";
}

/**
 * A modal dialog on the native `<dialog>`: `showModal()` makes the rest of the page inert (focus
 * stays inside), Escape closes it, and focus goes back to what had it before. The content is
 * rendered only while open, so a form inside starts fresh each time.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  actions,
  initialFocusRef,
  size = "small",
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const focusInitial = useEffectEvent(() => initialFocusRef?.current?.focus());

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener =
      document.activeElement instanceof HTMLElement
        ? document.activeElement
        : null;
    if (!dialog.open) dialog.showModal();
    focusInitial();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  function handleCancel(event: SyntheticEvent<HTMLDialogElement>) {
    // Escape: keep the dialog open until the owner sets `open` to false, so state and screen agree.
    event.preventDefault();
    onClose();
  }

  function handleClose() {
    // The browser may close a modal without asking (a repeated Escape): tell the owner.
    if (open) onClose();
  }

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      onCancel={handleCancel}
      onClose={handleClose}
    >
      {open && (
        <div className="dialog__frame">
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button
              type="button"
              className="dialog__close"
              aria-label="Close"
              onClick={onClose}
            >
              <span aria-hidden="true">×</span>
            </button>
          </header>
          <div className="dialog__body">{children}</div>
          {actions && <footer className="dialog__actions">{actions}</footer>}
        </div>
      )}
    </dialog>
  );
}
