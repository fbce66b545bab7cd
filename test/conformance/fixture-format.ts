/**
 * The format of a recorded client exchange (one JSON file per exchange under
 * `test/conformance/{okta,entra,other}/`), and its validation. README.md in this folder documents
 * the format for people; this module is the machine-checked version of it.
 */
import type { JsonObject, JsonValue } from '../../src/scim/json.js';

export type { JsonObject, JsonValue };

export const FIXTURE_CLIENTS = ['okta', 'entra', 'onelogin', 'keycloak', 'rfc'] as const;
export type FixtureClient = (typeof FIXTURE_CLIENTS)[number];

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * How the step authenticates. `token` (default): `Authorization: Bearer <valid token>`.
 * `none`: no Authorization header. `wrong`: a made-up token the server never issued.
 * `revoked` / `expired`: a token the harness creates and then revokes / lets expire.
 */
export const AUTH_MODES = ['token', 'none', 'wrong', 'revoked', 'expired'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** An expectation: a JSON value that may contain matchers (see expectation-matcher.ts). */
export type Expected = JsonValue;

export interface FixtureRequest {
  method: HttpMethod;
  /** Relative to the SCIM base (`/Users?filter=…`); may contain `{{variables}}`. */
  path: string;
  headers?: Record<string, string>;
  /** A JSON body, sent as-is after variable substitution. */
  body?: JsonValue;
  /** A body sent byte for byte (for malformed JSON); excludes `body`. */
  rawBody?: string;
}

export interface FixtureResponse {
  /** The status, or the statuses the client accepts (`[200, 204]`). */
  status: number | number[];
  /** Header expectations; names are case-insensitive. */
  headers?: Record<string, Expected>;
  /** Body expectation; `{"$absent": true}` means an empty body. */
  body?: Expected;
}

/** Create `count` resources from a template in which `{{n}}` is 1…count. */
export interface SeedSpec {
  count: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  request: FixtureRequest;
  response: FixtureResponse;
  /** Append values read from each response to list variables: `{"seededIds": "body.id"}`. */
  collect?: Record<string, string>;
}

/** Assertions on a list variable built with `collect`. */
export interface VariableCheck {
  var: string;
  length?: number;
  distinct?: boolean;
  /** Same elements as this other list variable, in any order. */
  sameMembersAs?: string;
}

export interface FixtureStep {
  name: string;
  /** Not client traffic: state the recorded exchange assumes (a user that already exists…). */
  setup?: boolean;
  auth?: AuthMode;
  request?: FixtureRequest;
  response?: FixtureResponse;
  /** Variables read from the response: `{"userId": "body.id", "location": "headers.location"}`. */
  capture?: Record<string, string>;
  collect?: Record<string, string>;
  seed?: SeedSpec;
  check?: VariableCheck;
}

export interface Fixture {
  description: string;
  client: FixtureClient;
  /** Okta `aiw` / `oin` / `any`; Entra `default` / `aadOptscim062020` / `validator`; others free. */
  dialect: string;
  /** Where the request shapes come from (repository and path, index id, document). */
  source: string | string[];
  /** Headers sent on every request of the fixture (Content-Type only with a body). */
  defaults?: { headers?: Record<string, string> };
  steps: FixtureStep[];
}

export class FixtureFormatError extends Error {
  constructor(file: string, where: string, problem: string) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'FixtureFormatError';
  }
}

type Json = JsonValue | undefined;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(file: string, where: string, value: JsonObject, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new FixtureFormatError(file, where, `unknown key "${key}" (allowed: ${allowed.join(', ')})`);
    }
  }
}

function stringMap(file: string, where: string, value: Json): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new FixtureFormatError(file, where, 'must be an object of strings');
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new FixtureFormatError(file, `${where}.${key}`, 'must be a string');
    out[key] = entry;
  }
  return out;
}

