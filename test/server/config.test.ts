import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import {
  CONFIG_VARIABLES,
  configFromEnv,
  trustProxyOption,
} from "../../server/config";

/* Issue 10 item 5: one schema for every variable; a bad one stops the start, named. */

describe("configFromEnv defaults", () => {
  it("an empty environment is the documented defaults", () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({
      host: "127.0.0.1",
      port: 8080,
      storage: "fs",
      oci: null,
      maxUploadBytes: 50 * 1024 * 1024,
      publicRead: true,
      allowForce: true,
      corsOrigins: [],
      tokenSecret: null,
      tokenTtlSeconds: 12 * 3600,
      uploadConcurrency: 2,
      uploadQueue: 64,
      logLevel: "warn",
      trustProxy: false,
      htpasswdGiven: false,
    });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it("an empty value means the default, except PACKSMITH_STATIC (API only)", () => {
    const c = configFromEnv({
      PORT: "",
      PACKSMITH_TOKEN_TTL: "",
      PACKSMITH_PUBLIC_READ: "",
      PACKSMITH_STATIC: "",
    });
    expect(c.port).toBe(8080);
    expect(c.tokenTtlSeconds).toBe(43200);
    expect(c.publicRead).toBe(true);
    expect(c.staticDir).toBeNull();
  });
});

describe("values that are read", () => {
  it.each([
    ["PACKSMITH_TOKEN_TTL", "3600", { tokenTtlSeconds: 3600 }],
    ["PACKSMITH_UPLOAD_CONCURRENCY", "4", { uploadConcurrency: 4 }],
    ["PACKSMITH_UPLOAD_QUEUE", "0", { uploadQueue: 0 }],
    ["PACKSMITH_MAX_UPLOAD_MIB", "200", { maxUploadBytes: 200 * 1048576 }],
    ["PORT", "0", { port: 0 }],
    ["PACKSMITH_PUBLIC_READ", "FALSE", { publicRead: false }],
    ["PACKSMITH_PUBLIC_READ", "0", { publicRead: false }],
    ["PACKSMITH_ALLOW_FORCE", "false", { allowForce: false }],
    ["PACKSMITH_ALLOW_FORCE", "1", { allowForce: true }],
    ["PACKSMITH_LOG", "debug", { logLevel: "debug" }],
    ["PACKSMITH_LOG", "silent", { logLevel: "silent" }],
    ["PACKSMITH_TRUST_PROXY", "true", { trustProxy: true }],
    ["PACKSMITH_TRUST_PROXY", "false", { trustProxy: false }],
    ["PACKSMITH_TRUST_PROXY", "0", { trustProxy: false }],
    ["PACKSMITH_TRUST_PROXY", "2", { trustProxy: 2 }],
    [
      "PACKSMITH_TRUST_PROXY",
      "10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback",
      {
        trustProxy: [
          "10.0.0.1",
          "192.168.0.0/16",
          "::1",
          "fd00::/8",
          "loopback",
        ],
      },
    ],
    [
      "PACKSMITH_CORS_ORIGINS",
      "https://a.example.com, http://localhost:5173",
      { corsOrigins: ["https://a.example.com", "http://localhost:5173"] },
    ],
  ])("%s=%s", (name, value, expected) => {
    expect(configFromEnv({ [name]: value })).toMatchObject(expected);
  });
});

describe("trustProxyOption", () => {
  it("a hop count trusts the nearest hops, as Fastify does with a number", () => {
    const trust = trustProxyOption(2);
    expect(typeof trust).toBe("function");
    const f = trust as (address: string, hop: number) => boolean;
    expect([0, 1, 2].map((hop) => f("10.0.0.1", hop))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("false, true and address lists pass through", () => {
    expect(trustProxyOption(false)).toBe(false);
    expect(trustProxyOption(true)).toBe(true);
    expect(trustProxyOption(["10.0.0.0/8"])).toEqual(["10.0.0.0/8"]);
  });
});

describe("a bad variable stops the start with its name and what is expected", () => {
  it.each([
    ["PACKSMITH_TOKEN_TTL", "12h", /whole number of seconds from 60/],
    ["PACKSMITH_TOKEN_TTL", "10", /from 60 to 2592000/],
    ["PACKSMITH_TOKEN_TTL", "1e9", /not "1e9"/],
    ["PACKSMITH_UPLOAD_CONCURRENCY", "0", /from 1 to 64/],
    ["PACKSMITH_UPLOAD_CONCURRENCY", "two", /whole number/],
    ["PACKSMITH_UPLOAD_QUEUE", "-1", /from 0 to 10000/],
    ["PACKSMITH_MAX_UPLOAD_MIB", "0", /MiB from 1/],
    ["PACKSMITH_MAX_UPLOAD_MIB", "50MB", /not "50MB"/],
    ["PORT", "65536", /port/],
    ["PORT", "http", /not "http"/],
    ["PACKSMITH_PUBLIC_READ", "no", /true, false, 1 or 0, not "no"/],
    ["PACKSMITH_ALLOW_FORCE", "yes", /true, false, 1 or 0/],
    ["PACKSMITH_OCI_INSECURE", "on", /true, false, 1 or 0/],
    ["PACKSMITH_STORAGE", "s3", /fs or oci, not "s3"/],
    ["PACKSMITH_LOG", "verbose", /one of silent, fatal, error, warn/],
    ["PACKSMITH_TRUST_PROXY", "10.0.0.300", /"10.0.0.300" is none/],
    ["PACKSMITH_TRUST_PROXY", "10.0.0.0/33", /proxy addresses and CIDRs/],
    ["PACKSMITH_TRUST_PROXY", "proxy.internal", /"proxy.internal"/],
    ["PACKSMITH_TRUST_PROXY", "-1", /hops from 1 to 32/],
    ["PACKSMITH_CORS_ORIGINS", "https://a.example.com/", /trailing slash/],
    ["PACKSMITH_CORS_ORIGINS", "a.example.com", /"a.example.com" is not/],
    ["PACKSMITH_TOKEN_SECRET", "", /is empty/],
  ])("%s=%j", (name, value, message) => {
    let thrown: unknown;
    try {
      configFromEnv({ [name]: value });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    const text = (thrown as Error).message;
    expect(text).toContain(`${name} `);
    expect(text).toMatch(message);
  });

  it("every bad variable is named in the one message", () => {
    expect(() =>
      configFromEnv({
        PACKSMITH_TOKEN_TTL: "12h",
        PACKSMITH_PUBLIC_READ: "maybe",
        PORT: "x",
      }),
    ).toThrow(
      /PORT must[\s\S]*PACKSMITH_PUBLIC_READ must[\s\S]*PACKSMITH_TOKEN_TTL must/,
    );
  });

  it("oci storage needs PACKSMITH_OCI_URL, an http(s) address", () => {
    expect(() => configFromEnv({ PACKSMITH_STORAGE: "oci" })).toThrow(
      /PACKSMITH_OCI_URL is needed with PACKSMITH_STORAGE=oci/,
    );
    expect(() =>
      configFromEnv({
        PACKSMITH_STORAGE: "oci",
        PACKSMITH_OCI_URL: "harbor.example.com",
      }),
    ).toThrow(/PACKSMITH_OCI_URL must be an http\(s\) address/);
    expect(
      configFromEnv({
        PACKSMITH_STORAGE: "oci",
        PACKSMITH_OCI_URL: "http://127.0.0.1:5000",
        PACKSMITH_OCI_INSECURE: "true",
      }).oci,
    ).toMatchObject({ url: "http://127.0.0.1:5000", insecureSkipVerify: true });
  });

  it("PACKSMITH_OCI_REPOSITORIES: pack names, each checked", () => {
    const oci = (names: string) =>
      configFromEnv({
        PACKSMITH_STORAGE: "oci",
        PACKSMITH_OCI_URL: "https://harbor.example.com",
        PACKSMITH_OCI_REPOSITORIES: names,
      }).oci;
    expect(oci("hello-universe, argo-cd")?.repositories).toEqual([
      "hello-universe",
      "argo-cd",
    ]);
    expect(() => oci("hello-universe,Argo CD")).toThrow(
      /PACKSMITH_OCI_REPOSITORIES must be comma-separated pack names[^\n]*"Argo CD" is not one/,
    );
  });
});

describe("README's configuration table", () => {
  it("lists every variable the server reads", () => {
    const readme = readFileSync(
      new URL("../../README.md", import.meta.url),
      "utf8",
    );
    const table = readme.slice(readme.indexOf("## Configuration"));
    const missing = CONFIG_VARIABLES.filter((v) => !table.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
