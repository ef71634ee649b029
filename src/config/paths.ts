/** Every route of the app, so links and the route table cannot drift apart. */
export const paths = {
  home: "/",
  build: "/build",
  /** A saved draft in the wizard. */
  draft: (id: string) => `/build/${encodeURIComponent(id)}`,
  packs: "/packs",
  pack: (name: string, version: string) =>
    `/packs/${encodeURIComponent(name)}/${encodeURIComponent(version)}`,
  /**
   * `name` at version `a` against `otherName` (default: the same pack) at version `b`; another
   * pack is written GitHub's way, `a...other:b` (`:` is in no pack name or OCI tag, and is
   * percent-encoded inside a component).
   */
  compare: (name: string, a: string, b: string, otherName: string = name) =>
    `/packs/${encodeURIComponent(name)}/compare/${encodeURIComponent(a)}...${otherName === name ? "" : `${encodeURIComponent(otherName)}:`}${encodeURIComponent(b)}`,
  /** A pack opened from the user's disk, shown like a registry pack. */
  open: "/open",
} as const;

export type RouteMatch =
  | { route: "home" }
  | { route: "build"; draftId?: string }
  | { route: "packs" }
  | { route: "pack"; name: string; version: string }
  | {
      route: "compare";
      name: string;
      from: string;
      /** The right side's pack: `name` unless another pack is compared. */
      toName: string;
      to: string;
    }
  | { route: "open" }
  | { route: "not-found" };

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

/** Which page a pathname shows. A trailing slash is ignored. */
export function matchRoute(pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const parts = path.split("/").slice(1).map(decode);
  if (parts.some((p) => p === null)) return { route: "not-found" };
  const [a, b, c, d] = parts as string[];
  if (path === "/") return { route: "home" };
  if (a === "build" && parts.length === 1) return { route: "build" };
  if (a === "build" && parts.length === 2 && b)
    return { route: "build", draftId: b };
  if (a === "open" && parts.length === 1) return { route: "open" };
  if (a === "packs" && parts.length === 1) return { route: "packs" };
  if (a === "packs" && parts.length === 3 && b && c)
    return { route: "pack", name: b, version: c };
  if (a === "packs" && parts.length === 4 && b && c === "compare" && d) {
    // Split before decoding: a literal `:` separates the other pack, an encoded one is data.
    const raw = path.split("/")[4] ?? "";
    const i = raw.indexOf("...");
    const right = raw.slice(i + 3);
    const j = right.indexOf(":");
    const from = decode(raw.slice(0, i));
    const toName = j < 0 ? b : decode(right.slice(0, j));
    const to = decode(right.slice(j + 1));
    if (i > 0 && from && toName && to)
      return { route: "compare", name: b, from, toName, to };
  }
  return { route: "not-found" };
}
