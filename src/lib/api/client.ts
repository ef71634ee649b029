import { getToken, setSession } from "@/lib/api/session";

/** The header the server requires on unsafe requests (a cross-site form cannot send it). */
export const CLIENT_HEADER = { "X-Packsmith-Client": "packsmith-web" } as const;

/** An error answer of the registry API (`{"error": {code, message, details}}`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Turn a non-2xx response into an ApiError with the server's own words. */
export async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: unknown };
    };
    if (body.error?.code)
      return new ApiError(
        res.status,
        body.error.code,
        body.error.message ?? res.statusText,
        body.error.details,
      );
  } catch {
    // not JSON: fall through
  }
  return new ApiError(
    res.status,
    `HTTP_${res.status}`,
    `the registry answered ${res.status} ${res.statusText}`,
  );
}

/** fetch against `/api/v1`, with the session token and the client header; throws ApiError. */
export async function apiFetch(
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token && !headers.has("Authorization"))
    headers.set("Authorization", `Bearer ${token}`);
  if (init.method && !["GET", "HEAD"].includes(init.method))
    headers.set("X-Packsmith-Client", CLIENT_HEADER["X-Packsmith-Client"]);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { ...init, headers });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(
      0,
      "NETWORK",
      "the registry cannot be reached; check your connection and try again",
    );
  }
  // The server refused the token this request carried (expired, signed out elsewhere, user
  // removed): forget it, so the header offers Sign in again. Not for /session itself, where a
  // 401 is a wrong password or a token already ended.
  if (
    res.status === 401 &&
    token &&
    headers.get("Authorization") === `Bearer ${token}` &&
    path !== "/session" &&
    getToken() === token
  )
    setSession(null);
  if (!res.ok) throw await toApiError(res);
  return res;
}

export async function apiJson<T>(
  path: string,
  init: RequestInit = {},
): Promise<T> {
  return (await (await apiFetch(path, init)).json()) as T;
}
