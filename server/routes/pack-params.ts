import type { FastifyReply, FastifyRequest } from "fastify";
import { OCI_TAG } from "../../src/pack/schemas";
import { validName } from "../config";
import { sendError } from "../http-errors";

// The read routes take the name rule from here with the other parameter checks.
export { validName };
const validVersion = (v: string): boolean => OCI_TAG.test(v);

/** Untrusted text made safe to echo in a message: printable ASCII, at most 200 characters. */
export const safe = (s: string): string =>
  s.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);

/** Validated route parameters, or null with a 400 already sent. */
export function packParams(
  req: FastifyRequest,
  reply: FastifyReply,
): { name: string; version: string } | null {
  const { name, version } = req.params as { name: string; version: string };
  if (!validName(name) || !validVersion(version)) {
    sendError(
      reply,
      400,
      "NAME_INVALID",
      `\`${safe(name)}/${safe(version)}\` is not a valid pack name and version (name: lower-case OCI path component; version: OCI tag)`,
    );
    return null;
  }
  return { name, version };
}

/** 404 for a version the store does not hold. */
export function versionNotFound(
  reply: FastifyReply,
  p: { name: string; version: string },
): FastifyReply {
  return sendError(
    reply,
    404,
    "VERSION_NOT_FOUND",
    `no version \`${p.version}\` of \`${p.name}\``,
  );
}
