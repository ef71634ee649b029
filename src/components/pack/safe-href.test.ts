import { describe, expect, it } from "vitest";

import { httpHref, mailtoHref } from "./safe-href";

describe("httpHref", () => {
  it.each([
    [
      "https://github.com/argoproj/argo-helm",
      "https://github.com/argoproj/argo-helm",
    ],
    ["  http://example.com/a b ", "http://example.com/a%20b"],
    ["HTTPS://Example.com", "https://example.com/"],
    ["javascript:alert(1)", null],
    ["data:text/html,<script>", null],
    ["oci://registry-1.docker.io/bitnamicharts", null],
    ["//evil.example/x", null],
    ["https://good.example@evil.example/", null],
    ["https://", null],
    ["file:///etc/passwd", null],
    ["", null],
  ])("%j → %j", (input, want) => {
    expect(httpHref(input)).toBe(want);
  });
});

describe("mailtoHref", () => {
  it.each([
    ["jane@example.com", "mailto:jane@example.com"],
    [" ops@spectrocloud.com ", "mailto:ops@spectrocloud.com"],
    ["jane@example.com?bcc=all@example.com", null],
    ["a@b.com&body=x", null],
    ["javascript:alert(1)//@x.com", null],
    ["not an email", null],
    ["two@a.com,three@b.com", null],
    ["", null],
  ])("%j → %j", (input, want) => {
    expect(mailtoHref(input)).toBe(want);
  });
});
