import { expect, it } from "vitest";

import { orasCommands, packReference } from "../../src/pack/oras-command";

it.each([
  [
    "harbor.example.com",
    "",
    "harbor.example.com/spectro-packs/archive/my-app:1.0.0",
  ],
  [
    "https://harbor.example.com/v2/",
    "/packs/",
    "harbor.example.com/packs/spectro-packs/archive/my-app:1.0.0",
  ],
  ["", "", "<registry>/spectro-packs/archive/my-app:1.0.0"],
])("packReference(%s, %s)", (registry, base, ref) => {
  expect(
    packReference({
      registry,
      basePath: base,
      name: "my-app",
      version: "1.0.0",
    }),
  ).toBe(ref);
});

it("writes the login and the push of the bare file name", () => {
  expect(
    orasCommands({
      registry: "r.io",
      basePath: "team",
      name: "my-app",
      version: "1.0.0",
      newOras: false,
    }),
  ).toBe(
    "oras login r.io\noras push r.io/team/spectro-packs/archive/my-app:1.0.0 my-app-1.0.0.tar.gz",
  );
  expect(
    orasCommands({
      registry: "r.io",
      basePath: "",
      name: "a",
      version: "1",
      newOras: true,
    }),
  ).toContain("oras push --image-spec v1.0 r.io/");
});
