// What the user drops (its type) and saving what they download; the readers have their own modules.
export { downloadBytes } from "./download-bytes";
export type { DroppedItems } from "./dropped-items";
