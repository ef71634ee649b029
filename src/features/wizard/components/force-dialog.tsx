import { useRef, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

interface ForceDialogProps {
  open: boolean;
  name: string;
  version: string;
  onClose: () => void;
  onConfirm: () => void;
  /** What differs between the stored version and this one, shown before the choice. */
  children?: ReactNode;
}

/** Ask before replacing a published version: its users get other content under the same version. */
export function ForceDialog({
  open,
  name,
  version,
  onClose,
  onConfirm,
  children,
}: ForceDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Replace ${name} ${version}?`}
      initialFocusRef={cancel}
      size={children ? "large" : "small"}
      actions={
        <>
          <Button ref={cancel} onClick={onClose}>
            Keep the stored version
          </Button>
          <Button variant="danger" onClick={onConfirm}>
            Replace it
          </Button>
        </>
      }
    >
      <p>
        Clusters and profiles that already use {name} {version} will get this
        content the next time they sync, and a Palette that cached the old one
        may break. Publishing a new version is safer.
      </p>
      {children}
    </Dialog>
  );
}
