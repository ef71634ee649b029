import { describe, expect, it } from "vitest";
import { tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  signIn,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";
import { twoServersOnOneRegistry } from "../helpers/server-pair";

const servers = twoServersOnOneRegistry("shared");

describe("two server processes on one OCI registry", () => {
  it("see each other's packs, conflicts and deletes; a token from one is accepted by the other", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const zip = new Uint8Array(await tutorialZip("shared"));
    const created = await fetch(`${a.url}/api/v1/packs/hellouniverse/1.0.0`, {
      method: "PUT",
      headers: writeHeaders(basic(ADMIN)),
      body: zip,
    });
    expect(created.status).toBe(201);
    const { digest } = (await created.json()) as { digest: string };

    const list = (await (await fetch(`${b.url}/api/v1/packs`)).json()) as {
      items: { name: string; digest: string }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ name: "hellouniverse", digest }),
    ]);
    expect(
      (
        (await (
          await fetch(`${b.url}/api/v1/packs/hellouniverse/1.0.0`)
        ).json()) as { digest: string }
      ).digest,
    ).toBe(digest);

    const other = new Uint8Array(await tutorialZip("from b"));
    const conflict = await fetch(`${b.url}/api/v1/packs/hellouniverse/1.0.0`, {
      method: "PUT",
      headers: writeHeaders(basic(ADMIN)),
      body: other,
    });
    expect(conflict.status).toBe(409);
    expect(
      ((await conflict.json()) as { error: { details: { digest: string } } })
        .error.details.digest,
    ).toBe(digest);

    const token = await signIn(a.url);
    const del = await fetch(`${b.url}/api/v1/packs/hellouniverse/1.0.0`, {
      method: "DELETE",
      headers: writeHeaders(`Bearer ${token}`),
    });
    expect(del.status).toBe(204);
    expect(
      (await fetch(`${a.url}/api/v1/packs/hellouniverse/1.0.0`)).status,
    ).toBe(404);
  });

  it("signing out on one instance ends the session on the other (the revocation is in the registry)", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const token = await signIn(a.url);
    const other = await signIn(a.url);
    // 404 while the token is good, 401 once it is not.
    const probe = async (url: string, t: string): Promise<number> =>
      (
        await fetch(`${url}/api/v1/packs/nothing-here/1.0.0`, {
          method: "DELETE",
          headers: writeHeaders(`Bearer ${t}`),
        })
      ).status;
    expect(await probe(b.url, token)).toBe(404);
    const out = await fetch(`${a.url}/api/v1/session`, {
      method: "DELETE",
      headers: writeHeaders(`Bearer ${token}`),
    });
    expect(out.status).toBe(204);
    expect(await probe(b.url, token)).toBe(401);
    expect(await probe(a.url, token)).toBe(401);
    expect(await probe(b.url, other)).toBe(404);
    // The revocation is not a pack: listings do not show it.
    const list = (await (await fetch(`${b.url}/api/v1/packs`)).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });
});
