import { describe, expect, it } from "vitest";

import { configFromEnv } from "../../server/config";

/* PACKSMITH_OCI_PUBLIC_URL: the address the pack page may tell reviewers, checked at start-up. */
const oci = (publicUrl?: string) =>
  configFromEnv({
    PACKSMITH_STORAGE: "oci",
    PACKSMITH_OCI_URL: "http://registry.internal:5000",
    PACKSMITH_OCI_BASE_PATH: "team",
    ...(publicUrl === undefined ? {} : { PACKSMITH_OCI_PUBLIC_URL: publicUrl }),
  });

describe("PACKSMITH_OCI_PUBLIC_URL", () => {
  it("is not published unless set", () => {
    expect(oci().oci?.publicHost).toBeUndefined();
  });

  it.each([
    ["https://harbor.example.com", "harbor.example.com"],
    ["https://harbor.example.com:8443/", "harbor.example.com:8443"],
    ["http://127.0.0.1:5000", "127.0.0.1:5000"],
  ])("%s publishes the host %s", (url, host) => {
    expect(oci(url).oci?.publicHost).toBe(host);
  });

  it.each([
    "harbor.example.com",
    "ftp://harbor.example.com",
    "https://user:pw@harbor.example.com",
    "https://harbor.example.com/team",
    "https://harbor.example.com/?x=1",
  ])("%s stops the start with a message naming the variable", (url) => {
    expect(() => oci(url)).toThrow(/PACKSMITH_OCI_PUBLIC_URL/);
  });

  it("is ignored on the filesystem store", () => {
    const c = configFromEnv({
      PACKSMITH_OCI_PUBLIC_URL: "https://h.example.com",
    });
    expect(c.oci).toBeNull();
  });
});
