/**
 * Filters in the shapes clients send that RFC 7644 section 3.4.2.2 does not allow, rewritten into
 * the RFC's own syntax before the strict filter parser sees them. Used for the `filter` query
 * parameter, the `filter` of a SearchRequest body, and the value filters inside PATCH paths.
 *
 * The rewrite works on the core's tokens and replaces only the tokens at fault, so that a filter
 * that needs nothing is returned as the very same string (the common case costs one tokenizer
 * pass), and a filter the tokenizer refuses is returned unchanged for the core to report.
 */
import { tokenize, type Token } from '../scim/filter/filter-lexer.js';
import type { FilterSubject } from '../scim/filter/filter-syntax-error.js';
import type { ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';

const COMPARE_OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: ReadonlySet<string> = new Set(['true', 'false', 'null']);
const SUB_ATTRIBUTE = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/;

interface Edit {
  start: number;
  end: number;
  text: string;
}

interface FilterScope {
  registry: SchemaRegistry;
  /** The resource types the filter is evaluated against (both for a search at the root). */
  resourceTypes: readonly ResourceTypeName[];
}

/** True when `path` names a boolean attribute (or sub-attribute) of any of the resource types. */
function isBooleanPath(path: string, scope: FilterScope): boolean {
  return scope.resourceTypes.some((resourceType) => {
    const resolved = scope.registry.resolve(resourceType, path);
    return (resolved?.subAttribute ?? resolved?.attribute)?.type === 'boolean';
  });
}

/**
 * The comparison value at `token` for the attribute `path`, rewritten when a client dialect put it
 * in a shape the RFC does not have; undefined when it is fine as it is.
 *
 * - A bare word (`externalId eq jyoung`), the unquoted value of Entra's historic documentation
 *   (clients: Entra, docs/clients.md §2.3, §2.4 "Unquoted filter values"), becomes a JSON string.
 * - "True"/"False" in any case, quoted or bare, compared with a boolean attribute becomes the
 *   literal `true`/`false` (clients: Entra validator `roles[primary eq "True"]`, docs/clients.md
 *   §2.4, §2.6).
 */
export function comparisonValue(token: Token, path: string, scope: FilterScope): string | undefined {
  const bare = token.kind === 'word' && !LITERALS.has(token.text) && !JSON_NUMBER.test(token.text);
  if (token.kind !== 'string' && !bare) return undefined;
  const text = token.kind === 'string' ? (token.value ?? '') : token.text;
  const lower = text.toLowerCase();
  if ((lower === 'true' || lower === 'false') && isBooleanPath(path, scope)) return lower;
  return bare ? JSON.stringify(text) : undefined;
}

/**
 * Rewrite the tokens of one filter or path. Inside `[...]` attribute names are sub-attributes of
 * the attribute before the bracket. The `].sub op value` form (clients: Entra,
 * `emails[type eq "work"].value eq "x"`, docs/clients.md §2.3, §2.4) is moved into the brackets as
 * `[(…) and value eq "x"]`, which is what it means.
 */
function rewrite(tokens: readonly Token[], scope: FilterScope): Edit[] {
  const edits: Edit[] = [];
  const open: { outer: string; bracket: Token }[] = [];
  let closed: { outer: string; bracket: Token; close: Token } | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind === 'lbracket') {
      const before = tokens[index - 1];
      open.push({ outer: before?.kind === 'word' ? before.text : '', bracket: token });
      continue;
    }
    if (token.kind === 'rbracket') {
      const entry = open.pop();
      closed = entry === undefined ? undefined : { ...entry, close: token };
      continue;
    }
    const afterBracket = closed !== undefined && tokens[index - 1] === closed.close ? closed : undefined;
    const operator = tokens[index + 1];
    if (token.kind !== 'word' || operator?.kind !== 'word') continue;
    const op = operator.text.toLowerCase();
    if (op !== 'pr' && !COMPARE_OPS.has(op)) continue;
    const valueToken = op === 'pr' ? undefined : tokens[index + 2];
    if (valueToken?.kind === 'end') continue;
    const inside = open[open.length - 1];
    const sub = token.text.startsWith('.') ? token.text.slice(1) : undefined;
    let path = token.text;
    if (sub !== undefined) path = `${afterBracket?.outer ?? ''}.${sub}`;
    else if (inside !== undefined) path = `${inside.outer}.${token.text}`;
    const value = valueToken === undefined ? undefined : comparisonValue(valueToken, path, scope);
    const last = valueToken ?? operator;
    if (sub !== undefined && afterBracket !== undefined && open.length === 0 && SUB_ATTRIBUTE.test(sub)) {
      const term = `${sub} ${operator.text}${valueToken === undefined ? '' : ` ${value ?? valueToken.text}`}`;
      edits.push({ start: afterBracket.bracket.end, end: afterBracket.bracket.end, text: '(' });
      edits.push({ start: afterBracket.close.start, end: last.end, text: `) and ${term}]` });
    } else if (value !== undefined && valueToken !== undefined) {
      edits.push({ start: valueToken.start, end: valueToken.end, text: value });
    }
    index += valueToken === undefined ? 1 : 2;
  }
  return edits.sort((a, b) => a.start - b.start);
}

/**
 * `text` (a filter, or a PATCH path when `subject` is "path") in RFC 7644 syntax. Returns `text`
 * itself when it needs no rewrite or cannot be read.
 */
export function normalizeFilterText(
  text: string,
  subject: FilterSubject,
  resourceTypes: readonly ResourceTypeName[],
  registry: SchemaRegistry,
): string {
  let tokens: Token[];
  try {
    tokens = tokenize(text, subject);
  } catch {
    return text;
  }
  const edits = rewrite(tokens, { registry, resourceTypes });
  if (edits.length === 0) return text;
  let result = '';
  let at = 0;
  for (const edit of edits) {
    result += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return result + text.slice(at);
}
