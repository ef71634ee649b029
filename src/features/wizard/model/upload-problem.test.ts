import { expect, it } from "vitest";

import { uploadProblem } from "@/features/wizard/model/upload-problem";
import { ApiError } from "@/lib/api/client";

it.each([
  [new DOMException("x", "AbortError"), { kind: "cancelled" }],
  [new ApiError(401, "UNAUTHORIZED", "no"), { kind: "sign-in" }],
  [
    new ApiError(409, "VERSION_EXISTS", "exists", { digest: "sha256:old" }),
    { kind: "exists", stored: "sha256:old", local: "sha256:new" },
  ],
  [
    new ApiError(422, "INVALID_PACK", "bad", {
      findings: [{ code: "X", severity: "error", message: "m" }],
    }),
    {
      kind: "invalid",
      findings: [{ code: "X", severity: "error", message: "m" }],
    },
  ],
  [
    new ApiError(403, "FORCE_DISABLED", "no"),
    { kind: "message", title: "Not allowed" },
  ],
  [
    new ApiError(0, "NETWORK", "unreachable"),
    { kind: "message", message: "unreachable" },
  ],
])("%s", (error, expected) => {
  expect(uploadProblem(error, "sha256:new")).toMatchObject(expected);
});
