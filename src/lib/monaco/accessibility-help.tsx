import { Dialog } from "@/components/ui/dialog";

interface AccessibilityHelpProps {
  open: boolean;
  onClose: () => void;
  /** The diff viewer has its own keys. */
  diff?: boolean;
}

/** The keys that matter in the editor, for keyboard and screen-reader users (Alt+F1). */
export function AccessibilityHelp({
  open,
  onClose,
  diff = false,
}: AccessibilityHelpProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Editor accessibility help">
      <p>
        Ctrl is ⌘ Command on a Mac. With a screen reader the editor switches to
        its accessible mode by itself.
      </p>
      <dl className="code-editor-help">
        <dt>Ctrl+M (Ctrl+Shift+M on a Mac)</dt>
        <dd>
          Switch whether Tab types a tab or moves the focus out of the editor.
        </dd>
        <dt>F8, Shift+F8</dt>
        <dd>Go to the next or previous problem and read it.</dd>
        <dt>Ctrl+K, then Ctrl+I</dt>
        <dd>
          Show the hover (schema help, a problem) for the cursor position.
        </dd>
        <dt>Ctrl+Space</dt>
        <dd>Suggest keys and values from the schema.</dd>
        <dt>Ctrl+F, Ctrl+H</dt>
        <dd>Find, replace.</dd>
        <dt>Ctrl+G</dt>
        <dd>Go to a line.</dd>
        <dt>F1</dt>
        <dd>Every editor command, searchable.</dd>
        {diff && (
          <>
            <dt>F7, Shift+F7</dt>
            <dd>
              Go to the next or previous change in the accessible diff viewer.
            </dd>
          </>
        )}
        <dt>Escape</dt>
        <dd>Close a suggestion list, hover or search box.</dd>
      </dl>
    </Dialog>
  );
}
