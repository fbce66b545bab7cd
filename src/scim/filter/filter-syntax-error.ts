/**
 * Error details for malformed filters and PATCH paths. An IT admin reads these in Okta's task
 * list or Entra's provisioning log, so each one quotes the text, says where it went wrong, what
 * was expected there, and shows a well-formed example.
 */
import { ScimError } from '../errors.js';

/** What is being parsed: a `filter` query (400 invalidFilter) or a PATCH `path` (400 invalidPath). */
export type FilterSubject = 'filter' | 'path';

/** A PATCH path example used whenever the parser runs on a path. */
export const PATH_EXAMPLE = 'emails[type eq "work"].value';

/** Longest excerpt of the offending text quoted in a detail. */
const MAX_QUOTE = 160;

export interface SyntaxErrorOptions {
  /** The text ended before the construct was complete. */
  incomplete?: boolean | undefined;
  /** A well-formed example, shown after the message. */
  example?: string | undefined;
}

/** The example to show: the given filter example, or the path example when parsing a path. */
export function exampleFor(subject: FilterSubject, filterExample: string): string {
  return subject === 'filter' ? filterExample : PATH_EXAMPLE;
}

/** The text as quoted in a detail: whole when short, else an excerpt around `offset`. */
export function quoteText(text: string, offset: number): string {
  if (text.length <= MAX_QUOTE) return text;
  const half = MAX_QUOTE / 2;
  const from = Math.max(0, Math.min(offset - half, text.length - MAX_QUOTE));
  const to = Math.min(text.length, from + MAX_QUOTE);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/**
 * The position shown to people: the 1-based column of the character at `offset`, or, for a
 * problem at the end of the text, the column of the last character.
 */
export function displayPosition(text: string, offset: number): number {
  return offset >= text.length ? text.length : offset + 1;
}

function errorFor(subject: FilterSubject, detail: string): ScimError {
  return subject === 'filter' ? ScimError.invalidFilter(detail) : ScimError.invalidPath(detail);
}

/**
 * `The filter 'userName eq' is incomplete: a value was expected after "eq" at position 11.
 * Example: userName eq "jdoe@example.com".`
 */
export function filterSyntaxError(
  subject: FilterSubject,
  text: string,
  message: string,
  offset: number,
  options: SyntaxErrorOptions = {},
): ScimError {
  const state = options.incomplete === true ? 'incomplete' : 'invalid';
  const example = options.example === undefined ? '' : ` Example: ${options.example}.`;
  const detail =
    `The ${subject} '${quoteText(text, offset)}' is ${state}: ${message} ` +
    `at position ${displayPosition(text, offset)}.${example}`;
  return errorFor(subject, detail);
}

/** An error about the text as a whole (empty, too long, too deeply nested). */
export function filterLimitError(subject: FilterSubject, detail: string): ScimError {
  return errorFor(subject, detail);
}
