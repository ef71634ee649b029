import contentDisposition from "content-disposition";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { open } from "node:fs/promises";
import { rasterMime, sniff } from "../../src/pack/sniff";
import { writePackArchive } from "../../src/pack/write-archive";
import { decodeText } from "../../src/pack/yaml-text";
import type { Access } from "../access";
import { sendError } from "../http-errors";
import { listPacks, packVersions } from "../list-packs";
import { openChart } from "../prepare";
import { archiveRefused, type PackStore } from "../store/store";
import { buildZipInPool } from "../workers/pool";
import { packParams, safe, validName, versionNotFound } from "./pack-params";

/** Served pack files never run as a page on the app's origin. */
const RAW_CSP = "sandbox; default-src 'none'";

/** The read side of the API: list, detail, files, chart files, logo and archive. */
export const readRoutes: FastifyPluginAsync<{
  store: PackStore;
  access: Access;
}> = async (app, { store, access }) => {
  // Every route here reads: where reads need sign-in, none runs for a caller who is not signed in.
  app.addHook("onRequest", async (req, reply) => {
    if (!(await access.readable(req, reply))) return reply;
  });

  app.get("/api/v1/packs", async (req, reply) => {
    const r = listPacks(
      await store.list(),
      req.query as Record<string, unknown>,
    );
    if (!r.ok) return sendError(reply, 400, r.error.code, r.error.message);
    return r.value;
  });

  app.get("/api/v1/packs/:name", async (req, reply) => {
    const { name } = req.params as { name: string };
    if (!validName(name))
      return sendError(
        reply,
        400,
        "NAME_INVALID",
        `\`${safe(name)}\` is not a valid pack name`,
      );
    return (
      // The store may read this pack alone (OCI: one repository's tags, no catalog walk).
      packVersions(await store.list(name), name) ??
      sendError(reply, 404, "PACK_NOT_FOUND", `no pack named \`${name}\``)
    );
  });

  app.get("/api/v1/packs/:name/:version", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    return (await store.get(p.name, p.version)) ?? versionNotFound(reply, p);
  });

  app.get("/api/v1/packs/:name/:version/archive", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    const format = (req.query as { format?: string }).format ?? "zip";
    if (format !== "zip" && format !== "tar.gz")
      return sendError(reply, 400, "FORMAT_INVALID", "format is zip or tar.gz");
    // A driver that keeps the canonical zip serves it as stored; otherwise it is written from the
    // files. The 304 is decided before any archive is read or written.
    const stored =
      format === "zip" ? await store.zip?.(p.name, p.version) : undefined;
    const d = stored?.detail ?? (await store.get(p.name, p.version));
    if (!d) return versionNotFound(reply, p);
    const etag = format === "zip" ? `"${d.digest}"` : `"${d.digest}+tar.gz"`;
    reply.header("ETag", etag).header("Cache-Control", "no-cache");
    if (noneMatch(req.headers["if-none-match"], etag)) {
      await stored?.close();
      return reply.code(304).send();
    }
    const top = `${d.name}-${d.version}`;
    if (stored)
      // Streamed from the stored file (opened above, so a replace meanwhile does not tear it).
      return reply
        .type("application/zip")
        .header("Content-Length", stored.size)
        .header("Content-Disposition", contentDisposition(`${top}.zip`))
        .send(stored.stream());
    if (format === "tar.gz" && store.tarGz) {
      // Built once in the worker pool and kept on disk; streamed from there. A forced replace may
      // remove the file between the lookup and the open: look again once.
      for (let attempt = 0; attempt < 2; attempt++) {
        const t0 = performance.now();
        const file = await store.tarGz(p.name, p.version);
        if (!file) return versionNotFound(reply, p);
        if (file.built)
          req.log.debug(
            {
              name: p.name,
              version: p.version,
              ms: Math.round(performance.now() - t0),
            },
            "archive: tar.gz built",
          );
        let fh;
        try {
          fh = await open(file.path, "r");
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
          throw e;
        }
        return reply
          .type("application/gzip")
          .header("ETag", `"${file.detail.digest}+tar.gz"`)
          .header("Content-Length", file.size)
          .header("Content-Disposition", contentDisposition(`${top}.tar.gz`))
          .send(fh.createReadStream());
      }
      return versionNotFound(reply, p);
    }
    const files = await store.files(p.name, p.version);
    if (!files) return versionNotFound(reply, p);
    // The zip in the pool: deflating a whole pack is CPU work the event loop never does. (A
    // tar.gz comes from store.tarGz above: main.ts gives every store the pool-built cache.)
    const written =
      format === "zip"
        ? await buildZipInPool(files, top)
        : await writePackArchive(files, top, "tar.gz");
    if (!written.ok) throw archiveRefused(`${top}.${format}`, written.error);
    const bytes = written.value;
    return reply
      .type(format === "zip" ? "application/zip" : "application/gzip")
      .header("Content-Disposition", contentDisposition(`${top}.${format}`))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  app.get("/api/v1/packs/:name/:version/files/*", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    const path = (req.params as { "*": string })["*"];
    const files = await store.files(p.name, p.version);
    reply.header("Content-Security-Policy", RAW_CSP);
    if (!files) return versionNotFound(reply, p);
    const bytes = files.get(path);
    if (!bytes)
      return sendError(
        reply,
        404,
        "FILE_NOT_FOUND",
        `\`${safe(path)}\` is not in ${p.name} ${p.version}`,
      );
    return sendPackFile(reply, path, bytes);
  });

  // A file inside a chart archive (contract version 2): `chartFile` is the archive's name under
  // `charts/`, `*` the path relative to the chart's root folder, as in `PackDetail.charts[].files`.
  app.get(
    "/api/v1/packs/:name/:version/charts/:chartFile/files/*",
    async (req, reply) => {
      const p = packParams(req, reply);
      if (!p) return reply;
      const { chartFile, "*": path } = req.params as {
        chartFile: string;
        "*": string;
      };
      reply.header("Content-Security-Policy", RAW_CSP);
      const file = `charts/${chartFile}`;
      const files = await store.files(p.name, p.version);
      if (!files) return versionNotFound(reply, p);
      // Only an archive directly under charts/: a `/` smuggled in as %2F, `.` or `..` names
      // nothing. Other characters are looked up as written (the stored names passed the core's
      // path rules, which allow spaces, `@` and braces).
      const bytes =
        chartFile.includes("/") || /^\.+$/.test(chartFile)
          ? undefined
          : files.get(file);
      if (!bytes)
        return sendError(
          reply,
          404,
          "CHART_NOT_FOUND",
          `\`${safe(file)}\` is not a chart archive in ${p.name} ${p.version}`,
        );
      const chart = await openChart(bytes, file);
      if (!chart.ok)
        return sendError(
          reply,
          404,
          "CHART_NOT_FOUND",
          `\`${safe(file)}\` in ${p.name} ${p.version} cannot be read: ${safe(chart.error.message)}`,
        );
      const inner = chart.value.files.get(path);
      if (!inner)
        return sendError(
          reply,
          404,
          "FILE_NOT_FOUND",
          `\`${safe(path)}\` is not in ${safe(file)} of ${p.name} ${p.version}`,
        );
      return sendPackFile(reply, path, inner);
    },
  );

  // The logo as an image, only when its bytes really are a raster image, served as what they are
  // (never SVG on the app origin). A logo.png that is a JPEG (crowdstrike-falcon-agent ships one)
  // is a validation warning, and Palette shows it: the registry shows it too.
  app.get("/api/v1/packs/:name/:version/logo", async (req, reply) => {
    const p = packParams(req, reply);
    if (!p) return reply;
    const d = await store.get(p.name, p.version);
    if (!d) return versionNotFound(reply, p);
    // Revalidated on every use, against the version's digest (known without reading the files):
    // a forced overwrite shows its new logo at once, and an unchanged one costs a 304.
    const etag = `"${d.digest}+logo"`;
    reply.header("Content-Security-Policy", RAW_CSP);
    const cached = (): FastifyReply =>
      reply.header("ETag", etag).header("Cache-Control", "no-cache");
    if (noneMatch(req.headers["if-none-match"], etag))
      return cached().code(304).send();
    const logo = (await store.files(p.name, p.version))?.get("logo.png");
    const type = logo && rasterMime(sniff(logo));
    if (!logo || !type)
      return sendError(
        reply,
        404,
        "LOGO_NOT_FOUND",
        `${p.name} ${p.version} has no logo in a raster format (PNG, JPEG, GIF or WebP)`,
      );
    return cached()
      .type(type)
      .send(Buffer.from(logo.buffer, logo.byteOffset, logo.byteLength));
  });
};

/** A file of a pack (or of a chart in it): UTF-8 text inline as text/plain, anything else as a download. */
function sendPackFile(
  reply: FastifyReply,
  path: string,
  bytes: Uint8Array,
): FastifyReply {
  const isText = decodeText(bytes) !== null && !bytes.includes(0);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isText) return reply.type("text/plain; charset=utf-8").send(buf);
  const base = path.slice(path.lastIndexOf("/") + 1);
  return (
    reply
      .type("application/octet-stream")
      // Pack file names may hold spaces, `@`, quotes' neighbours and any letter (security.md's path
      // row): the header is built by the maintained encoder (RFC 6266 with an RFC 8187 fallback).
      .header("Content-Disposition", contentDisposition(base))
      .send(buf)
  );
}

/**
 * Whether an `If-None-Match` header matches `etag` (RFC 9110 §13.1.2): `*`, or a comma-separated
 * list of entity tags compared weakly (`W/"x"` matches `"x"`). Not jshttp's `fresh`: it ignores
 * If-None-Match on a request with `Cache-Control: no-cache`, which `fetch` adds to every request
 * that sets its own If-None-Match (docs/api.md).
 */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  const opaque = (t: string): string => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => opaque(t) === opaque(etag));
}
