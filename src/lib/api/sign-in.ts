import { ApiError, apiFetch, apiJson } from "@/lib/api/client";
import { getToken, setSession, type Session } from "@/lib/api/session";

/** `POST /api/v1/session`; stores the session on success, throws ApiError (401, 429…) otherwise. */
export async function signIn(
  username: string,
  password: string,
): Promise<Session> {
  const r = await apiJson<{ token: string; expiresAt: string }>("/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const session = { token: r.token, expiresAt: r.expiresAt, username };
  setSession(session);
  return session;
}

/**
 * `DELETE /api/v1/session`: ends the session on the server (for every instance), then forgets the
 * token. The token is forgotten even when the server cannot be reached; the answer says whether
 * the server ended it (false: it stays valid there until it expires).
 */
export async function signOut(): Promise<boolean> {
  if (!getToken()) return true;
  try {
    await apiFetch("/session", { method: "DELETE" });
    return true;
  } catch (e) {
    // 401: already ended or expired on the server, which is what signing out wants.
    return e instanceof ApiError && e.status === 401;
  } finally {
    setSession(null);
  }
}
