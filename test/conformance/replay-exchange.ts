/**
 * One HTTP exchange of a replay: build the request a client would send (headers, auth, body),
 * send it with Node's fetch, and check the response against the step's expectations.
 */
import type { FixtureRequest, FixtureResponse, JsonValue } from './fixture-format.js';
import { describe, matchExpected, type Mismatch } from './expectation-matcher.js';
import {
  interpolateString,
  interpolateValue,
  readPath,
  type ResponseView,
  type Variables,
} from './template-variables.js';

export interface SentRequest {
  method: string;
  url: string;
  /** Header names as sent; the Authorization value is shown redacted. */
  headers: Record<string, string>;
  bodyText: string | undefined;
}

export interface ReceivedResponse extends ResponseView {
  text: string;
  /** Set when the body is not empty and not JSON (Okta fails such responses). */
  parseError?: string;
}

export interface ExchangeOutcome {
  sent: SentRequest;
  received: ReceivedResponse;
  mismatches: Mismatch[];
}

export const DEFAULT_CONTENT_TYPE = 'application/scim+json';
const REQUEST_TIMEOUT_MS = 30_000;

/** Merge header maps case-insensitively; later maps win, keeping the later spelling. */
export function mergeHeaders(...maps: (Record<string, string> | undefined)[]): Map<string, [string, string]> {
  const merged = new Map<string, [string, string]>();
  for (const map of maps) {
    for (const [name, value] of Object.entries(map ?? {})) merged.set(name.toLowerCase(), [name, value]);
  }
  return merged;
}

export function buildRequest(
  scimBase: string,
  request: FixtureRequest,
  defaults: Record<string, string> | undefined,
  bearer: string | undefined,
  vars: Variables,
): { sent: SentRequest; init: RequestInit } {
  const merged = mergeHeaders(defaults, request.headers);
  let bodyText: string | undefined;
  if (request.rawBody !== undefined) bodyText = interpolateString(request.rawBody, vars);
  else if (request.body !== undefined) bodyText = JSON.stringify(interpolateValue(request.body, vars));
  if (bodyText === undefined) merged.delete('content-type');
  else if (!merged.has('content-type')) merged.set('content-type', ['Content-Type', DEFAULT_CONTENT_TYPE]);
  if (bearer !== undefined && !merged.has('authorization'))
    merged.set('authorization', ['Authorization', `Bearer ${bearer}`]);
  const headers: Record<string, string> = {};
  const shown: Record<string, string> = {};
  for (const [lower, [name, value]] of merged) {
    const text = interpolateString(value, vars);
    headers[name] = text;
    shown[name] = lower === 'authorization' ? text.replace(/^(\S+\s+)?(.{0,8}).*$/, '$1$2…') : text;
  }
  const url = scimBase + interpolateString(request.path, vars);
  const init: RequestInit = {
    method: request.method,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  };
  if (bodyText !== undefined) init.body = bodyText;
  return { sent: { method: request.method, url, headers: shown, bodyText }, init };
}

export async function send(url: string, init: RequestInit): Promise<ReceivedResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const received: ReceivedResponse = { status: response.status, headers, body: undefined, text };
  if (text.trim() !== '') {
    try {
      received.body = JSON.parse(text) as JsonValue;
    } catch (error) {
      received.parseError = error instanceof Error ? error.message : String(error);
    }
  }
  return received;
}

function isEmptyBodyExpectation(expected: JsonValue | undefined): boolean {
  return (
    typeof expected === 'object' &&
    expected !== null &&
    !Array.isArray(expected) &&
    Object.keys(expected).length === 1 &&
    expected['$absent'] === true
  );
}

/**
 * Check a response. Captures run first (so expectations may use a variable captured from the
 * same response, such as a Location ending in the new id); then headers, then the body.
 */
export function checkResponse(
  expected: FixtureResponse,
  received: ReceivedResponse,
  vars: Variables,
  capture: Record<string, string> | undefined,
): Mismatch[] {
  const statuses = Array.isArray(expected.status) ? expected.status : [expected.status];
  if (!statuses.includes(received.status)) {
    return [{ path: 'status', message: `expected ${statuses.join(' or ')}, got ${received.status}` }];
  }
  if (received.parseError !== undefined) {
    return [{ path: 'body', message: `the body is not JSON (${received.parseError}): ${describe(received.text)}` }];
  }
  const mismatches: Mismatch[] = [];
  for (const [name, path] of Object.entries(capture ?? {})) {
    const value = readPath(received, path);
    if (value === undefined) mismatches.push({ path, message: `nothing to capture as {{${name}}}` });
    else vars.set(name, value);
  }
  if (mismatches.length > 0) return mismatches;
  for (const [name, exp] of Object.entries(expected.headers ?? {})) {
    const lower = name.toLowerCase();
    mismatches.push(...matchExpected(interpolateValue(exp, vars), received.headers[lower], `headers['${lower}']`));
  }
  if (expected.body !== undefined) {
    if (isEmptyBodyExpectation(expected.body)) {
      if (received.text !== '')
        mismatches.push({ path: 'body', message: `expected no body, got ${describe(received.text)}` });
    } else {
      mismatches.push(...matchExpected(interpolateValue(expected.body, vars), received.body, 'body'));
    }
  }
  return mismatches;
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text;
}

/** A readable account of one exchange, for failure messages. */
export function formatExchange(sent: SentRequest, received: ReceivedResponse | undefined): string {
  const lines = [`  request:  ${sent.method} ${sent.url}`];
  for (const [name, value] of Object.entries(sent.headers)) lines.push(`            ${name}: ${value}`);
  if (sent.bodyText !== undefined) lines.push(`            ${clip(sent.bodyText, 1200)}`);
  if (received) {
    lines.push(
      `  response: ${received.status} content-type: ${received.headers['content-type'] ?? '(none)'}` +
        (received.headers['location'] ? ` location: ${received.headers['location']}` : ''),
    );
    if (received.text !== '') lines.push(`            ${clip(received.text, 2000)}`);
  }
  return lines.join('\n');
}
