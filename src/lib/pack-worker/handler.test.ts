import { describe, expect, test } from "vitest";

import { Budget } from "@/pack/limits";
import { contentDigest } from "@/pack/digest";
import type { PackFiles } from "@/pack/pack-files";
import { writePackTarGz } from "@/pack/tar-write";
import { validatePack } from "@/pack/validate";

import { loadFixture } from "../../../test/helpers/fixtures";
import { REPEATED_MANIFEST, repetitivePack } from "../../../test/helpers/packs";
import {
  createPackMessageHandler,
  PackWorkerState,
  runPackMethod,
} from "./handler";
import type {
  LentPack,
  PackRefs,
  PackWorkerMethods,
  PackReport,
  PackRequest,
  PackResponse,
} from "./protocol";
import { transferablesOf } from "./transferables";
import { expectSameFiles } from "../../../test/helpers/same-files";

/** Drive the worker's handler as the worker would, keeping every message and its transfer list. */
async function exchange(request: PackRequest) {
  const posted: { message: PackResponse; transfer: Transferable[] }[] = [];
  const handle = createPackMessageHandler((message, transfer) =>
    posted.push({ message, transfer }),
  );
  await handle({ data: structuredClone(request) });
  const last = posted.at(-1);
  if (!last) throw new Error("the handler posted nothing");
  return { posted, last: last.message, transfer: last.transfer };
}

/** A pack lent with all its bytes (a worker that holds none of them). */
const lentBytes = (files: PackFiles): LentPack =>
  [...files].map(([path, bytes]) => [path, { bytes }]);

const blobBytes = async (blob: unknown): Promise<Uint8Array> => {
  expect(blob).toBeInstanceOf(Blob);
  return new Uint8Array(await (blob as Blob).arrayBuffer());
};

function resultOf(response: PackResponse): unknown {
  if (response.type !== "result")
    throw new Error(`expected a result, got ${JSON.stringify(response)}`);
  return response.value;
}

