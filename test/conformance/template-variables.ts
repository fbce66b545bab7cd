/**
 * `{{name}}` variables in fixtures, and the dotted paths that capture them from responses.
 * Variables live in one `Map` per replayed fixture; nothing here keeps state between calls.
 */
import type { JsonObject, JsonValue } from './fixture-format.js';

export type Variables = Map<string, JsonValue>;

/** `{{any}}` is a matcher, never a variable; it is left in place by interpolation. */
export const ANY_PLACEHOLDER = '{{any}}';

const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}$/;

export class UndefinedVariableError extends Error {
  constructor(name: string, known: Iterable<string>) {
    const names = [...known].sort().join(', ') || 'none';
    super(`{{${name}}} is not defined; capture it in an earlier step (defined: ${names})`);
    this.name = 'UndefinedVariableError';
  }
}

function lookup(name: string, vars: Variables): JsonValue {
  const value = vars.get(name);
  if (value === undefined) throw new UndefinedVariableError(name, vars.keys());
  return value;
}

function asText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Replace every `{{name}}` in `text`; `escape` regex-escapes the inserted values. */
export function interpolateString(text: string, vars: Variables, escape = false): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'any') return whole;
    const inserted = asText(lookup(name, vars));
    return escape ? escapeRegex(inserted) : inserted;
  });
}

/**
 * Deep interpolation. A string that is exactly one placeholder takes the variable's own value
 * (so a list variable can stand for an array); `$matches` patterns get regex-escaped values.
 */
export function interpolateValue(value: JsonValue, vars: Variables): JsonValue {
  if (typeof value === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole && whole[1] !== 'any') return lookup(whole[1] ?? '', vars);
    return interpolateString(value, vars);
  }
  if (Array.isArray(value)) return value.map((item) => interpolateValue(item, vars));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) {
      out[key] =
        key === '$matches' && typeof entry === 'string'
          ? interpolateString(entry, vars, true)
          : interpolateValue(entry, vars);
    }
    return out;
  }
  return value;
}

/** What a capture path can read: the status, the headers (lower-cased names), the JSON body. */
export interface ResponseView {
  status: number;
  headers: Record<string, string>;
  body: JsonValue | undefined;
}

/**
 * Split `body.Resources.0.id` or `body['urn:…:2.0:User'].manager.value` into segments.
 * A bracketed, single-quoted segment may contain dots and colons.
 */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  let rest = path;
  while (rest.length > 0) {
    if (rest.startsWith("['")) {
      const end = rest.indexOf("']");
      if (end < 0) throw new Error(`Unclosed ['…'] in path "${path}"`);
      segments.push(rest.slice(2, end));
      rest = rest.slice(end + 2);
    } else {
      const match = /^[^.[]+/.exec(rest);
      if (!match) throw new Error(`Cannot read path "${path}" at "${rest}"`);
      segments.push(match[0]);
      rest = rest.slice(match[0].length);
    }
    if (rest.startsWith('.')) rest = rest.slice(1);
  }
  return segments;
}

function step(value: JsonValue | undefined, segment: string): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (segment === '*') return value;
    const index = Number(segment);
    return Number.isInteger(index) ? value[index] : undefined;
  }
  if (typeof value === 'object') return value[segment];
  return undefined;
}

function walk(value: JsonValue | undefined, segments: string[]): JsonValue | undefined {
  const [head, ...tail] = segments;
  if (head === undefined) return value;
  if (head === '*') {
    if (!Array.isArray(value)) return undefined;
    const mapped = value.map((item) => walk(item, tail));
    return mapped.every((item) => item !== undefined) ? mapped : undefined;
  }
  return walk(step(value, head), tail);
}

/** Read `status`, `headers.<name>` or `body.<path>`; `*` maps over an array. */
export function readPath(response: ResponseView, path: string): JsonValue | undefined {
  const [root, ...rest] = splitPath(path);
  if (root === 'status') return rest.length === 0 ? response.status : undefined;
  if (root === 'headers') {
    const name = rest.join('.').toLowerCase();
    return response.headers[name];
  }
  if (root === 'body') return walk(response.body, rest);
  throw new Error(`A capture path starts with "status", "headers." or "body.", not "${path}"`);
}
