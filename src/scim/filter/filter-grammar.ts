/**
 * Recursive-descent parser for the RFC 7644 section 3.4.2.2 grammar (Figure 1), shared by
 * `parseFilter` and `parsePatchPath`:
 *
 *   FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
 *   valuePath = attrPath "[" valFilter "]"
 *   attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
 *   logExp    = FILTER SP ("and" / "or") SP FILTER
 *
 * Precedence: `not (...)` and parentheses bind tightest, then `and`, then `or`; both logical
 * operators are left associative. Keywords and operators are case-insensitive.
 *
 * Strict: a value is a JSON string, number, `true`, `false` or `null`, and nothing may follow a
 * value filter but `and`, `or` or a closing parenthesis. The dialects clients send instead (a bare
 * word value, `emails[type eq "work"].value eq "x"`) are rewritten into this syntax at the HTTP
 * edge by `src/compat/entra-filter-dialect.ts`.
 */
import type { AttrPath, CompareOp, Filter, FilterValue } from './ast.js';
import type { Token } from './filter-lexer.js';
import { exampleFor, filterSyntaxError, type FilterSubject, type SyntaxErrorOptions } from './filter-syntax-error.js';
import type { ScimError } from '../errors.js';

/** Parentheses, `not (...)` and value filters may nest this deep. */
export const MAX_FILTER_DEPTH = 50;

const COMPARE_OPS: ReadonlySet<string> = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const OPERATOR_LIST = 'eq, ne, co, sw, ew, gt, ge, lt, le or pr';
const ATTR_NAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/i;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The token stream of one filter or path, with a read position and the current nesting depth. */
export class FilterCursor {
  private index = 0;
  depth = 0;

  constructor(
    readonly text: string,
    readonly subject: FilterSubject,
    private readonly tokens: readonly Token[],
  ) {}

  peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.index + ahead] ?? last;
    if (token === undefined) throw new Error('token stream without an end token');
    return token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  /** A syntax error at `token`; at the end of the text it is reported as incomplete. */
  error(message: string, token: Token, example?: string): ScimError {
    const options: SyntaxErrorOptions = {
      incomplete: token.kind === 'end',
      example: exampleFor(this.subject, example ?? 'userName eq "jdoe@example.com"'),
    };
    return filterSyntaxError(this.subject, this.text, message, token.start, options);
  }

  enter(token: Token): void {
    this.depth += 1;
    if (this.depth > MAX_FILTER_DEPTH) {
      throw filterSyntaxError(
        this.subject,
        this.text,
        `parentheses, "not" and value filters are nested more than ${MAX_FILTER_DEPTH} levels deep; simplify the ${this.subject}`,
        token.start,
      );
    }
  }

  leave(): void {
    this.depth -= 1;
  }
}

/** How a token is named in a detail. */
export function describeToken(token: Token): string {
  if (token.kind === 'end') return 'the end';
  return token.kind === 'string' ? `the value ${token.text}` : `"${token.text}"`;
}

function isWord(token: Token, word: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === word;
}

/** Split and check one attribute-path word: `[URI ":"] ATTRNAME ["." ATTRNAME]`. */
export function parseAttrPathWord(cursor: FilterCursor, token: Token): AttrPath {
  const word = token.text;
  const colon = word.lastIndexOf(':');
  const uri = colon >= 0 ? word.slice(0, colon) : undefined;
  const rest = colon >= 0 ? word.slice(colon + 1) : word;
  const example = cursor.subject === 'filter' ? 'name.givenName eq "Barbara"' : 'name.givenName';
  if (uri !== undefined && (uri === '' || rest === '')) {
    throw cursor.error(
      `"${word}" is not an attribute path: a schema URN must be followed by ":" and an attribute name`,
      token,
      cursor.subject === 'filter'
        ? 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"'
        : 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
    );
  }
  const parts = rest.split('.');
  if (parts.length > 2) {
    throw cursor.error(
      `"${word}" is not an attribute path: it may name at most one sub-attribute (name.sub)`,
      token,
      example,
    );
  }
  for (const part of parts) {
    if (!ATTR_NAME.test(part)) {
      const what = part === '' ? 'an empty name' : `"${part}"`;
      throw cursor.error(
        `"${word}" is not an attribute path: ${what} is not a valid attribute name (a letter followed by letters, digits, "-" or "_")`,
        token,
        example,
      );
    }
  }
  const [name, sub] = parts as [string, string | undefined];
  return { uri, name, sub };
}

