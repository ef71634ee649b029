/** Every route of the app, so links and the route table cannot drift apart. */
export const paths = {
  home: "/",
  build: "/build",
  review: "/review",
} as const;

export type AppPath = (typeof paths)[keyof typeof paths];
