import type { FastifyReply, FastifyRequest } from "fastify";
import type { LoginThrottle, Htpasswd, TokenClaims, Tokens } from "./auth";
import { sendError } from "./http-errors";
import type { Revocations } from "./sessions";

/** Who may read and who may write: sign-in, tokens and the read policy, shared by the route plugins. */
export interface Access {
  /** The authenticated user, or null with a reply already sent (401/429). */
  authenticate(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string | null>;
  /** A token's claims when it is genuine, unexpired, not signed out and its user still exists. */
  liveSession(token: string): Promise<TokenClaims | null>;
  /** The user when the password is right, or null with a reply already sent (401/429). */
  login(
    req: FastifyRequest,
    reply: FastifyReply,
    user: string,
    password: string,
  ): Promise<string | null>;
  /** True when the caller may read (public reads, or signed in); otherwise a reply is already sent. */
  readable(req: FastifyRequest, reply: FastifyReply): Promise<boolean>;
}

export function createAccess(deps: {
  publicRead: boolean;
  users: Htpasswd;
  tokens: Tokens;
  revocations: Revocations;
  throttle: LoginThrottle;
}): Access {
  const { users, tokens, revocations, throttle } = deps;

  async function liveSession(token: string): Promise<TokenClaims | null> {
    await users.refresh();
    const claims = tokens.verify(token);
    if (!claims || !users.has(claims.user)) return null;
    return (await revocations.isRevoked(claims.sid)) ? null : claims;
  }

  async function login(
    req: FastifyRequest,
    reply: FastifyReply,
    user: string,
    password: string,
  ): Promise<string | null> {
    // The htpasswd file is re-read when it changed, so a removed user is refused at once.
    await users.refresh();
    const wait = throttle.blockedFor(user, req.ip);
    if (wait > 0) return tooManyAttempts(reply, wait);
    // The failure is reserved before bcrypt runs (in the worker pool), so a parallel burst runs at
    // most as many checks as the limits allow; the rest are refused at once.
    let refusedFor = 0;
    const verdict = await users.verify(user, password, () => {
      const r = throttle.reserve(user, req.ip);
      if (!r.ok) {
        refusedFor = r.retryAfter;
        return null;
      }
      req.log.debug("sign-in: bcrypt check");
      return r.settle;
    });
    if (verdict === "refused") return tooManyAttempts(reply, refusedFor);
    if (verdict) return user;
    sendError(reply, 401, "UNAUTHORIZED", "wrong user name or password");
    return null;
  }

  async function authenticate(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string | null> {
    const h = req.headers.authorization ?? "";
    const token = bearerToken(req);
    if (token !== null) {
      const user = (await liveSession(token))?.user;
      if (user) return user;
      sendError(
        reply,
        401,
        "UNAUTHORIZED",
        "sign in: the token is invalid or expired",
      );
      return null;
    }
    const basic = credentials(h, "basic");
    if (basic !== null) {
      const decoded = Buffer.from(basic, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      return login(
        req,
        reply,
        i < 0 ? decoded : decoded.slice(0, i),
        i < 0 ? "" : decoded.slice(i + 1),
      );
    }
    sendError(
      reply,
      401,
      "UNAUTHORIZED",
      req.method === "GET" || req.method === "HEAD"
        ? "sign in to read this registry"
        : "sign in to change the registry",
    );
    return null;
  }

  async function readable(
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<boolean> {
    if (deps.publicRead) return true;
    return (await authenticate(req, reply)) !== null;
  }

  return { authenticate, liveSession, login, readable };
}

/**
 * What follows the scheme of an `Authorization` header when the scheme is `scheme`, or null. The
 * scheme is compared without regard to case and may be followed by any run of spaces (RFC 9110
 * §11.1, §11.4: `bearer x` is `Bearer x`).
 */
function credentials(
  header: string,
  scheme: "basic" | "bearer",
): string | null {
  const m = /^([A-Za-z]+)[ \t]+(.*)$/s.exec(header);
  return m && m[1]!.toLowerCase() === scheme ? m[2]!.trim() : null;
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: FastifyRequest): string | null {
  return credentials(req.headers.authorization ?? "", "bearer");
}

/** 429 for sign-ins over the limit, with the seconds to wait. */
function tooManyAttempts(reply: FastifyReply, seconds: number): null {
  reply.header("Retry-After", String(seconds));
  sendError(
    reply,
    429,
    "TOO_MANY_ATTEMPTS",
    `too many failed sign-ins; try again in ${seconds} seconds`,
  );
  return null;
}
