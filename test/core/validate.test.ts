import { beforeAll, describe, expect, it } from "vitest";
import type { PackFiles } from "../../src/pack/pack-files";
import {
  checkIdentity,
  validatePack,
  type ValidateOptions,
} from "../../src/pack/validate";
import { loadFixture } from "../helpers/fixtures";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
let tutorial: PackFiles;
let argo: PackFiles;
let crowdstrike: PackFiles;
beforeAll(async () => {
  tutorial = await loadFixture("tutorials/hello-universe-pack");
  argo = await loadFixture("pack-central/argocd-3.26.7");
  crowdstrike = await loadFixture(
    "pack-central/crowdstrike-falcon-agent-1.0.0",
  );
});

/** The tutorial pack with pack.json fields replaced (undefined removes a field) and files replaced. */
function variant(
  base: () => PackFiles,
  json: Record<string, unknown> = {},
  files: Record<string, string | Uint8Array | null> = {},
): PackFiles {
  const out = new Map(base());
  const pj = JSON.parse(
    new TextDecoder().decode(out.get("pack.json")),
  ) as Record<string, unknown>;
  for (const [k, v] of Object.entries(json)) {
    if (v === undefined) delete pj[k];
    else pj[k] = v;
  }
  out.set("pack.json", enc(JSON.stringify(pj, null, 2)));
  for (const [p, v] of Object.entries(files)) {
    if (v === null) out.delete(p);
    else out.set(p, typeof v === "string" ? enc(v) : v);
  }
  return out;
}

const codes = (files: PackFiles, opts?: ValidateOptions): string[] =>
  validatePack(files, opts).findings.map((f) => `${f.severity}:${f.code}`);
const T = (): PackFiles => tutorial;

