import { expect, it } from "vitest";

import {
  roleFromFiles,
  roleNameOfArchive,
} from "@/features/wizard/model/ansible-role";

const f = (path: string) => ({ path, bytes: new Uint8Array() });

it("takes a role folder as it is", () => {
  const r = roleFromFiles(
    "harden_os",
    [f("tasks/main.yml"), f("files/sec_harden.sh")],
    [],
  );
  expect(r).toEqual({
    ok: true,
    value: {
      name: "harden_os",
      files: [f("tasks/main.yml"), f("files/sec_harden.sh")],
    },
  });
});

it("unwraps a folder that holds one role", () => {
  const r = roleFromFiles("roles", [f("harden_os/tasks/main.yaml")], []);
  expect(r.ok && r.value.name).toBe("harden_os");
  expect(r.ok && r.value.files.map((x) => x.path)).toEqual(["tasks/main.yaml"]);
});

it.each([
  ["no tasks", "role", [f("files/x.sh")], [], "no tasks/main.yml"],
  [
    "a duplicate",
    "role",
    [f("tasks/main.yml")],
    ["role"],
    "already in the pack",
  ],
  [
    "a reserved name",
    "charts",
    [f("tasks/main.yml")],
    [],
    "the pack itself uses",
  ],
  ["a bad name", "my role", [f("tasks/main.yml")], [], "letters, digits"],
  [
    "an unsafe file name",
    "role",
    [f("tasks/main.yml"), f("files/a%b.sh")],
    [],
    "unsafe path",
  ],
])("refuses %s", (_, name, files, existing, message) => {
  const r = roleFromFiles(name, files, existing);
  expect(r.ok).toBe(false);
  expect(!r.ok && r.error).toContain(message);
});

it("names a role after its archive", () => {
  expect(roleNameOfArchive("harden_os.tar.gz")).toBe("harden_os");
  expect(roleNameOfArchive("harden_os.zip")).toBe("harden_os");
});

it("puts back the tasks folder an archive reader removed", () => {
  const r = roleFromFiles("harden_os", [f("main.yml")], []);
  expect(r.ok && r.value.files.map((x) => x.path)).toEqual(["tasks/main.yml"]);
});
