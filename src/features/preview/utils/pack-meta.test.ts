import { describe, expect, it } from "vitest";

import { readPackMeta } from "./pack-meta";

const pack = (json: string) =>
  new Map([["pack.json", new TextEncoder().encode(json)]]);

describe("readPackMeta", () => {
  it("reads the summary fields, annotations and constraints", () => {
    const r = readPackMeta(
      pack(
        JSON.stringify({
          name: "crossplane",
          displayName: "Crossplane",
          version: "2.3.0",
          layer: "addon",
          addonType: "system app",
          cloudTypes: ["all"],
          group: "",
          eol: "2028-04-30",
          annotations: { source: "community", ingressSupported: "true" },
          charts: ["charts/crossplane-2.3.0.tgz"],
          constraints: {
            dependencies: [
              {
                packName: "kubernetes",
                layer: "k8s",
                minVersion: "1.29",
                maxVersion: "",
                type: "optional",
              },
            ],
            resources: [
              {
                type: "cpu",
                minLimit: 100,
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
      ),
    );
    expect(r).toEqual({
      ok: true,
      meta: {
        name: "crossplane",
        displayName: "Crossplane",
        version: "2.3.0",
        layer: "addon",
        addonType: "system app",
        cloudTypes: ["all"],
        group: "",
        eol: "2028-04-30",
        annotations: [
          ["source", "community"],
          ["ingressSupported", "true"],
        ],
        charts: ["charts/crossplane-2.3.0.tgz"],
        kubeManifests: [],
        ansibleRoles: [],
        dependencies: [
          {
            packName: "kubernetes",
            layer: "k8s",
            minVersion: "1.29",
            maxVersion: "",
            type: "optional",
          },
        ],
        resources: [
          {
            type: "cpu",
            minLimit: "100",
            components: [
              {
                scheduleType: "worker",
                resourceRequestParamRef: "",
                replicaCountParamRef: "charts.x.replicas",
              },
            ],
          },
        ],
      },
    });
  });

  it("leaves out fields of the wrong type instead of failing", () => {
    const r = readPackMeta(
      pack(
        '{"name": 3, "displayName": {"x": 1}, "cloudTypes": "all", "annotations": [1], "constraints": {"dependencies": [null, 2]}}',
      ),
    );
    expect(r).toMatchObject({
      ok: true,
      meta: { name: "3", cloudTypes: [], annotations: [], dependencies: [] },
    });
    expect(r.ok && "displayName" in r.meta).toBe(false);
  });

  it.each([
    [new Map(), "the pack has no pack.json"],
    [pack("{nope"), "pack.json is not valid JSON"],
    [pack("[1]"), "pack.json is not a JSON object"],
    [
      new Map([["pack.json", Uint8Array.from([0xff])]]),
      "pack.json is not UTF-8 text",
    ],
  ])("explains an unreadable pack.json (%#)", (files, message) => {
    expect(readPackMeta(files)).toEqual({ ok: false, message });
  });
});
