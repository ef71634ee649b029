import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import { readChartArchive } from "@/pack/chart";
import { contentDigest } from "@/pack/digest";
import type { PackFiles } from "@/pack/pack-files";
import { readPackArchive } from "@/pack/read-archive";
import { writePackTarGz } from "@/pack/tar-write";
import { validatePack } from "@/pack/validate";

import { noise } from "../../../test/gen/bytes";
import { chartTgz } from "../../../test/gen/pack";
import { buildTarGz } from "../../../test/gen/tar";
import { loadFixture } from "../../../test/helpers/fixtures";
import { expectSameFiles } from "../../../test/helpers/same-files";
import { blobOf } from "@/lib/files/byte-blobs";

import { createPackWorkerClient, type WorkerLike } from "./client";
import {
  createPackMessageHandler,
  PackWorkerState,
  runPackMethod,
} from "./handler";
import type { LentPack, PackRefs, PackRequest, PackResponse } from "./protocol";

/**
 * A stand-in for the Worker that runs the real handler in this thread, with the real message
 * semantics: structured clone both ways, transfer lists honoured, answers delivered later.
 */
class InProcessWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<PackResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  received: PackRequest[] = [];
  /** When set, requests are held instead of answered (a worker that is busy or hung). */
  hold = false;

  readonly state = new PackWorkerState();
  private readonly handle = createPackMessageHandler((message, transfer) => {
    const copy = structuredClone(message, { transfer });
    setTimeout(() => {
      if (!this.terminated)
        this.onmessage?.({ data: copy } as MessageEvent<PackResponse>);
    });
  }, this.state);

  postMessage(message: PackRequest, transfer: Transferable[] = []): void {
    if (this.terminated) throw new Error("posted to a terminated worker");
    const copy = structuredClone(message, { transfer });
    this.received.push(copy);
    if (this.hold) this.parked.push(copy);
    else void this.handle({ data: copy });
  }

  private parked: PackRequest[] = [];

  /** Answer what was held, in order, and what comes next. */
  resume(): void {
    this.hold = false;
    for (const request of this.parked.splice(0))
      void this.handle({ data: request });
  }

  terminate(): void {
    this.terminated = true;
  }

  crash(message: string): void {
    let prevented = false;
    this.onerror?.({
      message,
      preventDefault: () => {
        prevented = true;
      },
    } as ErrorEvent);
    expect(prevented).toBe(true);
  }
}

