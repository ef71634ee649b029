import { err, ok, type Result } from "./result";

/**
 * Whether a reference's first path component names a registry (the distribution grammar's rule:
 * it holds a `.` or `:`, is `localhost`, or has upper case): `quay.io/x` yes, `bitnami/x` no.
 */
export function namesRegistry(ref: string): boolean {
  const slash = ref.indexOf("/");
  if (slash < 0) return false;
  const first = ref.slice(0, slash);
  return (
    /[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first
  );
}

/** A container image reference taken apart, with Docker's defaults filled in. */
export interface ImageRef {
  /** `docker.io` for a bare name such as `redis`. */
  registry: string;
  /** `library/redis` for a bare Docker Hub name. */
  repository: string;
  tag?: string;
  digest?: string;
}

export interface ImageRefError {
  kind: "image-ref-invalid";
  message: string;
}

// The grammar of github.com/distribution/reference (regexp.go), piece by piece.
const ALNUM = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST =
  /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
/** reference.NameTotalLengthMax */
const MAX_NAME = 255;
const DOCKER_HUB = "docker.io";

/**
 * Parse an image reference (`[registry[:port]/]repository[:tag][@digest]`) by the grammar of the
 * distribution reference library, normalised as Docker does: no registry means `docker.io`, and a
 * one-part Docker Hub name gets `library/`. A registry is recognised, as Docker does, by a `.` or
 * `:` in the first part, or the name `localhost`. Never throws.
 */
export function parseImageRef(ref: string): Result<ImageRef, ImageRefError> {
  const bad = (why: string) =>
    err<ImageRefError>({
      kind: "image-ref-invalid",
      message: `\`${ref.length > 200 ? `${ref.slice(0, 200)}…` : ref}\` is not a valid image reference: ${why}`,
    });
  if (ref === "") return bad("it is empty");
  if (/\s/.test(ref)) return bad("it contains white space");
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      return bad(
        `the digest \`${digest}\` is not \`algorithm:hex\` (e.g. sha256: and 64 hex digits)`,
      );
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag))
      return bad(
        `the tag \`${tag}\` may hold only letters, digits, \`_\`, \`.\` and \`-\` (up to 128, not starting with \`.\` or \`-\`)`,
      );
  }
  if (rest === "") return bad("it has no repository name");
  if (rest.length > MAX_NAME)
    return bad(`the name is longer than ${MAX_NAME} characters`);
  if (/^[a-f0-9]{64}$/.test(rest))
    return bad("a 64-digit hex string is an image ID, not a name");
  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  const hasDomain = namesRegistry(rest);
  let registry = hasDomain ? first : DOCKER_HUB;
  let path = hasDomain ? rest.slice(slash + 1) : rest;
  if (hasDomain && !DOMAIN_RE.test(first))
    return bad(`\`${first}\` is not a valid registry host`);
  if (path.toLowerCase() !== path)
    return bad("the repository name must be lower-case");
  if (!PATH_RE.test(path))
    return bad(
      "the repository name may hold only lower-case letters, digits and single separators (`.`, `_`, `__`, `-`) between `/`",
    );
  if (registry === "index.docker.io") registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  const out: ImageRef = { registry, repository: path };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return ok(out);
}

/** The fully spelled form of a parsed reference: `docker.io/library/redis:7`. */
export function imageRefString(r: ImageRef): string {
  return `${r.registry}/${r.repository}${r.tag !== undefined ? `:${r.tag}` : ""}${r.digest !== undefined ? `@${r.digest}` : ""}`;
}
