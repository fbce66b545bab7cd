/**
 * `parsePatchPath`: the `path` of a PATCH operation (RFC 7644 section 3.5.2):
 *
 *   PATH = attrPath / valuePath [subAttr]
 *
 * e.g. `name.familyName`, `emails[type eq "work"].value`, `members[value eq "2819c223"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`. Values inside the
 * filter keep their literal type (`roles[primary eq "True"]` holds the string "True", which the
 * resolver refuses for a boolean; the HTTP edge rewrites Entra's spelling to `true`). Every
 * malformed path is a 400 `invalidPath` ScimError whose detail quotes the path.
 */
import type { PatchPath } from './ast.js';
import { describeToken, FilterCursor, parseAttrPathWord, parseBracketFilter } from './filter-grammar.js';
import { MAX_FILTER_LENGTH, tokenize } from './filter-lexer.js';
import { filterLimitError, PATH_EXAMPLE } from './filter-syntax-error.js';

const SUB_ATTR_NAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/i;

export function parsePatchPath(text: string): PatchPath {
  if (text.length > MAX_FILTER_LENGTH) {
    throw filterLimitError(
      'path',
      `The path is ${text.length} characters long; at most ${MAX_FILTER_LENGTH} are accepted.`,
    );
  }
  if (text.trim() === '') {
    throw filterLimitError('path', `The path is empty. Name an attribute, such as "displayName" or ${PATH_EXAMPLE}.`);
  }
  const cursor = new FilterCursor(text, 'path', tokenize(text, 'path'));
  const first = cursor.next();
  if (first.kind !== 'word' || first.text.startsWith('.')) {
    throw cursor.error(`an attribute name was expected but found ${describeToken(first)}`, first);
  }
  const attr = parseAttrPathWord(cursor, first);
  const result: PatchPath = { attr };
  if (cursor.peek().kind === 'lbracket') {
    result.filter = parseBracketFilter(cursor, attr, first);
    const subToken = cursor.peek();
    if (subToken.kind === 'word' && subToken.text.startsWith('.')) {
      cursor.next();
      const sub = subToken.text.slice(1);
      if (!SUB_ATTR_NAME.test(sub)) {
        throw cursor.error(`"${sub}" after "]" is not a valid sub-attribute name`, subToken);
      }
      result.subAfterFilter = sub;
    }
  }
  const rest = cursor.peek();
  if (rest.kind !== 'end') {
    const message =
      result.filter === undefined
        ? `the path should end after "${first.text}" (or continue with a value filter "[...]") but ${describeToken(rest)} follows`
        : `the path should end after the value filter (or one ".subAttribute") but ${describeToken(rest)} follows`;
    throw cursor.error(message, rest);
  }
  return result;
}
