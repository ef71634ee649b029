import { expect, it } from "vitest";

import { readStorage } from "./get-server-storage";

it.each([
  [{ status: "ok", storage: "fs", version: "1" }, "fs"],
  [{ status: "ok", storage: "oci", version: "1" }, "oci"],
  [{ status: "ok", storage: "s3" }, "unknown"],
  [{ status: "ok" }, "unknown"],
  [null, "unknown"],
  ["oci", "unknown"],
])("%j → %s", (body, want) => {
  expect(readStorage(body)).toBe(want);
});
