/**
 * SCIM requests to a test server over real HTTP, and the assertions on the SCIM Error messages it
 * answers with. Shared by the end-to-end tests and the replica cluster.
 */
import { expect } from 'vitest';

export const SCIM_JSON = 'application/scim+json';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimReply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; `undefined` when the body is empty or (unless `requireJson`) not JSON. */
  body: Record<string, unknown> | undefined;
}

export interface ScimRequest {
  /** A JSON body (serialised with `JSON.stringify`); takes precedence over `raw`. */
  body?: unknown;
  /** A body sent exactly as written. */
  raw?: string;
  /** Extra headers; an Authorization or Content-Type given here (in any case) is kept as is. */
  headers?: Record<string, string>;
  /** The bearer token; `null` sends no Authorization header. */
  token: string | null;
  /** An Accept header to send (unless `headers` has one); none by default. */
  accept?: string;
  /** Abort the request after this many milliseconds; no deadline by default. */
  timeoutMs?: number;
  /** Throw when a non-empty reply is not JSON (instead of leaving `body` undefined). */
  requireJson?: boolean;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** One SCIM request to `target.scimBase + path`. */
export async function scimRequest(
  target: { scimBase: string },
  method: string,
  path: string,
  request: ScimRequest,
): Promise<ScimReply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.accept !== undefined && !hasHeader(headers, 'accept')) headers['Accept'] = request.accept;
  if (request.token !== null && !hasHeader(headers, 'authorization'))
    headers['Authorization'] = `Bearer ${request.token}`;
  const payload = request.body !== undefined ? JSON.stringify(request.body) : request.raw;
  if (payload !== undefined && !hasHeader(headers, 'content-type')) headers['Content-Type'] = SCIM_JSON;
  const init: RequestInit = { method, headers };
  if (payload !== undefined) init.body = payload;
  if (request.timeoutMs !== undefined) init.signal = AbortSignal.timeout(request.timeoutMs);
  const response = await fetch(`${target.scimBase}${path}`, init);
  const text = await response.text();
  let body: Record<string, unknown> | undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      if (request.requireJson === true) throw error;
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, body };
}

export interface ExpectedScimErrorReply {
  /** The `scimType` the body must have; `null`: the body must have none; omitted: not checked. */
  scimType?: string | null;
  /** What the detail must never show (stack frames, SQL…). */
  leak?: RegExp;
  /** Also check the `application/scim+json` content type and the body's `status` (default true). */
  envelope?: boolean;
}

/**
 * Assert a SCIM Error reply: the HTTP status, the Error schema, the `scimType`, a detail longer
 * than 20 characters, and (by default) the content type and the body's `status`. Returns the detail.
 */
export function expectScimErrorReply(reply: ScimReply, status: number, expected: ExpectedScimErrorReply = {}): string {
  expect(reply.status, reply.text.slice(0, 500)).toBe(status);
  if (expected.envelope !== false) expect(reply.headers.get('content-type')).toMatch(/^application\/scim\+json/);
  expect(reply.body?.['schemas']).toEqual([ERROR_SCHEMA]);
  if (expected.envelope !== false) expect(reply.body?.['status']).toBe(String(status));
  if (expected.scimType === null) expect(reply.body?.['scimType']).toBeUndefined();
  else if (expected.scimType !== undefined) expect(reply.body?.['scimType']).toBe(expected.scimType);
  const sent = reply.body?.['detail'];
  const detail = typeof sent === 'string' ? sent : '';
  expect(detail.length).toBeGreaterThan(20);
  if (expected.leak !== undefined) expect(detail).not.toMatch(expected.leak);
  return detail;
}

/** A request with the server's own bearer token and an optional JSON body and headers. */
export function scimCall(
  server: { scimBase: string; token: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ScimReply> {
  return scimRequest(server, method, path, { token: server.token, body, headers, requireJson: true });
}

/** POST /Users with `userName` (and `extra` attributes); returns the new id. */
export async function createScimUser(
  server: { scimBase: string; token: string },
  userName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const reply = await scimCall(server, 'POST', '/Users', { userName, ...extra });
  expect(reply.status, reply.text.slice(0, 500)).toBe(201);
  return String(reply.body?.['id']);
}
