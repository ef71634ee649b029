import { describe, expect, it } from "vitest";

import { orasPushCommand, packReference } from "../../src/pack/oras-command";

describe("packReference", () => {
  it.each([
    [
      "harbor.example.com",
      "project",
      "harbor.example.com/project/spectro-packs/archive/app:1.0.0",
    ],
    [
      "https://harbor.example.com/",
      "/project/",
      "harbor.example.com/project/spectro-packs/archive/app:1.0.0",
    ],
    [
      "https://harbor.example.com/v2",
      "",
      "harbor.example.com/spectro-packs/archive/app:1.0.0",
    ],
    [
      "123.dkr.ecr.us-east-1.amazonaws.com",
      "team//packs",
      "123.dkr.ecr.us-east-1.amazonaws.com/team/packs/spectro-packs/archive/app:1.0.0",
    ],
    ["", "", "<registry>/spectro-packs/archive/app:1.0.0"],
  ])("%s + %s", (registry, basePath, want) => {
    expect(
      packReference({ registry, basePath, name: "app", version: "1.0.0" }),
    ).toBe(want);
  });
});

describe("orasPushCommand", () => {
  it("pushes the bare <name>-<version>.tar.gz as ORAS 1.0.0 does", () => {
    expect(
      orasPushCommand({
        registry: "r.io",
        basePath: "b",
        name: "hello-universe",
        version: "1.3.1",
      }),
    ).toBe(
      "oras push r.io/b/spectro-packs/archive/hello-universe:1.3.1 hello-universe-1.3.1.tar.gz",
    );
  });

  it("adds --image-spec v1.0 for ORAS 1.1 and newer", () => {
    expect(
      orasPushCommand({
        registry: "r.io",
        basePath: "",
        name: "a",
        version: "1",
        newOras: true,
      }),
    ).toBe(
      "oras push --image-spec v1.0 r.io/spectro-packs/archive/a:1 a-1.tar.gz",
    );
  });

  it("quotes a registry typed with shell characters", () => {
    expect(
      orasPushCommand({
        registry: "r.io; rm -rf ~",
        basePath: "",
        name: "a",
        version: "1",
      }),
    ).toBe("oras push 'r.io; rm -rf ~/spectro-packs/archive/a:1' a-1.tar.gz");
  });
});
