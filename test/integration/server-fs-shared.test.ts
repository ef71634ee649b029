import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  startServer,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";

// Two fs instances on one data folder (as the sign-out tests run them): a review found the second
// one never listing a version the first stored after it had started (its GET found it).
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  a = await startServer();
  b = await startServer({ dataDir: a.dataDir });
});
afterAll(async () => {
  await b.stop();
  await a.stop();
  a.cleanup();
});

type Page = { items: { name: string; version: string; digest: string }[] };
const listed = async (srv: RunningServer): Promise<string[]> =>
  (
    (await (await fetch(`${srv.url}/api/v1/packs?limit=200`)).json()) as Page
  ).items.map((i) => `${i.name} ${i.version} ${i.digest}`);
const put = (srv: RunningServer, query: string, body: Buffer) =>
  fetch(`${srv.url}/api/v1/packs/hellouniverse/1.0.0${query}`, {
    method: "PUT",
    headers: writeHeaders(basic(ADMIN)),
    body: new Uint8Array(body),
  });

describe("instances sharing one data folder", () => {
  it("each lists what the other stored, replaced and deleted, within a few seconds", async () => {
    // Both have read the (empty) folder before anything is stored.
    expect(await listed(a)).toEqual([]);
    expect(await listed(b)).toEqual([]);

    const first = await put(a, "", await tutorialZip("shared, first"));
    expect(first.status).toBe(201);
    const d1 = ((await first.json()) as { digest: string }).digest;
    await expect
      .poll(() => listed(b), { timeout: 10_000 })
      .toEqual([`hellouniverse 1.0.0 ${d1}`]);

    const second = await put(b, "?force=true", await tutorialZip("shared, 2"));
    expect(second.status).toBe(201);
    const d2 = ((await second.json()) as { digest: string }).digest;
    expect(d2).not.toBe(d1);
    // B lists its own write at once; A within a few seconds.
    expect(await listed(b)).toEqual([`hellouniverse 1.0.0 ${d2}`]);
    await expect
      .poll(() => listed(a), { timeout: 10_000 })
      .toEqual([`hellouniverse 1.0.0 ${d2}`]);

    const gone = await fetch(`${a.url}/api/v1/packs/hellouniverse/1.0.0`, {
      method: "DELETE",
      headers: writeHeaders(basic(ADMIN)),
    });
    expect(gone.status).toBe(204);
    expect(await listed(a)).toEqual([]);
    await expect.poll(() => listed(b), { timeout: 10_000 }).toEqual([]);
  });
});
