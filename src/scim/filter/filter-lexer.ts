/**
 * Tokens of the RFC 7644 section 3.4.2.2 filter language (also used for PATCH paths, section
 * 3.5.2). The lexer knows only punctuation, JSON strings and "words": a word is a maximal run of
 * characters other than whitespace, parentheses, brackets and double quotes, so an attribute path
 * such as `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value` is one word.
 * Whether a word is an operator, a keyword, an attribute path or a bare value is the parser's call.
 */
import { exampleFor, filterSyntaxError, type FilterSubject } from './filter-syntax-error.js';
import { unstorableTextReason } from '../unicode-text.js';

export type TokenKind = 'word' | 'string' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for a string: with its quotes and escapes). */
  text: string;
  /** For a string token: the decoded value. */
  value?: string;
  /** 0-based offset of the first character. */
  start: number;
  /** 0-based offset just after the last character. */
  end: number;
  /** True when whitespace separates this token from the previous one. */
  spaceBefore: boolean;
}

/** Filters and paths longer than this are refused before any parsing. */
export const MAX_FILTER_LENGTH = 10_000;

const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
};

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function isWordChar(ch: string): boolean {
  return !isSpace(ch) && ch !== '"' && PUNCTUATION[ch] === undefined;
}

/** Decode the JSON string that starts at `start` (a `"`); returns the token. */
function readString(text: string, start: number, subject: FilterSubject, spaceBefore: boolean): Token {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      return { kind: 'string', text: text.slice(start, i + 1), value, start, end: i + 1, spaceBefore };
    }
    if (ch !== '\\') {
      value += ch;
      i += 1;
      continue;
    }
    const escape = text.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    if (escape === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw filterSyntaxError(
          subject,
          text,
          `the escape "\\u${hex}" in a string needs exactly four hexadecimal digits`,
          i + 1,
          {
            example: exampleFor(subject, 'displayName eq "Ren\\u00e9e"'),
          },
        );
      }
      value += String.fromCharCode(Number.parseInt(hex, 16));
      i += 6;
      continue;
    }
    if (escape === '') break;
    throw filterSyntaxError(
      subject,
      text,
      `"\\${escape}" is not a valid escape in a string (use \\" for a quote and \\\\ for a backslash)`,
      i + 1,
      { example: exampleFor(subject, 'title eq "Head \\"R&D\\""') },
    );
  }
  throw filterSyntaxError(
    subject,
    text,
    `the string that starts at position ${start + 1} has no closing double quote`,
    text.length,
    {
      incomplete: true,
      example: exampleFor(subject, 'userName eq "jdoe@example.com"'),
    },
  );
}

/**
 * A value holding NUL or an unpaired surrogate (`"\u0000"`, `"\ud800"`) can match nothing a
 * client stored, and PostgreSQL refuses NUL in any statement: refused here, in both databases.
 */
function checkStorable(text: string, subject: FilterSubject, value: string, start: number, what: string): void {
  const problem = unstorableTextReason(value);
  if (problem === undefined) return;
  throw filterSyntaxError(subject, text, `${what} contains ${problem}; no SCIM value can contain it`, start, {
    example: exampleFor(subject, 'displayName eq "Ren\\u00e9e"'),
  });
}

/** Split `text` into tokens; the last token is always `end`. Throws a ScimError on a bad string. */
export function tokenize(text: string, subject: FilterSubject): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaceBefore = false;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (isSpace(ch)) {
      spaceBefore = true;
      i += 1;
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation !== undefined) {
      tokens.push({ kind: punctuation, text: ch, start: i, end: i + 1, spaceBefore });
      i += 1;
    } else if (ch === '"') {
      const token = readString(text, i, subject, spaceBefore);
      checkStorable(text, subject, token.value ?? '', token.start, `the value ${token.text}`);
      tokens.push(token);
      i = token.end;
    } else {
      let end = i + 1;
      while (end < text.length && isWordChar(text.charAt(end))) end += 1;
      const word = text.slice(i, end);
      checkStorable(text, subject, word, i, `"${word}"`);
      tokens.push({ kind: 'word', text: word, start: i, end, spaceBefore });
      i = end;
    }
    spaceBefore = false;
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length, spaceBefore });
  return tokens;
}
