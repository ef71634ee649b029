// template-images.ts templateImagesIn: the images chart templates write literally in containers.
// The real charts' cases (argo-cd's redis-ha, ambassador, antrea) are in images.test.ts; these
// pin the shapes one by one.
import { describe, expect, it } from "vitest";
import { packImages } from "../../src/pack/images";
import { templateImagesIn } from "../../src/pack/template-images";

const enc = new TextEncoder();
// Each template with its text, as readChartArchive's single pass hands it over.
const scan = (files: Record<string, string>) =>
  Object.keys(files)
    .sort()
    .flatMap((p) => templateImagesIn(p, () => files[p]!));

const POD = `apiVersion: v1
kind: Pod
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
    - name: app
      image: "ghcr.io/acme/app:1.0" # pinned
    - image: ghcr.io/acme/sidecar@sha256:${"a".repeat(64)}
      name: sidecar
`;

describe("templateImages", () => {
  it("finds images in containers and initContainers, items indented or not, `- image:` first", () => {
    expect(scan({ "templates/pod.yaml": POD })).toEqual([
      {
        path: "templates/pod.yaml",
        line: 6,
        ref: "busybox:1.36",
        inBlock: false,
      },
      {
        path: "templates/pod.yaml",
        line: 9,
        ref: "ghcr.io/acme/app:1.0",
        inBlock: false,
      },
      {
        path: "templates/pod.yaml",
        line: 10,
        ref: `ghcr.io/acme/sidecar@sha256:${"a".repeat(64)}`,
        inBlock: false,
      },
    ]);
  });

  it("leaves templated values to the values scan, and `image:` outside a container alone", () => {
    const text = `kind: ConfigMap
data:
  components:
    controller:
      image: piraeus-server
spec:
  containers:
    - name: app
      image: {{ .Values.image.repository }}:{{ .Values.image.tag }}
      env:
        - name: X
          image: not-a-container
`;
    expect(scan({ "templates/x.yaml": text })).toEqual([]);
  });

  it("says when the image is inside an if, with or range block of the template", () => {
    const text = `{{- if .Values.restore }}
spec:
  containers:
    - name: restore
      image: s3cmd/s3cmd:latest
{{- end }}
---
spec:
  containers:
    - name: always
      image: alpine:3.20
`;
    expect(
      scan({ "templates/job.yaml": text }).map((t) => [t.ref, t.inBlock]),
    ).toEqual([
      ["s3cmd/s3cmd:latest", true],
      ["alpine:3.20", false],
    ]);
  });

  it("reads subchart folders' templates and CRLF files; not helpers, notes or files outside templates/", () => {
    const crlf = POD.replace(/\n/g, "\r\n");
    const found = scan({
      "charts/redis-ha/templates/sts.yaml": crlf,
      "templates/_helpers.tpl": POD,
      "templates/NOTES.txt": POD,
      "files/pod.yaml": POD,
    });
    expect(found.map((t) => [t.path, t.line, t.ref])).toEqual([
      ["charts/redis-ha/templates/sts.yaml", 6, "busybox:1.36"],
      ["charts/redis-ha/templates/sts.yaml", 9, "ghcr.io/acme/app:1.0"],
      [
        "charts/redis-ha/templates/sts.yaml",
        10,
        `ghcr.io/acme/sidecar@sha256:${"a".repeat(64)}`,
      ],
    ]);
  });

  it("a manifest with CRLF line ends: its images are found too (they were not before)", () => {
    const scanned = packImages({
      files: new Map([
        ["manifests/pod.yaml", enc.encode(POD.replace(/\n/g, "\r\n"))],
      ]),
      values: null,
      charts: [],
    });
    expect(scanned.images.map((i) => [i.line, i.ref])).toEqual([
      [6, "busybox:1.36"],
      [9, "ghcr.io/acme/app:1.0"],
      [10, `ghcr.io/acme/sidecar@sha256:${"a".repeat(64)}`],
    ]);
  });
});
