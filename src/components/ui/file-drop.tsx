import { useId, useRef, useState, type DragEvent } from "react";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { DroppedItems } from "@/lib/files/dropped-items";
import { readDroppedItems } from "@/lib/files/read-dropped-items";
import { readFileInput } from "@/lib/files/read-file-input";

import "./file-drop.css";

interface FileDropProps {
  /** The visible label of the file input, e.g. "Pack archive (.zip or .tar.gz)". */
  label: string;
  accept?: string;
  multiple?: boolean;
  /** Also accept a folder: dropped, or chosen with a "Choose a folder" button. */
  allowFolder?: boolean;
  onFiles: (result: Awaited<ReturnType<typeof readDroppedItems>>) => void;
  /** Help under the label; the input is described by it. */
  description?: string;
}

/**
 * A drop zone that is also a real, labelled `<input type="file">`, so it works with a keyboard
 * and a screen reader exactly like any file input. Reading problems (a folder over the limits,
 * an unreadable file) are shown in the zone; the owner judges the content.
 */
export function FileDrop({
  label,
  accept,
  multiple = false,
  allowFolder = false,
  onFiles,
  description,
}: FileDropProps) {
  const inputId = useId();
  const descriptionId = useId();
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function deliver(read: Promise<DroppedItems>) {
    setError(null);
    setReading(true);
    try {
      const result = await read;
      if (result.kind === "folder" && !allowFolder) {
        throw new Error("A folder cannot be used here; choose a file.");
      }
      if (result.kind === "files" && result.files.length === 0) return;
      if (result.kind === "folder" && result.entries.length === 0) {
        throw new Error(`The folder “${result.name}” is empty.`);
      }
      if (result.kind === "files" && !multiple && result.files.length > 1) {
        throw new Error("Choose one file only.");
      }
      onFiles(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setReading(false);
    }
  }

  function handleDragOver(event: DragEvent<HTMLDivElement>) {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function handleDragLeave(event: DragEvent<HTMLDivElement>) {
    // Leaving for a child of the zone is not leaving the zone.
    if (event.currentTarget.contains(event.relatedTarget as Node | null))
      return;
    setDragging(false);
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    // Synchronously: the browser empties dataTransfer when this handler returns.
    void deliver(readDroppedItems(event.dataTransfer));
  }

  const describedBy = [description && descriptionId].filter(Boolean).join(" ");
  return (
    <div
      className={dragging ? "file-drop file-drop--dragging" : "file-drop"}
      onDragOver={handleDragOver}
      onDragLeave={handleDragLeave}
      onDrop={handleDrop}
    >
      <label htmlFor={inputId} className="file-drop__label">
        {label}
      </label>
      {description && (
        <p id={descriptionId} className="file-drop__description">
          {description}
        </p>
      )}
      <p className="file-drop__hint" aria-hidden="true">
        Drop{" "}
        {allowFolder ? "a file or a folder" : multiple ? "files" : "a file"}{" "}
        here, or
      </p>
      <div className="file-drop__controls">
        <input
          id={inputId}
          type="file"
          className="file-drop__input"
          accept={accept}
          multiple={multiple}
          aria-describedby={describedBy || undefined}
          disabled={reading}
          onChange={(event) => {
            const list = event.currentTarget.files;
            if (list) void deliver(readFileInput(Array.from(list)));
            // Let the same file be chosen again after a fix.
            event.currentTarget.value = "";
          }}
        />
        {allowFolder && (
          <>
            <Button busy={reading} onClick={() => folderInput.current?.click()}>
              Choose a folder
            </Button>
            <input
              ref={folderInput}
              type="file"
              hidden
              tabIndex={-1}
              aria-hidden="true"
              {...{ webkitdirectory: "" }}
              onChange={(event) => {
                const list = event.currentTarget.files;
                if (list) void deliver(readFileInput(Array.from(list)));
                event.currentTarget.value = "";
              }}
            />
          </>
        )}
      </div>
      {reading && <Spinner label="Reading files…" />}
      {error && (
        <Alert tone="error" title="These files could not be read">
          <p>{error}</p>
        </Alert>
      )}
    </div>
  );
}
