import type { MouseEvent, ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { isPlainLeftClick } from "@/lib/location";

/** How a panel opens another file of the pack (in the tree beside it). */
export interface OpenFile {
  /** The file's deep link, when the page has them (the pack page); the builder has none. */
  hrefFor?: ((path: string) => string) | undefined;
  /** Select the file in place. */
  onSelect: (path: string) => void;
}

/**
 * A link to a file of the pack (or one inside a chart archive, `charts/x.tgz/crds/a.yaml`): a real
 * link where the page has deep links (plain clicks select in place, modified clicks keep the
 * browser's behaviour), else a button.
 */
export function FileLink({
  path,
  open,
  children,
}: {
  path: string;
  open: OpenFile;
  children: ReactNode;
}) {
  if (!open.hrefFor)
    return (
      <Button variant="link" onClick={() => open.onSelect(path)}>
        {children}
      </Button>
    );
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (!isPlainLeftClick(event)) return;
    event.preventDefault();
    open.onSelect(path);
  }
  return (
    <a href={open.hrefFor(path)} onClick={onClick}>
      {children}
    </a>
  );
}
