/** OCI distribution-spec path component: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`. */
const COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
export const REPOSITORY_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
export const COMPONENT_RE = new RegExp(`^${COMPONENT}$`);
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
/** Distribution refuses longer repository names. */
export const MAX_REPOSITORY_LENGTH = 255;

export const isRepository = (s: string): boolean =>
  s.length <= MAX_REPOSITORY_LENGTH && REPOSITORY_RE.test(s);
export const isReference = (s: string): boolean =>
  TAG_RE.test(s) || DIGEST_RE.test(s);

/**
 * Clean a Palette `baseContentPath` the way validatorctl builds `PackUrl`: slashes trimmed from
 * both ends, `//` collapsed. Throws when a component is not a valid OCI path component.
 */
export function cleanBasePath(basePath: string): string {
  const clean = basePath.replace(/\/{2,}/g, "/").replace(/^\/+|\/+$/g, "");
  if (clean && !REPOSITORY_RE.test(clean)) {
    throw new Error(
      `base path ${JSON.stringify(basePath)} is not a valid OCI repository path (lower-case letters, digits and . _ - between them, separated by /)`,
    );
  }
  return clean;
}

/** `<base>/spectro-packs/archive/` (or `spectro-packs/archive/` without a base): the prefix of every pack repository. */
export function packRepositoryPrefix(cleanBase: string): string {
  return `${cleanBase ? `${cleanBase}/` : ""}spectro-packs/archive/`;
}

/** `<base>/spectro-packs/archive/<name>` (pack-format §G.1). */
export function packRepository(cleanBase: string, name: string): string {
  return `${packRepositoryPrefix(cleanBase)}${name}`.replace(/\/{2,}/g, "/");
}

/**
 * `<base>/packsmith/<name>`: where Packsmith keeps its own records (pack names, revoked sessions),
 * outside `spectro-packs/archive/`, so Palette and pack listings never see them.
 */
export function packsmithRepository(cleanBase: string, name: string): string {
  return `${cleanBase ? `${cleanBase}/` : ""}packsmith/${name}`;
}
