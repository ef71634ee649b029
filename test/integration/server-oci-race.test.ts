import { describe, expect, it } from "vitest";
import { tutorialZip } from "../helpers/packs";
import {
  ADMIN,
  basic,
  writeHeaders,
  type RunningServer,
} from "../helpers/server";
import { twoServersOnOneRegistry } from "../helpers/server-pair";

const servers = twoServersOnOneRegistry("race");

/** The tutorial pack at `version`, its README different per instance so the contents differ. */
async function zipFor(
  version: string,
  who: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const zip = await tutorialZip(`${who} ${version}`, (files) => {
    const pj = JSON.parse(
      new TextDecoder().decode(files.get("pack.json")),
    ) as Record<string, unknown>;
    pj.version = version;
    files.set("pack.json", new TextEncoder().encode(JSON.stringify(pj)));
  });
  return new Uint8Array(zip);
}

describe("two server processes racing on one new version (one registry)", () => {
  it("exactly one answers 201, the other 409 naming it, and the stored pack is the 201's", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    // Several rounds: each one a fresh version both instances try to create at the same moment.
    for (const version of ["1.0.0", "1.0.1", "1.0.2", "1.0.3"]) {
      const bodies = {
        a: await zipFor(version, "a"),
        b: await zipFor(version, "b"),
      };
      const answers = await Promise.all(
        (["a", "b"] as const).map(async (who) => {
          const server = who === "a" ? a : b;
          const res = await fetch(
            `${server.url}/api/v1/packs/hellouniverse/${version}`,
            {
              method: "PUT",
              headers: writeHeaders(basic(ADMIN)),
              body: bodies[who],
            },
          );
          return {
            who,
            status: res.status,
            body: (await res.json()) as {
              digest?: string;
              error?: { code: string; details?: { digest?: string } };
            },
          };
        }),
      );
      const statuses = answers.map((x) => x.status).sort();
      expect(statuses, `${version}: ${JSON.stringify(answers)}`).toEqual([
        201, 409,
      ]);
      const won = answers.find((x) => x.status === 201)!;
      const lost = answers.find((x) => x.status === 409)!;
      expect(lost.body.error?.code).toBe("VERSION_EXISTS");
      expect(lost.body.error?.details?.digest).toBe(won.body.digest);
      // Both instances now serve the winner's content.
      for (const s of [a, b]) {
        const stored = (await (
          await fetch(`${s.url}/api/v1/packs/hellouniverse/${version}`)
        ).json()) as { digest: string; readme?: string };
        expect(stored.digest).toBe(won.body.digest);
        expect(stored.readme).toContain(`variant ${won.who} ${version}`);
      }
    }
    // The pack's versions, read from its repository alone, the same on both instances.
    for (const s of [a, b]) {
      const pack = (await (
        await fetch(`${s.url}/api/v1/packs/hellouniverse`)
      ).json()) as { latest: string; versions: { version: string }[] };
      expect(pack.latest).toBe("1.0.3");
      expect(pack.versions.map((v) => v.version)).toEqual([
        "1.0.3",
        "1.0.2",
        "1.0.1",
        "1.0.0",
      ]);
    }
    expect((await fetch(`${a.url}/api/v1/packs/no-such-pack`)).status).toBe(
      404,
    );
  }, 120_000);
});