function sampleValue(path: string): string {
  return /user|mail/i.test(path) ? '"jdoe@example.com"' : '"value"';
}

/** A compValue: JSON string, number, `true`, `false` or `null`. */
function parseValue(cursor: FilterCursor, opToken: Token, pathText: string): FilterValue {
  const token = cursor.next();
  const example = `${pathText} ${opToken.text.toLowerCase()} ${sampleValue(pathText)}`;
  if (token.kind === 'string') return token.value ?? '';
  const lower = token.text.toLowerCase();
  if (token.kind !== 'word' || lower === 'and' || lower === 'or') {
    const found = token.kind === 'end' ? '' : ` but found ${describeToken(token)}`;
    throw cursor.error(`a value was expected after "${opToken.text}"${found}`, token, example);
  }
  if (token.text === 'true') return true;
  if (token.text === 'false') return false;
  if (token.text === 'null') return null;
  if (JSON_NUMBER.test(token.text)) {
    const number = Number(token.text);
    if (!Number.isFinite(number)) {
      throw cursor.error(`the number ${token.text} is out of range`, token, example);
    }
    // A number written in a non-canonical form (1.50, 1e3, huge integers) stays text: the
    // resolver converts it for numeric attributes and keeps the exact text for strings.
    return String(number) === token.text ? number : token.text;
  }
  throw cursor.error(
    `${describeToken(token)} is not a value: a string must be in double quotes (${pathText} ${opToken.text.toLowerCase()} ${JSON.stringify(token.text)}), and true, false and null are written in lower case`,
    token,
    example,
  );
}

/** `attrPath ("pr" / compareOp compValue)`, for a path already read. */
function parseComparison(cursor: FilterCursor, path: AttrPath, pathText: string, pathToken: Token): Filter {
  const opToken = cursor.next();
  const op = opToken.kind === 'word' ? opToken.text.toLowerCase() : '';
  if (op === 'pr') {
    const after = cursor.peek();
    if (after.kind === 'string' || (after.kind === 'word' && !isWord(after, 'and') && !isWord(after, 'or'))) {
      throw cursor.error(
        `"pr" (present) takes no value, but ${describeToken(after)} follows it`,
        after,
        `${pathText} pr`,
      );
    }
    return { kind: 'present', path };
  }
  if (!COMPARE_OPS.has(op)) {
    const found = opToken.kind === 'end' ? '' : ` but found ${describeToken(opToken)}`;
    const isPath = pathToken.text !== pathText;
    throw cursor.error(
      `an operator (${OPERATOR_LIST}) was expected after ${isPath ? `"${pathText}"` : describeToken(pathToken)}${found}`,
      opToken,
      `${pathText} eq ${sampleValue(pathText)}`,
    );
  }
  return { kind: 'compare', path, op: op as CompareOp, value: parseValue(cursor, opToken, pathText) };
}

/** The `[valFilter]` after an attribute path; the cursor is on `[`. */
export function parseBracketFilter(cursor: FilterCursor, path: AttrPath, pathToken: Token): Filter {
  const open = cursor.next();
  if (path.sub !== undefined) {
    throw cursor.error(
      `a value filter "[...]" must follow a multi-valued attribute such as "emails", not the sub-attribute "${pathToken.text}"`,
      open,
      cursor.subject === 'filter' ? 'emails[type eq "work"]' : undefined,
    );
  }
  cursor.enter(open);
  const inner = parseOr(cursor, true);
  const close = cursor.next();
  if (close.kind !== 'rbracket') {
    const found = close.kind === 'end' ? '' : ` but found ${describeToken(close)}`;
    throw cursor.error(
      `the "[" at position ${open.start + 1} is not closed: "]" was expected${found}`,
      close,
      'emails[type eq "work"]',
    );
  }
  cursor.leave();
  return inner;
}