describe("pack-format §H rules on the tutorial pack", () => {
  it("the unchanged tutorial pack has no error", () => {
    expect(codes(tutorial).filter((c) => c.startsWith("error"))).toEqual([]);
  });

  it.each([
    [
      "1 pack.json not JSON",
      () =>
        new Map([
          ...tutorial,
          ["pack.json", enc('{\n  "name": "x",\n  "version": 1.0.0\n}')],
        ]),
      "error:PACK_JSON_SYNTAX",
    ],
    [
      "1 pack.json missing",
      () => variant(T, {}, { "pack.json": null }),
      "error:PACK_JSON_MISSING",
    ],
    [
      "2 name missing",
      () => variant(T, { name: undefined }),
      "error:FIELD_REQUIRED",
    ],
    [
      "2 version a number",
      () => variant(T, { version: 1 }),
      "error:FIELD_TYPE",
    ],
    [
      "2 displayName empty",
      () => variant(T, { displayName: "" }),
      "error:FIELD_REQUIRED",
    ],
    [
      "3 layer unknown",
      () => variant(T, { layer: "plugin" }),
      "error:LAYER_INVALID",
    ],
    [
      "4 name not OCI",
      () => variant(T, { name: "Hello_Universe" }),
      "error:NAME_OCI_INVALID",
    ],
    [
      "4 name OCI but not house style",
      () => variant(T, { name: "hello_universe" }),
      "warning:NAME_STYLE",
    ],
    [
      "5 leading v",
      () => variant(T, { version: "v1.0.0" }),
      "error:VERSION_LEADING_V",
    ],
    [
      "6 not semver",
      () => variant(T, { version: "1.5" }),
      "warning:VERSION_NOT_SEMVER",
    ],
    [
      "7 build metadata",
      () => variant(T, { version: "1.0.0+build.5" }),
      "error:VERSION_OCI_INVALID",
    ],
    [
      "8 cloudTypes missing",
      () => variant(T, { cloudTypes: undefined }),
      "error:CLOUD_TYPES_MISSING",
    ],
    [
      "8 cloudTypes empty",
      () => variant(T, { cloudTypes: [] }),
      "error:CLOUD_TYPES_MISSING",
    ],
    [
      "8 cloud unknown",
      () => variant(T, { cloudTypes: ["aws", "moon"] }),
      "error:CLOUD_TYPE_UNKNOWN",
    ],
    [
      "8 all beside a named cloud",
      () => variant(T, { cloudTypes: ["all", "aws"] }),
      "warning:CLOUD_TYPES_ALL_MIXED",
    ],
    [
      "8 gke only in the API",
      () => variant(T, { cloudTypes: ["gke"] }),
      "warning:CLOUD_TYPE_UNSUPPORTED",
    ],
    [
      "9 addon without addonType",
      () => variant(T, { addonType: undefined }),
      "warning:ADDON_TYPE_MISSING",
    ],
    [
      "9 addonType hyphen",
      () => variant(T, { addonType: "app-services" }),
      "warning:ADDON_TYPE_HYPHEN",
    ],
    [
      "9 addonType unknown",
      () => variant(T, { addonType: "games" }),
      "warning:ADDON_TYPE_UNKNOWN",
    ],
    [
      "9 addonType on csi",
      () => variant(T, { layer: "csi" }),
      "warning:ADDON_TYPE_UNEXPECTED",
    ],
    [
      "10 annotation boolean",
      () => variant(T, { annotations: { ingressSupported: true } }),
      "error:ANNOTATIONS_INVALID",
    ],
    [
      "11 eol not a date",
      () => variant(T, { eol: "30/04/2028" }),
      "warning:EOL_FORMAT",
    ],
    [
      "12 manifest missing",
      () => variant(T, { kubeManifests: ["manifests/nope.yaml"] }),
      "error:REF_MISSING",
    ],
    [
      "12 manifest path escapes",
      () => variant(T, { kubeManifests: ["../x.yaml"] }),
      "error:REF_UNSAFE",
    ],
    [
      "13 chart not a tgz",
      () => variant(T, { charts: ["README.md"] }),
      "error:CHART_NOT_TGZ",
    ],
    [
      "13 chart not a chart",
      () =>
        variant(
          T,
          { charts: ["charts/x.tgz"] },
          { "charts/x.tgz": tutorial.get("logo.png")! },
        ),
      "error:CHART_INVALID",
    ],
    [
      "14 ansible role missing",
      () => variant(T, { ansibleRoles: ["harden_os"] }),
      "error:ANSIBLE_ROLE_MISSING",
    ],
    [
      "15 values missing",
      () => variant(T, {}, { "values.yaml": null }),
      "error:VALUES_MISSING",
    ],
    [
      "15 values broken",
      () => variant(T, {}, { "values.yaml": "pack:\n  namespace: [x\n" }),
      "error:VALUES_SYNTAX",
    ],
    [
      "15 values a list",
      () => variant(T, {}, { "values.yaml": "- a\n- b\n" }),
      "error:VALUES_NOT_MAPPING",
    ],
    [
      "16 no images",
      () => variant(T, {}, { "values.yaml": "pack:\n  namespace: x\n" }),
      "warning:IMAGES_MISSING",
    ],
    [
      "17 bad namespace",
      () =>
        variant(
          T,
          {},
          {
            "values.yaml":
              "pack:\n  namespace: Hello_World\n  content:\n    images:\n      - image: a/b:1\n",
          },
        ),
      "error:NAMESPACE_INVALID",
    ],
    [
      "18 manifest values key unknown",
      () =>
        variant(
          T,
          {},
          {
            "values.yaml":
              "pack:\n  content:\n    images:\n      - image: a/b:1\nmanifests:\n  hello-universe: {}\n  typo: {}\n",
          },
        ),
      "warning:MANIFEST_VALUES_KEY",
    ],
    [
      "18 manifest uses a missing value",
      () =>
        variant(
          T,
          {},
          {
            "values.yaml":
              "pack:\n  content:\n    images:\n      - image: a/b:1\n",
          },
        ),
      "warning:MANIFEST_VALUE_MISSING",
    ],
    [
      "19 logo missing",
      () => variant(T, {}, { "logo.png": null }),
      "warning:LOGO_MISSING",
    ],
    [
      "19 logo is SVG",
      () =>
        variant(
          T,
          {},
          {
            "logo.png":
              '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
          },
        ),
      "error:LOGO_NOT_IMAGE",
    ],
    [
      "20 README missing",
      () => variant(T, {}, { "README.md": null }),
      "warning:README_MISSING",
    ],
    [
      "21 presets wrong shape",
      () => variant(T, {}, { "presets.yaml": "presets:\n  - name: a\n" }),
      "error:PRESETS_INVALID",
    ],
    [
      "21 preset add not YAML",
      () =>
        variant(
          T,
          {},
          {
            "presets.yaml":
              'presets:\n  - name: a\n    displayName: A\n    group: G\n    remove: []\n    add: "a: [b"\n',
          },
        ),
      "error:PRESETS_INVALID",
    ],
    [
      "21 preset names twice",
      () =>
        variant(
          T,
          {},
          {
            "presets.yaml":
              "presets:\n  - {name: a, displayName: A, group: G}\n  - {name: a, displayName: B, group: G}\n",
          },
        ),
      "error:PRESETS_INVALID",
    ],
    [
      "22 schema template broken",
      () =>
        variant(
          T,
          {},
          {
            "schema.yaml":
              "manifests.hello-universe.port:\n  schema: '{{ required | colour \"red\" }}'\n",
          },
        ),
      "error:SCHEMA_TEMPLATE_INVALID",
    ],
    [
      "22 schema path unknown",
      () =>
        variant(
          T,
          {},
          {
            "schema.yaml":
              "manifests.hello-universe.nope:\n  schema: '{{ required }}'\n",
          },
        ),
      "warning:SCHEMA_PATH_UNKNOWN",
    ],
    [
      "23 dependency type unknown",
      () =>
        variant(T, {
          constraints: {
            dependencies: [{ packName: "k", layer: "k8s", type: "maybe" }],
          },
        }),
      "error:DEPENDENCY_INVALID",
    ],
    [
      "24 resource type unknown",
      () =>
        variant(T, {
          constraints: { resources: [{ type: "gpu", minLimit: 1 }] },
        }),
      "error:RESOURCE_INVALID",
    ],
    [
      "24 resource minimum below zero",
      () =>
        variant(T, {
          constraints: { resources: [{ type: "cpu", minLimit: -5 }] },
        }),
      "warning:RESOURCE_MIN_NEGATIVE",
    ],
    [
      "24 one resource type twice",
      () =>
        variant(T, {
          constraints: {
            resources: [
              { type: "cpu", minLimit: 500 },
              { type: "memory", minLimit: 512 },
              { type: "cpu", minLimit: 1000 },
            ],
          },
        }),
      "warning:RESOURCE_DUPLICATE",
    ],
    [
      "24 ParamRef unresolved",
      () =>
        variant(T, {
          constraints: {
            resources: [
              {
                type: "cpu",
                minLimit: 1,
                components: [
                  {
                    scheduleType: "worker",
                    replicaCountParamRef: "charts.x.replicas",
                  },
                ],
              },
            ],
          },
        }),
      "warning:PARAM_REF_UNRESOLVED",
    ],
    [
      "29 odd indentation",
      () =>
        variant(
          T,
          {},
          {
            "values.yaml":
              "pack:\n   namespace: x\n   content:\n     images:\n       - image: a/b:1\n",
          },
        ),
      "warning:YAML_INDENT",
    ],
  ])("rule %s", (_title, make, expected) => {
    expect(codes(make())).toContain(expected);
  });

  it("26 OS packs need the image annotations of their cloud", () => {
    const os = variant(
      T,
      {
        layer: "os",
        addonType: undefined,
        cloudTypes: ["aws"],
        kubeManifests: [],
        annotations: {
          osName: "ubuntu",
          sshUsername: "ubuntu",
          skipK8sInstall: "maybe",
          imageId: "ami-1",
        },
      },
      { "values.yaml": "" },
    );
    const found = validatePack(os).findings;
    expect(
      found
        .filter((f) => f.code === "OS_ANNOTATION_MISSING")
        .map((f) => f.path)
        .sort(),
    ).toEqual(["annotations.cloudRegion", "annotations.imageOwner"]);
    expect(found.map((f) => f.code)).toContain("SKIP_K8S_INSTALL_INVALID");
    expect(found.map((f) => f.code)).not.toContain("IMAGES_MISSING");
  });

  it("25 name and displayName changes against the previous version", () => {
    const c = codes(tutorial, {
      previous: { name: "hello-universe", displayName: "Hello" },
    });
    expect(c).toContain("warning:NAME_CHANGED");
    expect(c).toContain("warning:DISPLAY_NAME_CHANGED");
  });

  it("targets (§H rules 16, 19, 20): the Spectro CLI makes the logo an error; pack-central the logo, README and images too", () => {
    const noLogo = variant(T, {}, { "logo.png": null, "README.md": null });
    expect(codes(noLogo, { target: "spectro-cli" })).toEqual(
      expect.arrayContaining(["error:LOGO_MISSING", "warning:README_MISSING"]),
    );
    expect(codes(noLogo, { target: "pack-central" })).toEqual(
      expect.arrayContaining(["error:LOGO_MISSING", "error:README_MISSING"]),
    );
    // The Spectro CLI's own tutorial pack (no image list) is ready for the Spectro CLI.
    expect(codes(tutorial, { target: "spectro-cli" })).toContain(
      "warning:IMAGES_MISSING",
    );
    expect(
      codes(tutorial, { target: "spectro-cli" }).filter((c) =>
        c.startsWith("error:"),
      ),
    ).toEqual([]);
    expect(codes(tutorial, { target: "pack-central" })).toContain(
      "error:IMAGES_MISSING",
    );
    expect(codes(crowdstrike)).toContain("warning:LOGO_NOT_PNG");
    expect(codes(crowdstrike, { target: "pack-central" })).toContain(
      "error:LOGO_NOT_PNG",
    );
  });

  it("findings about pack.json carry the line of the field", () => {
    const text =
      '{\n  "name": "hellouniverse",\n  "displayName": "Hello",\n  "version": "v2.0.0",\n  "layer": "addon",\n  "addonType": "app services",\n  "cloudTypes": ["all", "moon"],\n  "kubeManifests": ["manifests/hello-universe.yaml"]\n}\n';
    const f = validatePack(
      new Map([...tutorial, ["pack.json", enc(text)]]),
    ).findings;
    expect(f.find((x) => x.code === "VERSION_LEADING_V")).toMatchObject({
      file: "pack.json",
      line: 4,
      path: "version",
    });
    expect(f.find((x) => x.code === "CLOUD_TYPE_UNKNOWN")).toMatchObject({
      line: 7,
      path: "cloudTypes.1",
    });
    const syntax = validatePack(
      new Map([
        ...tutorial,
        ["pack.json", enc('{\n  "name": "x",\n  "version": "1",\n}\n')],
      ]),
    ).findings[0]!;
    expect(syntax).toMatchObject({ code: "PACK_JSON_SYNTAX", line: 4 });
    expect(syntax.message).toMatch(/trailing comma/);
  });

  it("YAML findings carry the line in values.yaml", () => {
    const f = validatePack(
      variant(
        T,
        {},
        {
          "values.yaml":
            "pack:\n  namespace: ok\nmanifests:\n  hello-universe:\n    port: [8080\n",
        },
      ),
    ).findings;
    const e = f.find((x) => x.code === "VALUES_SYNTAX")!;
    expect(e.file).toBe("values.yaml");
    expect(e.line).toBeGreaterThanOrEqual(5);
  });

  it("duplicate keys in pack.json are reported, not silently resolved", () => {
    const f = validatePack(
      new Map([
        ...tutorial,
        [
          "pack.json",
          enc(
            '{"name":"hellouniverse","name":"other","displayName":"H","version":"1.0.0","layer":"addon","addonType":"app services","cloudTypes":["all"],"kubeManifests":["manifests/hello-universe.yaml"]}',
          ),
        ],
      ]),
    ).findings;
    expect(f.map((x) => x.code)).toContain("PACK_JSON_DUPLICATE_KEY");
  });

  it("a real chart pack reads its charts into the report", () => {
    const r = validatePack(argo);
    expect(r.charts).toEqual([
      expect.objectContaining({
        path: "charts/argo-cd.tgz",
        name: "argo-cd",
        version: "3.26.7",
      }),
    ]);
  });

  it("8 names that collide on a case-insensitive file system are an error naming both (a draft can hold them)", () => {
    const values = new TextDecoder().decode(argo.get("values.yaml"));
    const r = validatePack(
      new Map([
        ...argo,
        ["Values.yaml", enc(values)],
        ["logo.png/notes.txt", enc("x\n")],
      ]),
    );
    expect(r.findings.filter((f) => f.code === "FILE_NAME_COLLISION")).toEqual([
      {
        code: "FILE_NAME_COLLISION",
        severity: "error",
        file: "Values.yaml",
        message:
          "`values.yaml` and `Values.yaml`: names collide on case-insensitive file systems: every reader refuses the archive; rename or remove one of them",
      },
    ]);
    // The first collision is reported; once it is gone, the next.
    const next = validatePack(
      new Map([...argo, ["logo.png/notes.txt", enc("x\n")]]),
    ).findings.filter((f) => f.code === "FILE_NAME_COLLISION");
    expect(next).toEqual([
      expect.objectContaining({
        file: "logo.png/notes.txt",
        message: expect.stringMatching(
          /^file\/directory clash: `logo\.png` is a file and `logo\.png\/notes\.txt` is inside it: /,
        ),
      }),
    ]);
    expect(codes(argo)).not.toContain("error:FILE_NAME_COLLISION");
  });

  it("37 checkIdentity compares the upload path with pack.json", () => {
    const pack = validatePack(tutorial).pack;
    expect(
      checkIdentity(pack, { name: "hellouniverse", version: "1.0.0" }),
    ).toEqual([]);
    expect(
      checkIdentity(pack, { name: "hellouniverse", version: "1.0.1" }),
    ).toEqual([
      expect.objectContaining({ code: "IDENTITY_MISMATCH", path: "version" }),
    ]);
  });
});
