/**
 * The OCI reference Palette syncs a pack from (pack-format §G.1, validatorctl's `PackUrl`):
 * `<registry>[/<base>]/spectro-packs/archive/<name>:<version>`, with the scheme, a trailing `/`
 * and `/v2` trimmed from the endpoint, slashes trimmed from the base path and `//` collapsed.
 * An empty registry stays as the placeholder `<registry>`.
 */
export function packReference(opts: {
  registry: string;
  basePath: string;
  name: string;
  version: string;
}): string {
  const registry =
    opts.registry
      .trim()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
      .replace(/\/+$/, "")
      .replace(/\/v2$/, "")
      .replace(/\/+$/, "") || "<registry>";
  const base = opts.basePath.trim().replace(/^\/+|\/+$/g, "");
  const path = [registry, base, "spectro-packs/archive", opts.name]
    .filter(Boolean)
    .join("/")
    .replace(/\/{2,}/g, "/");
  return `${path}:${opts.version}`;
}

/**
 * Quote a word for a POSIX shell when it holds anything beyond a safe set. The `<registry>`
 * placeholder stays bare: it is there to be replaced, not run.
 */
export function shellWord(s: string): string {
  return /^(<registry>)?[A-Za-z0-9._:/@=+-]*$/.test(s) && s !== ""
    ? s
    : `'${s.replace(/'/g, `'\\''`)}'`;
}

type OrasOptions = Parameters<typeof packReference>[0] & { newOras?: boolean };

/**
 * `oras push` as ORAS 1.0.0 runs it (the version Palette's docs pin, §G.3), next to the tarball so
 * the layer title is the bare file name. ORAS 1.1 and newer write another manifest shape unless
 * told `--image-spec v1.0` (§G.4).
 */
export function orasPushCommand(opts: OrasOptions): string {
  const file = `${opts.name}-${opts.version}.tar.gz`;
  return [
    "oras push",
    ...(opts.newOras ? ["--image-spec v1.0"] : []),
    shellWord(packReference(opts)),
    shellWord(file),
  ].join(" ");
}

/** `oras login <host>` then the push: the two commands Palette's docs give for an OCI pack registry. */
export function orasCommands(opts: OrasOptions): string {
  const ref = packReference(opts);
  return [
    `oras login ${shellWord(ref.slice(0, ref.indexOf("/")))}`,
    orasPushCommand(opts),
  ].join("\n");
}

/**
 * `oras pull` of the pack's reference: ORAS writes the layer under its title, so the folder gets
 * `<name>-<version>.tar.gz` back, the file that was pushed.
 */
export function orasPullCommand(
  opts: Parameters<typeof packReference>[0],
): string {
  return `oras pull ${shellWord(packReference(opts))}`;
}
