/**
 * `parseFilter`: the text of a `filter` query parameter (RFC 7644 section 3.4.2.2) to a `Filter`
 * whose attribute paths are spelled as the client wrote them. Resolution against the schema
 * happens later (`resolveFilter`). Every malformed filter is a 400 `invalidFilter` ScimError
 * whose detail quotes the filter, gives the position and says what was expected there.
 */
import type { Filter } from './ast.js';
import { describeToken, FilterCursor, parseOr } from './filter-grammar.js';
import { MAX_FILTER_LENGTH, tokenize } from './filter-lexer.js';
import { filterLimitError } from './filter-syntax-error.js';

export { MAX_FILTER_DEPTH } from './filter-grammar.js';
export { MAX_FILTER_LENGTH } from './filter-lexer.js';

export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) {
    throw filterLimitError(
      'filter',
      `The filter is ${text.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted. ` +
        'Split the query into several smaller ones.',
    );
  }
  if (text.trim() === '') {
    throw filterLimitError(
      'filter',
      'The filter is empty. Give an expression such as userName eq "jdoe@example.com", or leave out the filter parameter.',
    );
  }
  const cursor = new FilterCursor(text, 'filter', tokenize(text, 'filter'));
  const filter = parseOr(cursor, false);
  const rest = cursor.peek();
  if (rest.kind !== 'end') {
    const message =
      rest.kind === 'rparen'
        ? '")" has no matching "("'
        : `"and", "or" or the end of the filter was expected but found ${describeToken(rest)}`;
    throw cursor.error(message, rest, 'userName eq "jdoe@example.com" and active eq true');
  }
  return filter;
}
