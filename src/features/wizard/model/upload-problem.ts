import { ApiError } from "@/lib/api/client";
import type { Finding } from "@/pack/finding";

/** What went wrong with an upload, as the Publish step shows it. */
export type UploadProblem =
  | { kind: "cancelled" }
  | { kind: "sign-in"; message: string }
  | { kind: "exists"; stored: string; local: string }
  | { kind: "invalid"; findings: Finding[] }
  | { kind: "message"; title: string; message: string };

/** Map an upload error (registry-api.md codes) to what the user is asked or told. */
export function uploadProblem(
  error: unknown,
  localDigest: string,
): UploadProblem {
  if (error instanceof DOMException && error.name === "AbortError")
    return { kind: "cancelled" };
  if (!(error instanceof ApiError))
    return {
      kind: "message",
      title: "The upload failed",
      message: error instanceof Error ? error.message : String(error),
    };
  const details = (error.details ?? {}) as {
    digest?: unknown;
    findings?: unknown;
  };
  switch (error.status) {
    case 401:
      return {
        kind: "sign-in",
        message:
          "Sign in to upload to the registry (your session may have expired).",
      };
    case 409:
      if (error.code === "VERSION_EXISTS")
        return {
          kind: "exists",
          stored:
            typeof details.digest === "string" ? details.digest : "unknown",
          local: localDigest,
        };
      return {
        kind: "message",
        title: "The registry refused this version",
        message: error.message,
      };
    case 422:
      return Array.isArray(details.findings)
        ? { kind: "invalid", findings: details.findings as Finding[] }
        : {
            kind: "message",
            title: "The registry refused the pack",
            message: error.message,
          };
    case 403:
      return {
        kind: "message",
        title: "Not allowed",
        message:
          error.code === "FORCE_DISABLED"
            ? "This registry does not allow replacing a version: publish a new version instead."
            : error.message,
      };
    case 413:
      return {
        kind: "message",
        title: "The pack is too large",
        message: error.message,
      };
    case 429:
      return {
        kind: "message",
        title: "The registry is busy",
        message: `${error.message} Try again in a moment.`,
      };
    default:
      return {
        kind: "message",
        title: "The upload failed",
        message: error.message,
      };
  }
}