/** An attribute expression or a value path, starting at an attribute-path word. */
function parseAttrExpression(cursor: FilterCursor, inValuePath: boolean): Filter {
  const pathToken = cursor.next();
  const path = parseAttrPathWord(cursor, pathToken);
  const after = cursor.peek();
  const afterWord = after.kind === 'word' ? after.text.toLowerCase() : '';
  if (isWord(pathToken, 'not') && after.kind !== 'lbracket' && afterWord !== 'pr' && !COMPARE_OPS.has(afterWord)) {
    throw cursor.error(
      '"not" must be followed by a filter in parentheses',
      after,
      'not (userName eq "jdoe@example.com")',
    );
  }
  if (after.kind !== 'lbracket') return parseComparison(cursor, path, pathToken.text, pathToken);
  if (inValuePath) {
    throw cursor.error(
      `value filters cannot be nested: "${pathToken.text}[" appears inside another "[...]"`,
      after,
      'emails[type eq "work" and value co "@example.com"]',
    );
  }
  const inner = parseBracketFilter(cursor, path, pathToken);
  const subToken = cursor.peek();
  if (subToken.kind === 'word' && subToken.text.startsWith('.')) {
    const sub = subToken.text.slice(1);
    const message = ATTR_NAME.test(sub)
      ? `a value filter cannot be followed by "${subToken.text}": put the comparison inside the brackets`
      : `"${sub}" after "]" is not a valid sub-attribute name`;
    throw cursor.error(message, subToken, 'emails[type eq "work" and value eq "jdoe@example.com"]');
  }
  return { kind: 'valuePath', path, filter: inner };
}

/** `not (FILTER)`, `(FILTER)`, or an attribute expression. */
function parseUnary(cursor: FilterCursor, inValuePath: boolean, previous: Token | undefined): Filter {
  const token = cursor.peek();
  if (isWord(token, 'not') && cursor.peek(1).kind === 'lparen') {
    cursor.next();
    return { kind: 'not', filter: parseParenthesised(cursor, inValuePath) };
  }
  if (token.kind === 'lparen') return parseParenthesised(cursor, inValuePath);
  if (token.kind === 'word' && !token.text.startsWith('.') && !isWord(token, 'and') && !isWord(token, 'or')) {
    return parseAttrExpression(cursor, inValuePath);
  }
  const found = token.kind === 'end' ? '' : ` but found ${describeToken(token)}`;
  const after = previous === undefined ? '' : ` after ${describeToken(previous)}`;
  throw cursor.error(`an attribute name, "not (" or "(" was expected${after}${found}`, token);
}

function parseParenthesised(cursor: FilterCursor, inValuePath: boolean): Filter {
  const open = cursor.next();
  cursor.enter(open);
  const inner = parseOr(cursor, inValuePath);
  const close = cursor.next();
  if (close.kind !== 'rparen') {
    const found = close.kind === 'end' ? '' : ` but found ${describeToken(close)}`;
    throw cursor.error(`the "(" at position ${open.start + 1} is not closed: ")" was expected${found}`, close);
  }
  cursor.leave();
  return inner;
}

function parseAnd(cursor: FilterCursor, inValuePath: boolean, previous: Token | undefined): Filter {
  let left = parseUnary(cursor, inValuePath, previous);
  while (isWord(cursor.peek(), 'and')) {
    const operator = cursor.next();
    left = { kind: 'and', left, right: parseUnary(cursor, inValuePath, operator) };
  }
  return left;
}

/** `FILTER` (or `valFilter` inside brackets): or-separated and-terms. */
export function parseOr(cursor: FilterCursor, inValuePath: boolean): Filter {
  let left = parseAnd(cursor, inValuePath, undefined);
  while (isWord(cursor.peek(), 'or')) {
    const operator = cursor.next();
    left = { kind: 'or', left, right: parseAnd(cursor, inValuePath, operator) };
  }
  return left;
}