describe("pack worker handler", () => {
  test("readArchive answers the call's id with the files, their buffers listed once each", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const tgz = writePackTarGz(files, "hello-universe-1.3.1");
    const { posted, last, transfer } = await exchange({
      id: 7,
      method: "readArchive",
      args: [tgz, "hello.tar.gz"],
    });
    expect(posted).toHaveLength(1);
    expect(last.id).toBe(7);
    const result = resultOf(last) as {
      ok: true;
      value: { files: PackFiles; format: string };
    };
    expect(result.ok).toBe(true);
    expect(result.value.format).toBe("tar.gz");
    expectSameFiles(result.value.files, files);
    expect(new Set(transfer).size).toBe(transfer.length);
    expect(transfer.length).toBeGreaterThan(0);
    // The transfer list is valid for postMessage: cloning with it must not throw.
    expect(() => structuredClone(last, { transfer })).not.toThrow();
  });

  test("readArchive reports a refused archive as a typed error, not an exception", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0,
    ]);
    const { last } = await exchange({
      id: 1,
      method: "readArchive",
      args: [png, "logo.zip"],
    });
    expect(resultOf(last)).toMatchObject({
      ok: false,
      error: { kind: "not-an-archive" },
    });
  });

  test("fromEntries → writeZip → readArchive gives the same files, byte for byte", async () => {
    const files = await loadFixture("pack-central/kubevirt-0.55.0");
    const entries = [...files].map(([path, bytes]) => ({
      path: `kubevirt/${path}`,
      file: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    }));
    const from = resultOf(
      (await exchange({ id: 1, method: "fromEntries", args: [entries] })).last,
    );
    // Not asked for Blobs (a local pack only shown): none made.
    expect(from).toMatchObject({ ok: true, value: { blobs: [] } });
    const { files: packed, held } = (
      from as { value: { files: PackFiles; held: [string, string][] } }
    ).value;
    expectSameFiles(packed, files);
    // Every file is held as the last read, by path.
    expect(held.map(([path]) => path).sort()).toEqual([...files.keys()].sort());

    const zip = await exchange({
      id: 2,
      method: "writeZip",
      args: [lentBytes(packed), "kubevirt-0.55.0"],
    });
    const progress = zip.posted
      .map((p) => p.message)
      .filter((m) => m.type === "progress")
      .map((m) => (m.type === "progress" ? m.percent : -1));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(
      progress.every((p) => Number.isInteger(p) && p >= 0 && p <= 100),
    ).toBe(true);
    // A Blob, made in the worker: nothing to transfer, and the page never copies the bytes.
    expect(zip.transfer).toEqual([]);
    const bytes = await blobBytes(resultOf(zip.last));

    const back = resultOf(
      (await exchange({ id: 3, method: "readArchive", args: [bytes, "k.zip"] }))
        .last,
    ) as { ok: true; value: { files: PackFiles; format: string } };
    expect(back.value.format).toBe("zip");
    expectSameFiles(back.value.files, files);
  });

  // A draft file is a backup: a draft holding a file that deflates past the readers' ratio (a
  // 20 MiB manifest of one repeated line) must still be saved and opened again. writeZip refuses
  // that pack (the registry would); writeDraftZip stores that one file instead.
  test("writeDraftZip stores a file past the ratio that writeZip refuses, and the zip reads back", async () => {
    const files = await repetitivePack();
    const refused = (
      await exchange({
        id: 1,
        method: "writeZip",
        args: [lentBytes(files), "d"],
      })
    ).last;
    expect(refused).toMatchObject({
      type: "error",
      error: { name: "ArchiveRefused", message: /repeated\.yaml` compresses/ },
    });
    const written = await blobBytes(
      resultOf(
        (
          await exchange({
            id: 2,
            method: "writeDraftZip",
            args: [lentBytes(files), "d"],
          })
        ).last,
      ),
    );
    expect(written.length).toBeGreaterThan(
      files.get(REPEATED_MANIFEST)!.length,
    );
    const back = resultOf(
      (
        await exchange({
          id: 3,
          method: "readArchive",
          args: [written, "d.zip"],
        })
      ).last,
    ) as { ok: true; value: { files: PackFiles } };
    expect(back.ok).toBe(true);
    // Byte for byte (Buffer.equals: a deep toEqual of 20 MiB runs out of memory).
    const read = back.value.files;
    expect([...read.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [path, bytes] of files)
      expect(Buffer.from(read.get(path)!).equals(bytes), path).toBe(true);
  });

  test("fromEntries refuses a folder past the limits from its sizes, before reading a file", async () => {
    let reads = 0;
    const huge = {
      size: 300 * 1024 * 1024,
      arrayBuffer: () => {
        reads++;
        return Promise.reject(new Error("must not be read"));
      },
    } as unknown as Blob;
    const r = await runPackMethod(
      {
        id: 1,
        method: "fromEntries",
        args: [[{ path: "big.bin", file: huge }]],
      },
      () => undefined,
    );
    expect(r).toMatchObject({ ok: false, error: { kind: "too-large" } });
    expect(reads).toBe(0);
  });

  test("a file that cannot be read any more is refused by name, for a folder and an archive", async () => {
    const gone = {
      size: 10,
      arrayBuffer: () => Promise.reject(new Error("NotReadableError")),
    } as unknown as Blob;
    const folder = await runPackMethod(
      {
        id: 1,
        method: "fromEntries",
        args: [
          [
            { path: "pack.json", file: new Blob(["{}"]) },
            { path: "charts/a.tgz", file: gone },
          ],
        ],
      },
      () => undefined,
    );
    expect(folder).toMatchObject({
      ok: false,
      error: {
        kind: "unreadable",
        entry: "charts/a.tgz",
        message: expect.stringMatching(/^`charts\/a\.tgz` could not be read/),
      },
    });
    const archive = await runPackMethod(
      {
        id: 2,
        method: "readArchive",
        args: [gone, "pack.zip", { keep: true }],
      },
      () => undefined,
    );
    expect(archive).toMatchObject({
      ok: false,
      error: {
        kind: "unreadable",
        message: expect.stringMatching(/^`pack\.zip`/),
      },
    });
  });

  test("a folder read and an archive read asked for Blobs answer a Blob made of each file, not the file on disk", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const entries = [...files].map(([path, bytes]) => ({
      path: `hello/${path}`,
      file: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    }));
    const folder = (await runPackMethod(
      { id: 1, method: "fromEntries", args: [entries, { blobs: true }] },
      () => undefined,
    )) as PackWorkerMethods["fromEntries"]["result"];
    if (!folder.ok) throw new Error(folder.error.message);
    const byPath = new Map(folder.value.blobs);
    expect([...byPath.keys()].sort()).toEqual([...files.keys()].sort());
    for (const { path, file } of entries) {
      const blob = byPath.get(path.slice("hello/".length))!;
      // A file changed on disk after the drop could not be stored: the Blob is the bytes read.
      expect(blob).not.toBe(file);
      expect(
        Buffer.from(await blobBytes(blob)).equals(
          Buffer.from(await blobBytes(file)),
        ),
      ).toBe(true);
    }

    const archive = (await runPackMethod(
      {
        id: 2,
        method: "readArchive",
        args: [writePackTarGz(files, "hello"), "h.tar.gz", { blobs: true }],
      },
      () => undefined,
    )) as PackWorkerMethods["readArchive"]["result"];
    if (!archive.ok) throw new Error(archive.error.message);
    expect(archive.value.held).toEqual([]);
    expect(archive.value.blobs.map(([p]) => p).sort()).toEqual(
      [...files.keys()].sort(),
    );
    for (const [path, blob] of archive.value.blobs)
      expect(Buffer.from(await blobBytes(blob)).equals(files.get(path)!)).toBe(
        true,
      );
  });

  test("only the latest read started is held: an older read that ends after it keeps nothing", () => {
    const { table } = new PackWorkerState();
    table.startRead(1);
    table.startRead(2);
    const held = table.holdRead(2, new Map([["b.txt", Uint8Array.of(2)]]));
    expect(held).toHaveLength(1);
    expect(table.holdRead(1, new Map([["a.txt", Uint8Array.of(1)]]))).toEqual(
      [],
    );
    expect(table.ids()).toEqual(held.map(([, id]) => id));
    // The next read lets it go.
    table.startRead(3);
    expect(table.ids()).toEqual([]);
  });

  test("fromEntries applies the core's limits", async () => {
    const entries = Array.from({ length: 1025 }, (_, i) => ({
      path: `f${i}.txt`,
      file: new Blob(["x"]),
    }));
    const { last } = await exchange({
      id: 1,
      method: "fromEntries",
      args: [entries],
    });
    expect(resultOf(last)).toMatchObject({
      ok: false,
      error: { kind: "too-many-entries" },
    });
  });

  test("validate, digest and writeTarGz answer like the core", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const report = resultOf(
      (
        await exchange({
          id: 1,
          method: "validate",
          args: [lentBytes(files), { target: "oci" }],
        })
      ).last,
    ) as { pack: { name: string } | null; findings: unknown[] };
    expect(report.pack?.name).toBe("hello-universe");

    const digest = resultOf(
      (await exchange({ id: 2, method: "digest", args: [lentBytes(files)] }))
        .last,
    ) as {
      digest: string;
      files: { path: string }[];
    };
    expect(digest.digest).toBe(await contentDigest(files));
    expect(digest.files.map((f) => f.path)).toEqual([...files.keys()].sort());

    const tgz = resultOf(
      (
        await exchange({
          id: 3,
          method: "writeTarGz",
          args: [lentBytes(files), "hello-universe-1.3.1"],
        })
      ).last,
    );
    expect((tgz as Blob).type).toBe("application/gzip");
    expect(await blobBytes(tgz)).toEqual(
      writePackTarGz(files, "hello-universe-1.3.1"),
    );
  });

  test("validate accepts a Budget that lost its class in the structured clone", async () => {
    const files = await loadFixture("pack-central/ceph-rbd-3.11.0");
    const { last } = await exchange({
      id: 1,
      method: "validate",
      args: [lentBytes(files), { budget: new Budget(256 * 1024 * 1024) }],
    });
    expect(last.type).toBe("result");
  });

  test("compareDetail answers each file's digest and each chart with its inner files' digests", async () => {
    const files = await loadFixture("pack-central/ceph-rbd-3.11.0");
    const { last } = await exchange({
      id: 3,
      method: "compareDetail",
      args: [lentBytes(files)],
    });
    const value = resultOf(last) as {
      digest: string;
      files: { path: string }[];
      charts: { file: string; name: string; files: { sha256: string }[] }[];
    };
    expect(value.files.map((f) => f.path).sort()).toEqual(
      [...files.keys()].sort(),
    );
    expect(value.digest).toBe(await contentDigest(files));
    const archives = [...files.keys()].filter((p) => p.endsWith(".tgz"));
    expect(value.charts.map((c) => c.file).sort()).toEqual(archives.sort());
    for (const c of value.charts) {
      expect(c.name).not.toBe("");
      expect(c.files.length).toBeGreaterThan(0);
      expect(c.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  test("readChart reads a real chart archive", async () => {
    const files = await loadFixture("pack-central/ceph-rbd-3.11.0");
    const [path, bytes] = [...files].find(([p]) => p.endsWith(".tgz")) ?? [];
    if (!path || !bytes) throw new Error("the fixture has no chart");
    const { last } = await exchange({
      id: 1,
      method: "readChart",
      args: [bytes, path],
    });
    expect(resultOf(last)).toMatchObject({
      ok: true,
      value: { name: expect.any(String) },
    });
  });

  test("readChartArchive answers with a chart's inner files, their buffers transferred", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const bytes = files.get("charts/argo-cd.tgz");
    if (!bytes) throw new Error("the fixture has no argo-cd chart");
    const { last, transfer } = await exchange({
      id: 3,
      method: "readChartArchive",
      args: [bytes, "charts/argo-cd.tgz"],
    });
    const result = resultOf(last) as {
      ok: true;
      value: { info: { name: string; paths: string[] }; files: PackFiles };
    };
    expect(result.ok).toBe(true);
    expect(result.value.info.name).toBe("argo-cd");
    const deployment = result.value.files.get(
      "templates/argocd-server/deployment.yaml",
    );
    expect(new TextDecoder().decode(deployment)).toMatch(/^kind: Deployment$/m);
    expect([...result.value.files.keys()]).toEqual(result.value.info.paths);
    expect(transfer.length).toBeGreaterThan(0);
    expect(new Set(transfer).size).toBe(transfer.length);
    expect(() => structuredClone(last, { transfer })).not.toThrow();
  });

  test("readChartArchive reports a file that is not a chart as a typed error", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const { last } = await exchange({
      id: 4,
      method: "readChartArchive",
      args: [files.get("logo.png")!, "charts/logo.tgz"],
    });
    expect(resultOf(last)).toMatchObject({
      ok: false,
      error: { kind: "not-a-chart" },
    });
  });

  test("a lent file the worker does not hold is an error naming its id, and the call writes nothing", async () => {
    const { last } = await exchange({
      id: 5,
      method: "writeZip",
      args: [[["pack.json", { id: "f9" }]], "top"],
    });
    expect(last).toMatchObject({
      id: 5,
      type: "error",
      error: { message: "the pack worker does not hold file f9" },
    });
  });

  test("an exception becomes an error answer for the same id", async () => {
    const { last } = await exchange({
      id: 42,
      method: "writeTarGz",
      args: [null as unknown as LentPack, "top"],
    });
    expect(last).toMatchObject({
      id: 42,
      type: "error",
      error: { name: "TypeError" },
    });
  });
});

describe("transferablesOf", () => {
  test("lists each buffer once, through Maps, arrays and objects", () => {
    const shared = new Uint8Array(16);
    const other = new Uint8Array(4);
    const value = {
      files: new Map([
        ["a", shared.subarray(0, 4)],
        ["b", shared.subarray(4, 8)],
      ]),
      list: [other, { nested: other }],
      text: "no buffer",
    };
    expect(transferablesOf(value)).toEqual([shared.buffer, other.buffer]);
    expect(transferablesOf("text")).toEqual([]);
  });
});

/** A pack as refs: every file with its bytes under `prefix<path>`, as a first request sends it. */
const refsWithBytes = (session: string, files: PackFiles): PackRefs => ({
  session,
  files: [...files].map(([path, bytes]) => [path, { id: `id:${path}`, bytes }]),
});
/** The same pack named by ids only, with some paths given new bytes under new ids. */
const refsByIds = (
  session: string,
  files: PackFiles,
  changed: Map<string, Uint8Array> = new Map(),
): PackRefs => ({
  session,
  files: [...files.keys()].map((path) => {
    const bytes = changed.get(path);
    return [path, bytes ? { id: `new:${path}`, bytes } : { id: `id:${path}` }];
  }),
});

describe("pack worker file table", () => {
  /** Drive one worker's handler (one state, as in the worker) through several calls. */
  function worker() {
    const state = new PackWorkerState();
    let n = 0;
    const call = async (request: Omit<PackRequest, "id">) => {
      const posted: PackResponse[] = [];
      const handle = createPackMessageHandler((m) => posted.push(m), state);
      await handle({
        data: structuredClone({ ...request, id: ++n } as PackRequest),
      });
      const last = posted.at(-1);
      if (!last) throw new Error("the handler posted nothing");
      return last;
    };
    return { state, call };
  }

  test("validateRefs answers validatePack's report on the held files, without the opened charts", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const { state, call } = worker();
    const report = resultOf(
      await call({
        method: "validateRefs",
        args: [refsWithBytes("draft", files), { target: "oci" }],
      }),
    ) as PackReport;
    const core = validatePack(files, { target: "oci" });
    expect(report.findings).toEqual(core.findings);
    expect(report.charts).toEqual(core.charts);
    expect(report.images).toEqual(core.images);
    expect(core.chartArchives.size).toBeGreaterThan(0);
    expect("chartArchives" in report).toBe(false);
    expect(state.table.ids().sort()).toEqual(
      [...files.keys()].map((p) => `id:${p}`).sort(),
    );
  });

  test("a second request names files by id and sends only the changed text", async () => {
    const files = await loadFixture("pack-central/argocd-3.26.7");
    const { call } = worker();
    await call({ method: "validateRefs", args: [refsWithBytes("d", files)] });
    const broken = new TextEncoder().encode("broken: [unclosed\n");
    const report = resultOf(
      await call({
        method: "validateRefs",
        args: [refsByIds("d", files, new Map([["values.yaml", broken]]))],
      }),
    ) as PackReport;
    const core = validatePack(new Map([...files, ["values.yaml", broken]]));
    expect(report.findings).toEqual(core.findings);
    expect(
      report.findings.some(
        (f) => f.file === "values.yaml" && f.severity === "error",
      ),
    ).toBe(true);
  });

  test("a values-only edit re-uses each chart as opened and scanned by the last check", async () => {
    const files = await loadFixture("pack-central/nvidia-dpf-operator-25.10.1");
    const charts = [...files.keys()].filter((p) => p.endsWith(".tgz"));
    expect(charts).toHaveLength(2);
    const { state, call } = worker();
    await call({ method: "validateRefs", args: [refsWithBytes("d", files)] });
    const opened = charts.map((p) => state.table.openedChart(`id:${p}`));
    for (const o of opened) expect(o?.result.ok).toBe(true);
    const scan = state.table.secretScan("id:README.md");
    expect(scan).toBeDefined();

    const text = new TextDecoder().decode(files.get("values.yaml"));
    const edits = [`${text}\nextra: 1\n`, `${text}\nbroken: [\n`];
    for (const [i, edit] of edits.entries()) {
      const bytes = new TextEncoder().encode(edit);
      const report = resultOf(
        await call({
          method: "validateRefs",
          args: [
            {
              session: "d",
              files: [...files.keys()].map((path) => [
                path,
                path === "values.yaml"
                  ? { id: `values:${i}`, bytes }
                  : { id: `id:${path}` },
              ]),
            },
          ],
        }),
      ) as PackReport;
      // The very same opened archives: not expanded or scanned again (a read stores a new one).
      expect(charts.map((p) => state.table.openedChart(`id:${p}`))).toEqual(
        opened,
      );
      for (const [k, p] of charts.entries())
        expect(state.table.openedChart(`id:${p}`)).toBe(opened[k]);
      // Unchanged files keep their scan; the new values.yaml was scanned.
      expect(state.table.secretScan("id:README.md")).toBe(scan);
      expect(state.table.secretScan(`values:${i}`)).toBeDefined();
      const core = validatePack(new Map([...files, ["values.yaml", bytes]]));
      expect(report.findings).toEqual(core.findings);
      expect(report.images).toEqual(core.images);
    }
  });

  test("the same ids and options answer the previous report without validating again", async () => {
    const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
    const { state } = worker();
    const run = (refs: PackRefs, target: "oci" | "pack-central") =>
      runPackMethod(
        { id: 1, method: "validateRefs", args: [refs, { target }] },
        () => undefined,
        state,
      );
    const first = await run(refsWithBytes("d", files), "oci");
    // Same ids: the very same object, so the charts were not read again.
    expect(await run(refsByIds("d", files), "oci")).toBe(first);
    // Another target is another report; coming back to the first target validates again.
    const strict = await run(refsByIds("d", files), "pack-central");
    expect(strict).not.toBe(first);
    expect(await run(refsByIds("d", files), "pack-central")).toBe(strict);
  });

  test("an id the worker does not hold is an error naming the path, not a crash", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const { call } = worker();
    const last = await call({
      method: "validateRefs",
      args: [refsByIds("d", files)],
    });
    expect(last).toMatchObject({
      type: "error",
      error: {
        message: expect.stringMatching(
          /does not hold .*pack\.json \(id:pack\.json\)/,
        ),
      },
    });
  });

  test("files no session references are dropped; release drops a session's files", async () => {
    const files = await loadFixture("pack-central/hello-universe-1.3.1");
    const { state, call } = worker();
    await call({ method: "validateRefs", args: [refsWithBytes("a", files)] });
    await call({ method: "digestRefs", args: [refsByIds("b", files)] });
    // Session a moves on without README.md: session b still holds it.
    const without = new Map(files);
    without.delete("README.md");
    await call({ method: "validateRefs", args: [refsByIds("a", without)] });
    expect(state.table.ids()).toContain("id:README.md");
    await call({ method: "release", args: ["b"] });
    expect(state.table.ids()).not.toContain("id:README.md");
    expect(state.table.ids()).toHaveLength(without.size);
    await call({ method: "release", args: ["a"] });
    expect(state.table.ids()).toEqual([]);
    expect(
      await call({ method: "digestRefs", args: [refsByIds("a", files)] }),
    ).toMatchObject({ type: "error" });
  });

  test("digestRefs equals the core's content digest, before and after an edit", async () => {
    const files = await loadFixture("pack-central/ceph-rbd-3.11.0");
    const { call } = worker();
    const first = resultOf(
      await call({ method: "digestRefs", args: [refsWithBytes("d", files)] }),
    ) as { digest: string };
    expect(first.digest).toBe(await contentDigest(files));
    const edited = new TextEncoder().encode("pack:\n  namespace: x\n");
    const second = resultOf(
      await call({
        method: "digestRefs",
        args: [refsByIds("d", files, new Map([["values.yaml", edited]]))],
      }),
    ) as { digest: string };
    expect(second.digest).toBe(
      await contentDigest(new Map([...files, ["values.yaml", edited]])),
    );
  });
});
