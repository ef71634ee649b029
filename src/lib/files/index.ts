// What the user drops (its type) and saving what they download; the readers have their own modules.
export { downloadBlob } from "./download-blob";
export type { DroppedItems } from "./dropped-items";
