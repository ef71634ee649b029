// Reading what the user gives (drops, file inputs) and saving what they download.
export { readDroppedItems } from "./read-dropped-items";
export { readFileInput } from "./read-file-input";
export { downloadBytes } from "./download-bytes";
export {
  MAX_FOLDER_BYTES,
  MAX_FOLDER_FILES,
  type DroppedItems,
  type FolderEntry,
} from "./dropped-items";
