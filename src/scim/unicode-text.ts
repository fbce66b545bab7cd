/**
 * Text no SCIM value may hold, wherever it comes from (a JSON body, a `\u` escape in a filter or
 * PATCH path):
 * - NUL (U+0000): PostgreSQL text and JSONB cannot store it;
 * - an unpaired UTF-16 surrogate (`"\ud800"` in JSON): not Unicode text at all. UTF-8 cannot encode
 *   it, PostgreSQL's JSONB refuses it, and SQLite would keep the escape in the document but U+FFFD
 *   in the indexed column, so a user could no longer be found by the name it was created with.
 */

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with `text`, as a phrase for a detail ("a NUL character (\u0000)"), or undefined. */
export function unstorableTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character (\\u0000)';
  const surrogate = UNPAIRED_SURROGATE.exec(text)?.[0];
  if (surrogate === undefined) return undefined;
  const code = surrogate.charCodeAt(0).toString(16).padStart(4, '0');
  return `an unpaired UTF-16 surrogate (\\u${code}), which is not Unicode text`;
}
