import { Component, type ReactNode } from "react";

interface EditorLoadBoundaryProps {
  /** Shown instead of the editor when its chunk (or Monaco itself) failed. */
  fallback: ReactNode;
  children: ReactNode;
}

/**
 * Catches a failed load of the Monaco chunk (offline, a new deployment removed the old chunk) so
 * the page keeps the text instead of breaking. A class: React has no hook for error boundaries.
 */
export class EditorLoadBoundary extends Component<
  EditorLoadBoundaryProps,
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