function setup() {
  const workers: InProcessWorker[] = [];
  const client = createPackWorkerClient(() => {
    const worker = new InProcessWorker();
    workers.push(worker);
    return worker;
  });
  return { client, workers };
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** A cheap call: the SHA-256 of one file, through the worker's digest. */
const hashOf = async (
  client: ReturnType<typeof createPackWorkerClient>,
  text: string,
): Promise<string> =>
  (await client.digest(new Map([["f", bytes(text)]]))).files[0]!.sha256;

describe("pack worker client", () => {
  test("starts no worker until the first call, then one for every call", async () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    const [a, b] = await Promise.all([
      hashOf(client, "abc"),
      hashOf(client, ""),
    ]);
    expect(a).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(b).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received.map((r) => r.id)).toEqual([1, 2]);
  });

  test("copies inputs: the caller keeps its bytes", async () => {
    const { client } = setup();
    const input = bytes("keep me");
    await client.digest(new Map([["f", input]]));
    expect(input.byteLength).toBe(7);
  });

  test("reports writeZip progress and resolves with the archive", async () => {
    const { client } = setup();
    const files = new Map([["pack.json", bytes('{"name":"x"}')]]);
    const seen: number[] = [];
    const zip = await client.writeZip(files, "x-1.0.0", (p) => seen.push(p));
    expect(seen.at(-1)).toBe(100);
    expect(zip.type).toBe("application/zip");
    expect(
      Array.from(new Uint8Array(await zip.arrayBuffer()).subarray(0, 4)),
    ).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  test("a typed core error resolves; an exception rejects with its name and message", async () => {
    const { client } = setup();
    await expect(
      client.readArchive(new Uint8Array(), "empty.zip"),
    ).resolves.toMatchObject({
      ok: false,
      error: { kind: "empty-file" },
    });
    await expect(
      client.readChart(null as unknown as Uint8Array, "x.tgz"),
    ).rejects.toMatchObject({
      name: "TypeError",
      message: expect.stringMatching(/null/),
    });
  });

  test("a crash rejects every pending call, and the next call starts a fresh worker", async () => {
    const { client, workers } = setup();
    await hashOf(client, "warm up");
    const first = workers[0]!;
    first.hold = true;
    const pending = [hashOf(client, "a"), client.digest(new Map())];
    first.crash("out of memory");
    for (const call of pending)
      await expect(call).rejects.toThrow(
        /pack worker stopped unexpectedly \(out of memory\)/,
      );
    expect(first.terminated).toBe(true);

    await expect(hashOf(client, "abc")).resolves.toMatch(/^ba7816bf/);
    expect(workers).toHaveLength(2);
  });

  test("readChartArchive gives the same inner files as the core, byte for byte", async () => {
    const { client } = setup();
    const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
    const bytes = files.get("charts/piraeus-2.9.0.tgz")!;
    const core = readChartArchive(bytes, { name: "charts/piraeus-2.9.0.tgz" });
    const viaWorker = await client.readChartArchive(
      bytes,
      "charts/piraeus-2.9.0.tgz",
    );
    if (!core.ok || !viaWorker.ok) throw new Error("the chart did not read");
    expect(viaWorker.value.info).toEqual(core.value.info);
    expect([...viaWorker.value.files.keys()]).toEqual([
      ...core.value.files.keys(),
    ]);
    for (const [path, b] of core.value.files)
      expect(viaWorker.value.files.get(path), path).toEqual(b);
    // The caller's archive was copied to the worker, not moved.
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  test("fromEntries posts the folder's files as Blobs, read in the worker", async () => {
    const { client, workers } = setup();
    const entries = [
      { path: "pack.json", file: new Blob(['{"name":"a"}']) },
      { path: "values.yaml", file: new Blob(["a: 1\n"]) },
    ];
    const r = await client.fromEntries(entries);
    if (!r.ok) throw new Error(r.error.message);
    const posted = workers[0]!.received[0]!;
    expect(posted.method).toBe("fromEntries");
    // Handles, not bytes: the page read nothing.
    expect(
      (posted.args[0] as { file: unknown }[]).every(
        (e) => e.file instanceof Blob,
      ),
    ).toBe(true);
    expect(new TextDecoder().decode(r.value.get("values.yaml"))).toBe("a: 1\n");
  });

  test("readChartYaml copies only the archive's first MiB when Chart.yaml is in it, else all of it", async () => {
    const { client, workers } = setup();
    const early = chartTgz({
      name: "early",
      version: "1.2.3",
      extra: { "templates/big.bin": noise(3 * 1024 * 1024) },
    });
    expect(early.length).toBeGreaterThan(2 * 1024 * 1024);
    await expect(
      client.readChartYaml(early, "charts/early.tgz"),
    ).resolves.toMatchObject({
      ok: true,
      value: { name: "early", version: "1.2.3" },
    });
    const sent = () =>
      workers[0]!.received.map((r) => (r.args[0] as Uint8Array).length);
    expect(sent()).toEqual([1024 * 1024]);
    // Chart.yaml after 3 MiB of noise: the first MiB is not enough, the whole archive is sent.
    const late = buildTarGz([
      { name: "late/templates/big.bin", data: noise(3 * 1024 * 1024) },
      {
        name: "late/Chart.yaml",
        data: bytes("apiVersion: v2\nname: late\nversion: 1.0.0\n"),
      },
    ]);
    await expect(
      client.readChartYaml(late, "charts/late.tgz"),
    ).resolves.toMatchObject({ ok: true, value: { name: "late" } });
    expect(sent()).toEqual([1024 * 1024, 1024 * 1024, late.length]);
    expect(early.byteLength).toBeGreaterThan(0);
  });

  test("an answer that cannot be read counts as a crash", async () => {
    const { client, workers } = setup();
    await hashOf(client, "");
    workers[0]!.hold = true;
    const call = hashOf(client, "x");
    workers[0]!.onmessageerror?.({} as MessageEvent);
    await expect(call).rejects.toThrow(/could not be read/);
  });

  test("terminate stops the worker and rejects what was pending", async () => {
    const { client, workers } = setup();
    await hashOf(client, "");
    workers[0]!.hold = true;
    const call = client.validate(new Map());
    client.terminate();
    await expect(call).rejects.toThrow(/stopped/);
    await expect(client.validate(new Map())).resolves.toMatchObject({
      pack: null,
    });
    expect(workers).toHaveLength(2);
  });

  test("an input that cannot be cloned rejects that call only", async () => {
    const { client } = setup();
    const bad = new Map([["f", (() => 1) as unknown as Uint8Array]]);
    await expect(client.digest(bad)).rejects.toThrow();
    await expect(hashOf(client, "abc")).resolves.toMatch(/^ba7816bf/);
  });

  describe("files held in the worker", () => {
    /** The refs of each validateRefs/digestRefs request a worker received, in order. */
    const refsSent = (w: InProcessWorker): PackRefs[] =>
      w.received.flatMap((r) =>
        r.method === "validateRefs" || r.method === "digestRefs"
          ? [r.args[0]]
          : [],
      );
    /** The paths a request carried bytes for. */
    const withBytes = (refs: PackRefs | undefined) =>
      (refs?.files ?? []).filter(([, r]) => r.bytes).map(([p]) => p);
    /** The wizard's way: text files re-encoded on every render, stored files the same arrays. */
    const render = (files: PackFiles, values?: string): PackFiles =>
      new Map(
        [...files].map(([path, b]) =>
          path === "values.yaml" || path === "pack.json"
            ? [
                path,
                path === "values.yaml" && values !== undefined
                  ? bytes(values)
                  : b.slice(),
              ]
            : [path, b],
        ),
      );

    test("bytes go once; the next validate sends ids and only the changed text", async () => {
      const files = await loadFixture("pack-central/argocd-3.26.7");
      const { client, workers } = setup();
      const first = await client.validateFiles("draft", render(files));
      expect(first.findings).toEqual(validatePack(files).findings);
      const [w] = workers;
      expect(withBytes(refsSent(w!)[0]).sort()).toEqual(
        [...files.keys()].sort(),
      );

      // Re-rendered, nothing changed: no bytes at all.
      await client.validateFiles("draft", render(files));
      expect(withBytes(refsSent(w!)[1])).toEqual([]);

      // values.yaml edited: only it travels; the chart does not.
      const broken = "broken: [unclosed\n";
      const report = await client.validateFiles("draft", render(files, broken));
      expect(withBytes(refsSent(w!)[2])).toEqual(["values.yaml"]);
      expect(report.findings).toEqual(
        validatePack(new Map([...files, ["values.yaml", bytes(broken)]]))
          .findings,
      );
      // The old values.yaml is gone from the worker; the rest is held once.
      expect(w!.state.table.ids()).toHaveLength(files.size);
    });

    test("the digest of a validated draft sends no bytes and equals the core's", async () => {
      const files = await loadFixture("pack-central/hello-universe-1.3.1");
      const { client, workers } = setup();
      await client.validateFiles("report", files);
      const d = await client.digestFiles("digest", files);
      expect(d.digest).toBe(await contentDigest(files));
      expect(withBytes(refsSent(workers[0]!)[1])).toEqual([]);
    });

    test("a download or an upload of a checked draft names the held files by id and changes nothing held", async () => {
      const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const { client, workers } = setup();
      await client.validateFiles("draft", files);
      const w = workers[0]!;
      const held = w.state.table.ids().sort();

      const upload = await client.writeUploadZip(render(files), "piraeus");
      const request = w.received.at(-1)!;
      expect(request.method).toBe("writeUploadZip");
      const lent = request.args[0] as LentPack;
      // The re-encoded text files travel; the rest (the chart) is named by id.
      expect(
        lent
          .filter(([, f]) => "bytes" in f)
          .map(([p]) => p)
          .sort(),
      ).toEqual(["pack.json", "values.yaml"]);
      expect(lent.map(([p]) => p).sort()).toEqual([...files.keys()].sort());
      expect(w.state.table.ids().sort()).toEqual(held);

      const zip = new Uint8Array(await upload.zip.arrayBuffer());
      expect(upload.sha256).toBe(
        createHash("sha256").update(zip).digest("hex"),
      );
      expect(upload.digest).toBe(await contentDigest(files));
      const back = await readPackArchive(zip, { name: "piraeus.zip" });
      expect(back.ok && back.value.files.size).toBe(files.size);
      if (back.ok) expectSameFiles(back.value.files, files);

      // The same call from a page whose worker holds nothing sends every file and writes the same zip.
      const fresh = setup();
      const again = await fresh.client.writeUploadZip(files, "piraeus");
      expect(again.sha256).toBe(upload.sha256);
    });

    /** The paths a lent call carried bytes for. */
    const lentBytes = (w: InProcessWorker, method: string): string[] =>
      (w.received.findLast((r) => r.method === method)!.args[0] as LentPack)
        .filter(([, f]) => "bytes" in f)
        .map(([path]) => path);

    test("a folder imported and then checked as a draft: the check sends no bytes", async () => {
      const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const { client, workers } = setup();
      const r = await client.fromEntries(
        [...files].map(([path, b]) => ({
          path,
          file: new Blob([b as Uint8Array<ArrayBuffer>]),
        })),
      );
      if (!r.ok) throw new Error(r.error.message);
      expectSameFiles(r.value, files);
      await client.validateFiles("draft", r.value);
      expect(withBytes(refsSent(workers[0]!)[0])).toEqual([]);
    });

    test("a reopened draft's stored Blobs are read in the worker: its first check sends no bytes", async () => {
      const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const stored = [...files].map(([, b], i): [string, Blob] => [
        `b${i}`,
        new Blob([b as Uint8Array<ArrayBuffer>]),
      ]);
      const { client, workers } = setup();
      const r = await client.readBlobs(stored);
      if (!r.ok) throw new Error(r.error.message);
      const paths = [...files.keys()];
      const draft = new Map(
        [...r.value].map(([key, bytes]) => [paths[+key.slice(1)]!, bytes]),
      );
      expectSameFiles(draft, files);
      // Each stored Blob (as it came back from the worker: a clone of the handle) is its bytes'
      // twin, so saving them again stores a handle.
      for (const [key, blob] of stored)
        expect(
          Buffer.from(await blobOf(r.value.get(key)!)!.arrayBuffer()).equals(
            Buffer.from(await blob.arrayBuffer()),
          ),
        ).toBe(true);
      await client.validateFiles("draft", draft);
      expect(withBytes(refsSent(workers[0]!)[0])).toEqual([]);

      // Files the user chose are not twinned: one changed on disk later could not be stored.
      const chosen = await client.readBlobs([["0", new Blob(["kind: A\n"])]], {
        twins: false,
      });
      if (!chosen.ok) throw new Error(chosen.error.message);
      expect(blobOf(chosen.value.get("0")!)).toBeUndefined();

      const gone = {
        size: 1,
        arrayBuffer: () => Promise.reject(new Error("gone")),
      } as unknown as Blob;
      // The in-process worker clones its messages: a broken Blob goes to a handler directly.
      const failed = await runPackMethod(
        { id: 1, method: "readBlobs", args: [[["b1", gone]]] },
        () => undefined,
      );
      expect(failed).toMatchObject({
        ok: false,
        error: { kind: "unreadable", entry: "b1" },
      });
    });

    test("only the latest kept read is held; a read not kept changes nothing", async () => {
      const a = await loadFixture("pack-central/hello-universe-1.3.1");
      const b = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const { client, workers } = setup();
      const readA = await client.readArchive(
        writePackTarGz(a, "a"),
        "a.tar.gz",
        { keep: true },
      );
      if (!readA.ok) throw new Error(readA.error.message);
      const w = workers[0]!;
      expect(w.state.table.ids()).toHaveLength(a.size);
      // Not asked for Blobs: none made.
      expect(blobOf(readA.value.files.get("values.yaml")!)).toBeUndefined();
      await client.digest(readA.value.files);
      expect(lentBytes(w, "digest")).toEqual([]);

      // Shown only: nothing held changes.
      const shown = await client.readArchive(
        new Blob([writePackTarGz(b, "b") as Uint8Array<ArrayBuffer>]),
        "b.tar.gz",
      );
      if (!shown.ok) throw new Error(shown.error.message);
      expect(w.state.table.ids()).toHaveLength(a.size);

      const readB = await client.readArchive(
        writePackTarGz(b, "b"),
        "b.tar.gz",
        { keep: true, blobs: true },
      );
      if (!readB.ok) throw new Error(readB.error.message);
      // Each file has its Blob, for storing without copying it on the page.
      for (const [path, bytes] of readB.value.files)
        expect(
          Buffer.from(await blobOf(bytes)!.arrayBuffer()).equals(b.get(path)!),
        ).toBe(true);
      expect(w.state.table.ids()).toHaveLength(b.size);
      await client.digest(readA.value.files);
      expect(lentBytes(w, "digest").sort()).toEqual([...a.keys()].sort());
      await client.digest(readB.value.files);
      expect(lentBytes(w, "digest")).toEqual([]);
    });

    test("readChartYaml of a kept read's chart names it by id: not even its first MiB is sent", async () => {
      const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const { client, workers } = setup();
      const r = await client.readArchive(writePackTarGz(files, "p"), "p.tgz", {
        keep: true,
      });
      if (!r.ok) throw new Error(r.error.message);
      const path = "charts/piraeus-2.9.0.tgz";
      await expect(
        client.readChartYaml(r.value.files.get(path)!, path),
      ).resolves.toMatchObject({ ok: true, value: { name: "piraeus" } });
      const last = workers[0]!.received.at(-1)!;
      expect(last.method).toBe("readHeldChartYaml");
      expect(last.args).toEqual([expect.stringMatching(/^r\d+$/), path]);
    });

    test("after a crash, a new worker's read ids never name the old worker's files", async () => {
      const a = await loadFixture("pack-central/hello-universe-1.3.1");
      const b = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const { client, workers } = setup();
      const ra = await client.readArchive(writePackTarGz(a, "a"), "a.tgz", {
        keep: true,
      });
      if (!ra.ok) throw new Error(ra.error.message);
      workers[0]!.crash("out of memory");
      // The fresh worker numbers its read from r1 again.
      const rb = await client.readArchive(writePackTarGz(b, "b"), "b.tgz", {
        keep: true,
      });
      if (!rb.ok) throw new Error(rb.error.message);
      const d = await client.digest(ra.value.files);
      expect(d.digest).toBe(await contentDigest(a));
      expect(lentBytes(workers[1]!, "digest").sort()).toEqual(
        [...a.keys()].sort(),
      );
    });

    test("releaseRead lets the worker drop the last read no session holds", async () => {
      const a = await loadFixture("pack-central/hello-universe-1.3.1");
      const { client, workers } = setup();
      const r = await client.readArchive(writePackTarGz(a, "a"), "a.tgz", {
        keep: true,
      });
      if (!r.ok) throw new Error(r.error.message);
      const w = workers[0]!;
      client.releaseRead();
      await client.digest(r.value.files);
      expect(w.state.table.ids()).toEqual([]);
      expect(lentBytes(w, "digest").sort()).toEqual([...a.keys()].sort());
    });

    test("two kept reads in flight: the later one is held, on both sides", async () => {
      const a = await loadFixture("pack-central/hello-universe-1.3.1");
      const b = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const { client, workers } = setup();
      await hashOf(client, "");
      const w = workers[0]!;
      w.hold = true;
      const first = client.readArchive(writePackTarGz(a, "a"), "a.tgz", {
        keep: true,
      });
      const second = client.readArchive(writePackTarGz(b, "b"), "b.tgz", {
        keep: true,
      });
      w.resume();
      // Used as soon as it is answered, before the later read's answer arrives: had the page
      // taken a's files as held, it would name ids the worker let go for b's.
      const ra = await first;
      if (!ra.ok) throw new Error(ra.error.message);
      const report = await client.validateFiles("draft", ra.value.files);
      expect(report.pack).toMatchObject({ name: "hello-universe" });
      expect(withBytes(refsSent(w).at(-1)).sort()).toEqual(
        [...a.keys()].sort(),
      );
      const rb = await second;
      if (!rb.ok) throw new Error(rb.error.message);
      await client.writeZip(rb.value.files, "b");
      expect(lentBytes(w, "writeZip")).toEqual([]);
    });

    test("release drops the session's files; a later call sends them again", async () => {
      const files = await loadFixture("pack-central/hello-universe-1.3.1");
      const { client, workers } = setup();
      await client.validateFiles("draft", files);
      const w = workers[0]!;
      client.release("draft");
      await hashOf(client, "");
      expect(w.received.some((r) => r.method === "release")).toBe(true);
      expect(w.state.table.ids()).toEqual([]);
      await client.validateFiles("draft", files);
      expect(withBytes(refsSent(w)[1]).sort()).toEqual(
        [...files.keys()].sort(),
      );
    });

    test("after a crash the fresh worker gets the bytes again", async () => {
      const files = await loadFixture("pack-central/hello-universe-1.3.1");
      const { client, workers } = setup();
      await client.validateFiles("draft", files);
      workers[0]!.crash("out of memory");
      const report = await client.validateFiles("draft", files);
      expect(report.pack).toMatchObject({ name: "hello-universe" });
      expect(withBytes(refsSent(workers[1]!)[0]).sort()).toEqual(
        [...files.keys()].sort(),
      );
    });

    test("a chart the worker holds is read by id, once, however often it is asked for", async () => {
      const files = await loadFixture("pack-central/piraeus-operator-2.9.0");
      const path = "charts/piraeus-2.9.0.tgz";
      const chart = files.get(path)!;
      const { client, workers } = setup();
      const before = await client.readChart(chart, path);
      expect(workers[0]!.received.at(-1)?.method).toBe("readChart");
      await client.validateFiles("draft", files);
      const [a, b] = await Promise.all([
        client.readChart(chart, path),
        client.readChart(chart, path),
      ]);
      const w = workers[0]!;
      const byId = w.received.filter((r) => r.method === "readHeldChart");
      expect(byId).toHaveLength(2);
      expect(byId.every((r) => typeof r.args[0] === "string")).toBe(true);
      expect(a).toEqual(before);
      expect(b).toEqual(before);
      // One read, kept with the file.
      const id = byId[0]!.args[0] as string;
      expect(w.state.table.chart(id, path)).toBe(w.state.table.chart(id, path));
      const archive = await client.readChartArchive(chart, path);
      expect(w.received.at(-1)?.method).toBe("readHeldChartArchive");
      const core = readChartArchive(chart, { name: path });
      if (!archive.ok || !core.ok) throw new Error("the chart did not read");
      expect([...archive.value.files.keys()]).toEqual([
        ...core.value.files.keys(),
      ]);
      // Released: the bytes travel again.
      client.release("draft");
      await client.readChart(chart, path);
      expect(w.received.at(-1)?.method).toBe("readChart");
    });

    test("quickValues: the syntax errors of an edit, against the session's last text; latest wins; release forgets it", async () => {
      const { client, workers } = setup();
      const values =
        "pack:\n  namespace: a\ncharts:\n  demo:\n    replicas: 1\n";
      await expect(client.quickValues("q", values)).resolves.toEqual({
        lines: { from: 1, to: 5 },
        findings: [],
      });
      const w = workers[0]!;
      w.hold = true;
      const typed = client.quickValues("q", `${values}    image: a\n`);
      const replaced = client.quickValues("q", `${values}    image: [a\n`);
      const broken = client.quickValues(
        "q",
        `broken: [x\n${values}    image: a\n`,
      );
      w.resume();
      await expect(typed).resolves.toMatchObject({ findings: [] });
      // Replaced before it was posted: answered null, never sent.
      await expect(replaced).resolves.toBeNull();
      // The first call sends the text; the next ones only the edit of what the worker holds.
      const sent = () =>
        w.received
          .filter((r) => r.method === "quickValues")
          .map((r) => r.args[1]);
      expect(sent()).toEqual([
        values,
        { from: values.length, to: values.length, insert: "    image: a\n" },
        { from: 0, to: 0, insert: "broken: [x\n" },
      ]);
      // Against the text of the last call (`typed`'s): only the pasted line is parsed.
      await expect(broken).resolves.toEqual({
        lines: { from: 1, to: 1 },
        findings: [
          expect.objectContaining({
            code: "VALUES_SYNTAX",
            severity: "error",
            file: "values.yaml",
            line: 1,
          }),
        ],
      });
      expect(w.state.quickTexts.get("q")).toBe(
        `broken: [x\n${values}    image: a\n`,
      );
      client.release("q");
      await hashOf(client, "");
      expect(w.state.quickTexts.has("q")).toBe(false);
      // Released, or a fresh worker after a crash: the whole text travels again.
      await client.quickValues("q", values);
      w.crash("out of memory");
      await client.quickValues("q", `${values}# c\n`);
      expect(sent().at(-1)).toBe(values);
      expect(workers[1]!.received.at(-1)?.args[1]).toBe(`${values}# c\n`);
    });

    test("latest wins: checks asked for while one runs are answered by one check of the newest files", async () => {
      const files = await loadFixture("pack-central/hello-universe-1.3.1");
      const { client, workers } = setup();
      await hashOf(client, "");
      const w = workers[0]!;
      w.hold = true;
      const first = client.validateFiles("draft", render(files, "a: 1\n"));
      const second = client.validateFiles("draft", render(files, "b: [\n"));
      const third = client.validateFiles("draft", render(files, "c: 3\n"));
      // Another session is not held back by this one.
      const other = client.validateFiles("other", files);
      expect(refsSent(w).map((r) => r.session)).toEqual(["draft", "other"]);
      w.resume();
      const [r1, r2, r3] = await Promise.all([first, second, third, other]);
      expect(r2).toEqual(r3);
      expect(r3!.findings).toEqual(
        validatePack(new Map([...files, ["values.yaml", bytes("c: 3\n")]]))
          .findings,
      );
      expect(r1!.findings).toEqual(
        validatePack(new Map([...files, ["values.yaml", bytes("a: 1\n")]]))
          .findings,
      );
      // Two checks of the draft ran: the first, then the newest; "b: [" never reached the worker.
      expect(
        refsSent(w)
          .filter((r) => r.session === "draft")
          .map((r) => withBytes(r)),
      ).toHaveLength(2);
    });

    test("a request that cannot be posted leaves the mirror as it was", async () => {
      const files = await loadFixture("pack-central/hello-universe-1.3.1");
      const { client, workers } = setup();
      await client.validateFiles("draft", files);
      const bad = new Map([
        ...files,
        ["bad", (() => 1) as unknown as Uint8Array],
      ]);
      await expect(client.validateFiles("draft", bad)).rejects.toThrow();
      const again = await client.validateFiles("draft", files);
      expect(again.pack).toMatchObject({ name: "hello-universe" });
      expect(withBytes(refsSent(workers[0]!).at(-1))).toEqual([]);
    });
  });
});
