import { describe, expect, it } from "vitest";

import {
  carriedField,
  carriedGroupKey,
  carriedGroupOf,
  groupCarried,
  removeCarried,
  restoreCarried,
} from "@/features/wizard/model/carried-files";
import { emptyValues } from "@/features/wizard/model/empty-values";
import {
  errorSteps,
  fieldId,
  findingTarget,
} from "@/features/wizard/model/finding-targets";
import type { Finding } from "@/pack/finding";

const carried = (...paths: string[]) =>
  paths.map((path, i) => ({ path, blob: `b${i}` }));

describe("carried files are listed by the row they are removed with", () => {
  it.each([
    ["NOTES.txt", "NOTES.txt"],
    ["charts/old-1.0.0.tgz", "charts/old-1.0.0.tgz"],
    ["manifests/extra.json", "manifests/extra.json"],
    // An unpacked chart folder is one row, not a row per template.
    ["charts/nginx/templates/deploy.yaml", "charts/nginx/"],
    ["manifests/crds/a.yaml", "manifests/crds/"],
    ["docs/guide/intro.md", "docs/"],
    [".git/objects/ab/cdef", ".git/"],
  ])("%s → %s", (path, key) => {
    expect(carriedGroupKey(path)).toBe(key);
  });

  it("groups in the order the files first appear", () => {
    const files = carried(
      ".git/HEAD",
      "NOTES.txt",
      ".git/config",
      "charts/nginx/Chart.yaml",
    );
    expect(groupCarried(files)).toEqual([
      { key: ".git/", folder: true, paths: [".git/HEAD", ".git/config"] },
      { key: "NOTES.txt", folder: false, paths: ["NOTES.txt"] },
      {
        key: "charts/nginx/",
        folder: true,
        paths: ["charts/nginx/Chart.yaml"],
      },
    ]);
  });

  it("finds the row of a finding's file: the file, a file inside an archive, a folder the core names", () => {
    const files = carried("charts/old.tgz", "docs/.git/HEAD", "a.txt");
    expect(carriedGroupOf("charts/old.tgz", files)).toBe("charts/old.tgz");
    expect(carriedGroupOf("charts/old.tgz/templates/x.yaml", files)).toBe(
      "charts/old.tgz",
    );
    expect(carriedGroupOf("docs/.git/", files)).toBe("docs/");
    expect(carriedGroupOf("a.txt", files)).toBe("a.txt");
    expect(carriedGroupOf("a.txt.bak", files)).toBeNull();
    expect(carriedGroupOf("values.yaml", files)).toBeNull();
    // A folder that is no row and holds no row of its own: not the first file found under it.
    expect(carriedGroupOf("charts/", files)).toBeNull();
  });

  it("gives each row its own element id, whatever characters its path has", () => {
    const ids = [".git/", "git/", "a.txt", "a-txt", "a_txt"].map((k) =>
      fieldId(carriedField(k)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe("removing a carried row and undoing it", () => {
  const before = carried("a.txt", "docs/x.md", "b.txt", "docs/y.md");

  it("takes every file of a folder row, and puts them back where they were", () => {
    const { files, removed } = removeCarried(before, "docs/");
    expect(files.map((f) => f.path)).toEqual(["a.txt", "b.txt"]);
    expect(removed.map((f) => f.path)).toEqual(["docs/x.md", "docs/y.md"]);
    const back = restoreCarried(files, removed, before);
    expect(back.files).toEqual(before);
    expect(back.kept).toBe(0);
  });

  it("puts them back in place when the list it gets back holds copies (as the form hands it)", () => {
    const { files, removed } = removeCarried(before, "b.txt");
    const copies = structuredClone(files);
    const back = restoreCarried(copies, structuredClone(removed), before);
    expect(back.files.map((f) => f.path)).toEqual(before.map((f) => f.path));
  });

  it("keeps a file of the same path that came since, the newer one", () => {
    const { files, removed } = removeCarried(before, "docs/");
    const since = [...files, { path: "docs/x.md", blob: "newer" }];
    const back = restoreCarried(since, removed, before);
    expect(back.files.filter((f) => f.path === "docs/x.md")).toEqual([
      { path: "docs/x.md", blob: "newer" },
    ]);
    expect(back.files.map((f) => f.path).sort()).toEqual(
      ["a.txt", "b.txt", "docs/x.md", "docs/y.md"].sort(),
    );
    expect(back.kept).toBe(1);
  });
});

describe("a finding about a whole carried file is fixed on Content, where it is removed", () => {
  const v = emptyValues();
  v.extras.files = carried("charts/old-1.0.0.tgz", ".git/HEAD", "notes.txt");
  const f = (over: Partial<Finding>): Finding => ({
    code: "CHART_UNLISTED_UNSAFE",
    severity: "error",
    message: "m",
    ...over,
  });

  it("an unsafe unlisted chart goes to its row on Content, and blocks Content", () => {
    const finding = f({ file: "charts/old-1.0.0.tgz" });
    expect(findingTarget(finding, v)).toEqual({
      kind: "field",
      step: "content",
      field: carriedField("charts/old-1.0.0.tgz"),
    });
    expect([...errorSteps([finding], v)]).toEqual(["content"]);
  });

  it("a stray folder goes to its row; a line in a carried file is shown on the Review", () => {
    expect(
      findingTarget(
        f({ code: "FILE_STRAY", severity: "info", file: ".git/" }),
        v,
      ),
    ).toEqual({ kind: "field", step: "content", field: carriedField(".git/") });
    expect(
      findingTarget(f({ code: "SECRET_TOKEN", file: "notes.txt", line: 3 }), v),
    ).toEqual({ kind: "file", step: "review", file: "notes.txt", line: 3 });
  });
});
