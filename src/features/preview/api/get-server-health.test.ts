import { expect, it } from "vitest";

import { readHealth } from "./get-server-health";

it.each([
  [{ status: "ok", storage: "fs", version: "1" }, "fs"],
  [{ status: "ok", storage: "oci", version: "1" }, "oci"],
  [{ status: "ok", storage: "s3" }, "unknown"],
  [{ status: "ok" }, "unknown"],
  [null, "unknown"],
  ["oci", "unknown"],
])("%j → %s", (body, want) => {
  expect(readHealth(body).storage).toBe(want);
});

it.each([
  [
    { storage: "oci", registry: { host: "harbor.example.com", basePath: "p" } },
    { host: "harbor.example.com", basePath: "p" },
  ],
  // Only an OCI server has a registry to publish, and only a well-formed one is used.
  [{ storage: "fs", registry: { host: "h", basePath: "" } }, undefined],
  [{ storage: "oci", registry: { host: "", basePath: "" } }, undefined],
  [{ storage: "oci", registry: { host: 1, basePath: "" } }, undefined],
  [{ storage: "oci", registry: "harbor" }, undefined],
])("%j publishes %j", (body, want) => {
  expect(readHealth(body).registry).toEqual(want);
});