function parseRequest(file: string, where: string, value: Json): FixtureRequest {
  if (!isObject(value)) throw new FixtureFormatError(file, where, 'must be an object');
  onlyKeys(file, where, value, ['method', 'path', 'headers', 'body', 'rawBody']);
  const method = value['method'];
  if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new FixtureFormatError(file, `${where}.method`, `must be one of ${HTTP_METHODS.join(', ')}`);
  }
  const path = value['path'];
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new FixtureFormatError(
      file,
      `${where}.path`,
      'must be a string starting with "/" (relative to the SCIM base)',
    );
  }
  const request: FixtureRequest = { method: method as HttpMethod, path };
  const headers = stringMap(file, `${where}.headers`, value['headers']);
  if (headers) request.headers = headers;
  if (value['body'] !== undefined) request.body = value['body'];
  const rawBody = value['rawBody'];
  if (rawBody !== undefined) {
    if (typeof rawBody !== 'string') throw new FixtureFormatError(file, `${where}.rawBody`, 'must be a string');
    if (request.body !== undefined) throw new FixtureFormatError(file, where, 'give "body" or "rawBody", not both');
    request.rawBody = rawBody;
  }
  return request;
}

function parseResponse(file: string, where: string, value: Json): FixtureResponse {
  if (!isObject(value)) throw new FixtureFormatError(file, where, 'must be an object');
  onlyKeys(file, where, value, ['status', 'headers', 'body']);
  const status = value['status'];
  const valid = (s: Json): boolean => typeof s === 'number' && Number.isInteger(s) && s >= 100 && s <= 599;
  if (!(valid(status) || (Array.isArray(status) && status.length > 0 && status.every(valid)))) {
    throw new FixtureFormatError(file, `${where}.status`, 'must be an HTTP status or a non-empty list of them');
  }
  const response: FixtureResponse = { status: status as number | number[] };
  const headers = value['headers'];
  if (headers !== undefined) {
    if (!isObject(headers)) throw new FixtureFormatError(file, `${where}.headers`, 'must be an object');
    response.headers = headers;
  }
  if (value['body'] !== undefined) response.body = value['body'];
  return response;
}

function parseSeed(file: string, where: string, value: Json): SeedSpec {
  if (!isObject(value)) throw new FixtureFormatError(file, where, 'must be an object');
  onlyKeys(file, where, value, ['count', 'concurrency', 'request', 'response', 'collect']);
  const count = value['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new FixtureFormatError(file, `${where}.count`, 'must be an integer from 1 to 100000');
  }
  const seed: SeedSpec = {
    count,
    request: parseRequest(file, `${where}.request`, value['request']),
    response: parseResponse(file, `${where}.response`, value['response']),
  };
  const concurrency = value['concurrency'];
  if (concurrency !== undefined) {
    if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1) {
      throw new FixtureFormatError(file, `${where}.concurrency`, 'must be a positive integer');
    }
    seed.concurrency = concurrency;
  }
  const collect = stringMap(file, `${where}.collect`, value['collect']);
  if (collect) seed.collect = collect;
  return seed;
}

function parseCheck(file: string, where: string, value: Json): VariableCheck {
  if (!isObject(value)) throw new FixtureFormatError(file, where, 'must be an object');
  onlyKeys(file, where, value, ['var', 'length', 'distinct', 'sameMembersAs']);
  const name = value['var'];
  if (typeof name !== 'string') throw new FixtureFormatError(file, `${where}.var`, 'must name a list variable');
  const check: VariableCheck = { var: name };
  const length = value['length'];
  if (length !== undefined) {
    if (typeof length !== 'number') throw new FixtureFormatError(file, `${where}.length`, 'must be a number');
    check.length = length;
  }
  const distinct = value['distinct'];
  if (distinct !== undefined) {
    if (typeof distinct !== 'boolean') throw new FixtureFormatError(file, `${where}.distinct`, 'must be a boolean');
    check.distinct = distinct;
  }
  const same = value['sameMembersAs'];
  if (same !== undefined) {
    if (typeof same !== 'string')
      throw new FixtureFormatError(file, `${where}.sameMembersAs`, 'must name a list variable');
    check.sameMembersAs = same;
  }
  return check;
}

