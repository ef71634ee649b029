import { expect, it } from "vitest";

import { parse } from "yaml";

import {
  checkNewRoleName,
  roleFilePath,
  roleFromFiles,
  roleNameOfArchive,
  roleTasksSkeleton,
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

it.each([
  ["harden_extra", [], { ok: true, value: "harden_extra" }],
  ["  harden_extra ", [], { ok: true, value: "harden_extra" }],
  ["", [], { ok: false }],
  ["Harden", [], { ok: false }],
  ["harden-extra", [], { ok: false }],
  ["1role", [], { ok: false }],
  ["charts", [], { ok: false }],
  ["harden_os", ["harden_os"], { ok: false }],
] as const)("a new role named %j (existing %j)", (name, existing, want) => {
  const r = checkNewRoleName(name, existing);
  expect(r.ok).toBe(want.ok);
  if ("value" in want) expect(r).toEqual(want);
  else expect(!r.ok && r.error).toMatch(/\w/);
});

it("refuses a role or a role file whose name differs from one in the pack only in case", () => {
  expect(checkNewRoleName("harden_os", ["Harden_OS"])).toEqual({
    ok: false,
    error:
      "The role Harden_OS is already in the pack (harden_os differs from it only in case, and macOS and Windows would keep one of the two)",
  });
  expect(
    roleFilePath("harden_extra", "files", "Sec.sh", ["files/sec.sh"]),
  ).toEqual({
    ok: false,
    error:
      "harden_extra/files/sec.sh is already in the role (files/Sec.sh differs from it only in case, and macOS and Windows would keep one of the two): remove it first",
  });
});

it("gives a new role a tasks/main.yml that is a list of tasks", () => {
  const text = roleTasksSkeleton("harden_extra");
  expect(text.startsWith("---\n- name: ")).toBe(true);
  const tasks = parse(text) as { name: string }[];
  expect(Array.isArray(tasks) && tasks[0]?.name).toMatch(/harden_extra/);
});

it.each([
  ["files", "sec.sh", [], { ok: true, value: "files/sec.sh" }],
  ["templates", "dir/motd.j2", [], { ok: true, value: "templates/motd.j2" }],
  ["files", "sec.sh", ["files/sec.sh"], { ok: false }],
  ["files", "..", [], { ok: false }],
  ["files", "", [], { ok: false }],
] as const)("puts %s/%j in the role", (folder, name, existing, want) => {
  const r = roleFilePath("harden_extra", folder, name, existing);
  expect(r.ok).toBe(want.ok);
  if ("value" in want) expect(r).toEqual(want);
});
