import { apiJson } from "@/lib/api/client";
import { setSession, type Session } from "@/lib/api/session";

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

export const signOut = (): void => setSession(null);
