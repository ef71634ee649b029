import type { APIRequestContext } from "@playwright/test";

import { loadFixture, fixtureRows } from "../../test/helpers/fixtures";
import { contentDigest } from "../../src/pack/digest";
import { sortedPaths, type PackFiles } from "../../src/pack/pack-files";
import { writePackZip } from "../../src/pack/zip-write";
import { E2E_USER } from "../credentials";

/** A shared fixture as the browser tests use it. */
export interface UploadedFixture {
  /** Path under test/fixtures. */
  dir: string;
  name: string;
  version: string;
  /** Every file of the pack, sorted (what the pack page must list). */
  paths: string[];
  /** The three packs INDEX.md marks NEGATIVE: the registry refuses them (422). */
  negative: boolean;
}

const AUTH = `Basic ${Buffer.from(`${E2E_USER.username}:${E2E_USER.password}`).toString("base64")}`;

/** Zip a pack the way Packsmith writes it (one top folder `<name>-<version>/`). */
export const zipPack = (files: PackFiles, top: string): Promise<Uint8Array> =>
  writePackZip(files, top);

/**
 * PUT a pack zip to the registry with the e2e user's Basic credentials and the client header.
 * `X-Pack-Digest` lets the server answer an identical re-upload (200) before reading the body,
 * so every spec can make sure the fixtures are there without paying for it twice.
 */
export async function putPack(
  request: APIRequestContext,
  files: PackFiles,
  name: string,
  version: string,
): Promise<{ status: number; body: string }> {
  const zip = await zipPack(files, `${name}-${version}`);
  const res = await request.put(
    `/api/v1/packs/${encodeURIComponent(name)}/${encodeURIComponent(version)}`,
    {
      headers: {
        Authorization: AUTH,
        "X-Packsmith-Client": "e2e",
        "Content-Type": "application/zip",
        "X-Pack-Digest": await contentDigest(files),
      },
      data: Buffer.from(zip),
    },
  );
  return { status: res.status(), body: await res.text() };
}

let uploaded: Promise<UploadedFixture[]> | undefined;

/**
 * Upload every shared fixture (test/fixtures, INDEX.md) once per worker: good packs must answer
 * 201 or 200, the NEGATIVE ones 422. Throws when the registry answers otherwise.
 */
export function uploadFixtures(
  request: APIRequestContext,
): Promise<UploadedFixture[]> {
  uploaded ??= (async () => {
    const out: UploadedFixture[] = [];
    for (const row of fixtureRows()) {
      const files = await loadFixture(row.dir);
      const { status, body } = await putPack(
        request,
        files,
        row.name,
        row.version,
      );
      const expected = row.negative ? [422] : [200, 201];
      if (!expected.includes(status))
        throw new Error(
          `${row.dir}: the registry answered ${status}, expected ${expected.join(" or ")}: ${body.slice(0, 500)}`,
        );
      out.push({
        dir: row.dir,
        name: row.name,
        version: row.version,
        paths: sortedPaths(files),
        negative: row.negative,
      });
    }
    return out;
  })().catch((e: unknown) => {
    uploaded = undefined;
    throw e;
  });
  return uploaded;
}
