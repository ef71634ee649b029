import { describe, expect, test } from "vitest";

import { ApiError } from "@/lib/api/client";

import { signInErrorMessage, signInSchema } from "./sign-in-dialog";

describe("signInErrorMessage", () => {
  test.each([
    [
      new ApiError(401, "UNAUTHORIZED", "wrong user name or password"),
      "The user name or password is wrong.",
    ],
    [
      new ApiError(
        429,
        "TOO_MANY_ATTEMPTS",
        "too many failed sign-ins; try again in 30 seconds",
      ),
      "Too many failed sign-ins: try again in 30 seconds.",
    ],
    [
      new ApiError(
        0,
        "NETWORK",
        "the registry cannot be reached; check your connection and try again",
      ),
      "The registry cannot be reached; check your connection and try again.",
    ],
    [new TypeError("boom"), "Signing in failed: boom."],
  ])("%o → %s", (error, message) => {
    expect(signInErrorMessage(error)).toBe(message);
  });
});

describe("signInSchema", () => {
  test("asks for both fields", () => {
    const r = signInSchema.safeParse({ username: "  ", password: "" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["username", "Enter your user name"],
      ["password", "Enter your password"],
    ]);
  });
});
