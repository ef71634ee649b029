import { shellWord } from "./oras-command";

/** The server as `spectro registry login` wants it: host[:port], no scheme, no trailing `/`. */
export function spectroServer(server: string): string {
  return server
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/+$/, "");
}

/** What the Spectro commands are made from: the registry server as typed, the pack's name and version. */
export interface SpectroPushOptions {
  server: string;
  name: string;
  version: string;
}

/** The server as one shell word for the commands; none typed yet gives `<server>`. */
function serverWord(server: string): string {
  const typed = spectroServer(server);
  return typed ? shellWord(typed) : "<server>";
}

/**
 * The Spectro CLI's way with the downloaded zip (pack-format §F.2): unzip it (it holds one
 * folder `<name>-<version>/`), log in to the pack registry, push the folder. The server is given
 * without a scheme (the docs: a scheme breaks the login); an empty one stays `<server>`.
 */
export function spectroPushCommands(opts: SpectroPushOptions): string {
  const stem = `${opts.name}-${opts.version}`;
  const server = serverWord(opts.server);
  return [
    `unzip ${shellWord(`${stem}.zip`)}`,
    `spectro registry login ${server}`,
    `spectro pack push ${shellWord(stem)} --registry-server ${server}`,
  ].join("\n");
}

/**
 * The documentation's second form, `spectro pack push <folder> -f --registry-server <server>`:
 * `-f` (`--force`) replaces a version the registry already has. pack-format §F.2: with `-f` the
 * CLI wants a message (`-m`), and pushes only when the content digest differs. Run it where the
 * downloaded zip was unzipped (see {@link spectroPushCommands}).
 */
export function spectroForcePushCommand(opts: SpectroPushOptions): string {
  const stem = `${opts.name}-${opts.version}`;
  const server = serverWord(opts.server);
  const message = shellWord(`Replace ${opts.name} ${opts.version}`);
  return `spectro pack push ${shellWord(stem)} -f -m ${message} --registry-server ${server}`;
}