function parseStep(file: string, index: number, value: Json): FixtureStep {
  const where = `steps[${index}]`;
  if (!isObject(value)) throw new FixtureFormatError(file, where, 'must be an object');
  onlyKeys(file, where, value, ['name', 'setup', 'auth', 'request', 'response', 'capture', 'collect', 'seed', 'check']);
  const name = value['name'];
  if (typeof name !== 'string' || name.trim() === '')
    throw new FixtureFormatError(file, `${where}.name`, 'must be a non-empty string');
  const step: FixtureStep = { name };
  const kinds = ['request', 'seed', 'check'].filter((key) => value[key] !== undefined);
  if (kinds.length !== 1) {
    throw new FixtureFormatError(file, `${where} ("${name}")`, 'needs exactly one of "request", "seed" or "check"');
  }
  if (value['setup'] !== undefined) {
    if (typeof value['setup'] !== 'boolean') throw new FixtureFormatError(file, `${where}.setup`, 'must be a boolean');
    step.setup = value['setup'];
  }
  const auth = value['auth'];
  if (auth !== undefined) {
    if (typeof auth !== 'string' || !(AUTH_MODES as readonly string[]).includes(auth)) {
      throw new FixtureFormatError(file, `${where}.auth`, `must be one of ${AUTH_MODES.join(', ')}`);
    }
    step.auth = auth as AuthMode;
  }
  if (value['request'] !== undefined) {
    step.request = parseRequest(file, `${where}.request`, value['request']);
    if (value['response'] === undefined) throw new FixtureFormatError(file, where, 'a request step needs a "response"');
    step.response = parseResponse(file, `${where}.response`, value['response']);
  } else if (value['response'] !== undefined) {
    throw new FixtureFormatError(file, where, '"response" belongs to a request step');
  }
  if (value['seed'] !== undefined) step.seed = parseSeed(file, `${where}.seed`, value['seed']);
  if (value['check'] !== undefined) step.check = parseCheck(file, `${where}.check`, value['check']);
  const capture = stringMap(file, `${where}.capture`, value['capture']);
  if (capture) step.capture = capture;
  const collect = stringMap(file, `${where}.collect`, value['collect']);
  if (collect) step.collect = collect;
  if ((capture || collect) && !step.request) {
    throw new FixtureFormatError(
      file,
      where,
      '"capture" and "collect" read a response: use them on request steps (or seed.collect)',
    );
  }
  return step;
}

/** Validate a parsed JSON document as a fixture; every problem names the file and the place. */
export function parseFixture(file: string, document: unknown): Fixture {
  const value = document as Json;
  if (!isObject(value)) throw new FixtureFormatError(file, 'top level', 'must be an object');
  onlyKeys(file, 'top level', value, ['description', 'client', 'dialect', 'source', 'defaults', 'steps']);
  const description = value['description'];
  if (typeof description !== 'string' || description.trim() === '') {
    throw new FixtureFormatError(file, 'description', 'must say what the client does');
  }
  const client = value['client'];
  if (typeof client !== 'string' || !(FIXTURE_CLIENTS as readonly string[]).includes(client)) {
    throw new FixtureFormatError(file, 'client', `must be one of ${FIXTURE_CLIENTS.join(', ')}`);
  }
  const dialect = value['dialect'];
  if (typeof dialect !== 'string' || dialect === '') throw new FixtureFormatError(file, 'dialect', 'must be a string');
  const source = value['source'];
  const sourceOk =
    (typeof source === 'string' && source.trim() !== '') ||
    (Array.isArray(source) && source.length > 0 && source.every((s) => typeof s === 'string' && s.trim() !== ''));
  if (!sourceOk) throw new FixtureFormatError(file, 'source', 'must cite where the shapes come from');
  const fixture: Fixture = {
    description,
    client: client as FixtureClient,
    dialect,
    source: source as string | string[],
    steps: [],
  };
  const defaults = value['defaults'];
  if (defaults !== undefined) {
    if (!isObject(defaults)) throw new FixtureFormatError(file, 'defaults', 'must be an object');
    onlyKeys(file, 'defaults', defaults, ['headers']);
    const headers = stringMap(file, 'defaults.headers', defaults['headers']);
    fixture.defaults = headers ? { headers } : {};
  }
  const steps = value['steps'];
  if (!Array.isArray(steps) || steps.length === 0)
    throw new FixtureFormatError(file, 'steps', 'must be a non-empty list');
  fixture.steps = steps.map((step, index) => parseStep(file, index, step));
  return fixture;
}
