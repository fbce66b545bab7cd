/**
 * Deep subset matching of a response against a fixture's expectation.
 *
 * - Objects: every listed key must match; keys not listed are ignored.
 * - Arrays: same length, element i matches expectation i (use `$contains` / `$unordered` otherwise).
 * - Scalars: strict equality (`"404"` is not `404`).
 * - `"{{any}}"`: the value is present (not undefined).
 * - Operator objects (every key starts with `$`; several operators must all hold):
 *   `$absent: true`, `$matches` (+ `$flags`), `$includes` (substring(s), case-insensitive),
 *   `$not`, `$anyOf`, `$contains`, `$unordered`, `$length`, `$type`, `$eq` (exact deep equality).
 *
 * The matcher returns every mismatch with its JSON path so that a failing replay says exactly
 * what differed.
 */
import type { Expected, JsonObject, JsonValue } from './fixture-format.js';
import { ANY_PLACEHOLDER } from './template-variables.js';
import { jsonText } from '../../src/scim/json.js';

export interface Mismatch {
  path: string;
  message: string;
}

const OPERATORS = new Set([
  '$absent',
  '$matches',
  '$flags',
  '$includes',
  '$not',
  '$anyOf',
  '$contains',
  '$unordered',
  '$length',
  '$type',
  '$eq',
]);

const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const;

type Actual = JsonValue | undefined;

function isObject(value: Actual): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isOperatorObject(value: Expected): value is JsonObject {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$') && OPERATORS.has(key));
}

export function describe(value: Actual, limit = 200): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function typeOf(value: Actual): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function deepEqual(a: Actual, b: Actual): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

function matches(expected: Expected, actual: Actual): boolean {
  return matchExpected(expected, actual, '').length === 0;
}

/** Assign each expectation to a distinct element (small arrays: backtracking is fine). */
function assign(expected: Expected[], actual: JsonValue[]): boolean {
  const used = new Array<boolean>(actual.length).fill(false);
  const table = expected.map((exp) => actual.map((item) => matches(exp, item)));
  const place = (i: number): boolean => {
    if (i === expected.length) return true;
    const row = table[i] ?? [];
    for (let j = 0; j < actual.length; j += 1) {
      if (!used[j] && row[j]) {
        used[j] = true;
        if (place(i + 1)) return true;
        used[j] = false;
      }
    }
    return false;
  };
  return place(0);
}

function matchOperators(spec: JsonObject, actual: Actual, path: string): Mismatch[] {
  const out: Mismatch[] = [];
  const fail = (message: string): void => {
    out.push({ path, message });
  };
  for (const [op, arg] of Object.entries(spec)) {
    switch (op) {
      case '$absent':
        if (arg === true && actual !== undefined) fail(`expected absent, got ${describe(actual)}`);
        if (arg === false && actual === undefined) fail('expected a value, got nothing');
        break;
      case '$flags':
        break;
      case '$matches': {
        const flags = typeof spec['$flags'] === 'string' ? spec['$flags'] : '';
        if (typeof actual !== 'string' || !new RegExp(jsonText(arg), flags).test(actual)) {
          fail(`expected a string matching /${jsonText(arg)}/${flags}, got ${describe(actual)}`);
        }
        break;
      }
      case '$includes': {
        const needles = Array.isArray(arg) ? arg : [arg];
        if (typeof actual !== 'string') {
          fail(`expected a string including ${describe(arg)}, got ${describe(actual)}`);
          break;
        }
        for (const needle of needles) {
          if (!actual.toLowerCase().includes(jsonText(needle).toLowerCase())) {
            fail(`expected the text to include ${JSON.stringify(needle)}, got ${describe(actual, 400)}`);
          }
        }
        break;
      }
      case '$not':
        if (matches(arg, actual)) fail(`expected NOT ${describe(arg)}, got ${describe(actual)}`);
        break;
      case '$anyOf':
        if (!Array.isArray(arg) || !arg.some((option) => matches(option, actual))) {
          fail(`expected any of ${describe(arg)}, got ${describe(actual)}`);
        }
        break;
      case '$contains':
        if (!Array.isArray(actual)) fail(`expected an array, got ${describe(actual)}`);
        else if (!Array.isArray(arg) || !assign(arg, actual)) {
          fail(`expected the array to contain ${describe(arg, 400)}, got ${describe(actual, 400)}`);
        }
        break;
      case '$unordered':
        if (!Array.isArray(actual)) fail(`expected an array, got ${describe(actual)}`);
        else if (!Array.isArray(arg) || arg.length !== actual.length || !assign(arg, actual)) {
          fail(`expected exactly these elements in any order: ${describe(arg, 400)}, got ${describe(actual, 400)}`);
        }
        break;
      case '$length': {
        const length = Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined;
        if (length !== arg)
          fail(`expected length ${describe(arg)}, got ${length === undefined ? describe(actual) : length}`);
        break;
      }
      case '$type': {
        const wanted = jsonText(arg);
        if (!(TYPES as readonly string[]).includes(wanted)) throw new Error(`Unknown $type "${wanted}" at ${path}`);
        const ok = wanted === 'integer' ? Number.isInteger(actual) : typeOf(actual) === wanted;
        if (!ok) fail(`expected type ${wanted}, got ${typeOf(actual)} ${describe(actual)}`);
        break;
      }
      case '$eq':
        if (!deepEqual(arg, actual)) fail(`expected exactly ${describe(arg, 400)}, got ${describe(actual, 400)}`);
        break;
      default:
        throw new Error(`Unknown matcher ${op} at ${path}`);
    }
  }
  return out;
}

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`;
}

/** Compare `actual` with `expected` (already interpolated); `path` prefixes mismatch paths. */
export function matchExpected(expected: Expected, actual: Actual, path: string): Mismatch[] {
  if (expected === ANY_PLACEHOLDER) {
    return actual === undefined ? [{ path, message: 'expected a value, got nothing' }] : [];
  }
  if (isOperatorObject(expected)) return matchOperators(expected, actual, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [{ path, message: `expected an array of ${expected.length}, got ${describe(actual)}` }];
    if (actual.length !== expected.length) {
      return [
        { path, message: `expected ${expected.length} element(s), got ${actual.length}: ${describe(actual, 400)}` },
      ];
    }
    return expected.flatMap((item, i) => matchExpected(item, actual[i], child(path, i)));
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [{ path, message: `expected an object, got ${describe(actual)}` }];
    return Object.entries(expected).flatMap(([key, item]) => matchExpected(item, actual[key], child(path, key)));
  }
  if (actual !== expected) return [{ path, message: `expected ${describe(expected)}, got ${describe(actual)}` }];
  return [];
}
