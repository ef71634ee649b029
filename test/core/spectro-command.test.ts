import { describe, expect, it } from "vitest";

import { orasPullCommand } from "../../src/pack/oras-command";
import {
  spectroForcePushCommand,
  spectroPushCommands,
  spectroServer,
} from "../../src/pack/spectro-command";

describe("spectroPushCommands", () => {
  it("unzips the download, logs in and pushes the folder, as pack-format §F.2 documents", () => {
    expect(
      spectroPushCommands({
        server: "registry.example.com:5000",
        name: "hello-universe",
        version: "1.3.1",
      }),
    ).toBe(
      [
        "unzip hello-universe-1.3.1.zip",
        "spectro registry login registry.example.com:5000",
        "spectro pack push hello-universe-1.3.1 --registry-server registry.example.com:5000",
      ].join("\n"),
    );
  });

  it("keeps a placeholder until a server is typed", () => {
    expect(
      spectroPushCommands({ server: " ", name: "a", version: "1" }),
    ).toContain("spectro pack push a-1 --registry-server <server>");
  });

  it("quotes what a shell would read otherwise", () => {
    expect(
      spectroPushCommands({
        server: "r.io; rm -rf ~",
        name: "a",
        version: "1",
      }),
    ).toContain("--registry-server 'r.io; rm -rf ~'");
  });

  it.each([
    ["https://registry.example.com/", "registry.example.com"],
    ["http://10.0.0.5:5000", "10.0.0.5:5000"],
    ["  host:5000 ", "host:5000"],
  ])("server %j → %j (no scheme: it breaks the login)", (typed, want) => {
    expect(spectroServer(typed)).toBe(want);
  });
});

describe("orasPullCommand", () => {
  it("pulls the reference Palette syncs from", () => {
    expect(
      orasPullCommand({
        registry: "https://harbor.example.com/",
        basePath: "/team/",
        name: "hello-universe",
        version: "1.3.1",
      }),
    ).toBe(
      "oras pull harbor.example.com/team/spectro-packs/archive/hello-universe:1.3.1",
    );
  });

  it("keeps the <registry> placeholder bare", () => {
    expect(
      orasPullCommand({ registry: "", basePath: "", name: "a", version: "1" }),
    ).toBe("oras pull <registry>/spectro-packs/archive/a:1");
  });
});

describe("spectroForcePushCommand", () => {
  it("is the documentation's -f form, with the message the CLI asks for with -f", () => {
    expect(
      spectroForcePushCommand({
        server: "https://registry.example.com:5000/",
        name: "hello-universe",
        version: "1.3.1",
      }),
    ).toBe(
      "spectro pack push hello-universe-1.3.1 -f -m 'Replace hello-universe 1.3.1' --registry-server registry.example.com:5000",
    );
  });

  it("keeps a placeholder until a server is typed", () => {
    expect(
      spectroForcePushCommand({ server: "", name: "a", version: "1" }),
    ).toMatch(/--registry-server <server>$/);
  });
});
