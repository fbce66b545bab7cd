/**
 * What the admin API reads from a request: the session cookie, the CSRF header, whether the
 * connection is TLS (for the cookie's Secure flag), the client address, and the SCIM base URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { scimBaseUrl } from '../../http/scim-request.js';
import { ScimError } from '../../scim/errors.js';
import type { AuthenticatedAdmin, ClientInfo, SignedInAdmin } from '../admin-auth.js';
import type { SessionState } from '../admin-api-types.js';

export const ADMIN_API_PREFIX = '/api/admin';
/** The cookie is sent only to the admin API: never to the SCIM API, never to the static console. */
export const SESSION_COOKIE = 'library_admin_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    adminSession: AuthenticatedAdmin | null;
  }
  interface FastifyContextConfig {
    /** Admin API routes that answer without a session (sign-in, set-up, OpenAPI). */
    adminPublic?: boolean;
  }
}

export function isUnsafe(request: FastifyRequest): boolean {
  return UNSAFE_METHODS.has(request.method);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function isSecureRequest(request: FastifyRequest, publicUrl: string | undefined): boolean {
  if (publicUrl !== undefined) return publicUrl.toLowerCase().startsWith('https:');
  // request.protocol follows X-Forwarded-Proto only when TRUST_PROXY is set.
  return request.protocol === 'https';
}

export function sessionIdOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

export function csrfHeaderOf(request: FastifyRequest): string | undefined {
  return header(request, CSRF_HEADER);
}

export function clientOf(request: FastifyRequest): ClientInfo {
  return { address: request.ip, userAgent: header(request, 'user-agent') ?? null };
}

export function adminScimBaseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  return scimBaseUrl(request, publicUrl);
}

/**
 * A state-changing request from another site is refused when the browser says so (Origin, or
 * Sec-Fetch-Site). The SameSite=Strict cookie and the CSRF header already stop it; this also
 * covers the sign-in and set-up forms, which have no session yet.
 */
export function refuseCrossSite(request: FastifyRequest, publicUrl: string | undefined): void {
  const fetchSite = header(request, 'sec-fetch-site');
  if (fetchSite === 'cross-site')
    throw ScimError.forbidden('Cross-site requests to the admin API are refused. Use the console at /admin.');
  const origin = header(request, 'origin');
  if (origin === undefined || origin === 'null') return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw ScimError.forbidden('The Origin header is malformed; the admin API accepts requests from the console only.');
  }
  // request.host follows X-Forwarded-Host only when TRUST_PROXY is set.
  const hosts = new Set([request.host.toLowerCase()]);
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  if (!hosts.has(originHost)) {
    throw ScimError.forbidden(
      `Requests from ${origin} are refused: the admin API accepts requests from the console at its own address only.`,
    );
  }
}

export function requireCsrf(request: FastifyRequest, sessionMatches: (given: string | undefined) => boolean): void {
  const given = csrfHeaderOf(request);
  if (!sessionMatches(given)) {
    throw ScimError.forbidden(
      given === undefined
        ? `State-changing admin requests need the "X-CSRF-Token" header: read "csrfToken" from GET ${ADMIN_API_PREFIX}/session and send it back.`
        : `The "X-CSRF-Token" header does not belong to this session. Reload the console (GET ${ADMIN_API_PREFIX}/session gives the current token).`,
    );
  }
}

export function setSessionCookie(reply: FastifyReply, signedIn: SignedInAdmin, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, signedIn.sessionId, {
    path: ADMIN_API_PREFIX,
    httpOnly: true,
    sameSite: 'strict',
    secure,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: ADMIN_API_PREFIX, httpOnly: true, sameSite: 'strict', secure });
}

export function signedInState(signedIn: SignedInAdmin | AuthenticatedAdmin): SessionState {
  return {
    setupRequired: false,
    authenticated: true,
    admin: { id: signedIn.adminId, username: signedIn.username },
    csrfToken: signedIn.csrfToken,
    expires: signedIn.expires,
  };
}
