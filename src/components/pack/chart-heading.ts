/** The heading tag of a chart panel's sections: one below the file's own heading. */
export type HeadingTag = "h3" | "h5";

/** The sections' heading tag under a file heading of level 2 (the pack page) or 4 (the builder). */
export const sectionHeading = (fileHeadingLevel: 2 | 4): HeadingTag =>
  fileHeadingLevel === 4 ? "h5" : "h3";
