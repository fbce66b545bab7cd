import { describe, expect, it } from 'vitest';
import type { Filter } from './ast.js';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter } from './filter-parser.js';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import type { ScimError } from '../errors.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function eq(name: string, value: string | number | boolean | null, extra: { uri?: string; sub?: string } = {}): Filter {
  return { kind: 'compare', path: { uri: extra.uri, name, sub: extra.sub }, op: 'eq', value };
}

function parseError(text: string): ScimError {
  return catchScimError(() => parseFilter(text), `expected ${text} to be rejected`);
}

/** Drop `undefined` members so that expectations can omit optional path parts. */
function plain(filter: Filter): unknown {
  return JSON.parse(JSON.stringify(filter));
}

describe('parseFilter: the RFC 7644 grammar', () => {
  it.each<[string, Filter]>([
    ['userName eq "bjensen"', eq('userName', 'bjensen')],
    [
      'name.familyName co "O\'Malley"',
      { kind: 'compare', path: { name: 'name', sub: 'familyName' }, op: 'co', value: "O'Malley" },
    ],
    ['userName sw "J"', { kind: 'compare', path: { name: 'userName' }, op: 'sw', value: 'J' }],
    ['title pr', { kind: 'present', path: { name: 'title' } }],
    [
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      { kind: 'compare', path: { name: 'meta', sub: 'lastModified' }, op: 'gt', value: '2011-05-13T04:42:34Z' },
    ],
    [`${ENTERPRISE}:employeeNumber eq "701984"`, eq('employeeNumber', '701984', { uri: ENTERPRISE })],
    [`${ENTERPRISE}:manager.value eq "26118915"`, eq('manager', '26118915', { uri: ENTERPRISE, sub: 'value' })],
    ['members.$ref eq "https://example.com/Users/1"', eq('members', 'https://example.com/Users/1', { sub: '$ref' })],
    ['$ref pr', { kind: 'present', path: { name: '$ref' } }],
    ['a-b_c9 eq "x"', eq('a-b_c9', 'x')],
  ])('parses %s', (text, expected) => {
    expect(plain(parseFilter(text))).toEqual(plain(expected));
  });

  it('reads operators and logical words in any case', () => {
    expect(plain(parseFilter('userName EQ "a" AnD title Pr oR not (x Ne 1)'))).toEqual(
      plain({
        kind: 'or',
        left: { kind: 'and', left: eq('userName', 'a'), right: { kind: 'present', path: { name: 'title' } } },
        right: { kind: 'not', filter: { kind: 'compare', path: { name: 'x' }, op: 'ne', value: 1 } },
      }),
    );
  });

  it('binds and tighter than or, both left associative', () => {
    const filter = parseFilter('a eq 1 or b eq 2 and c eq 3 or d eq 4');
    expect(plain(filter)).toEqual(
      plain({
        kind: 'or',
        left: { kind: 'or', left: eq('a', 1), right: { kind: 'and', left: eq('b', 2), right: eq('c', 3) } },
        right: eq('d', 4),
      }),
    );
    expect(plain(parseFilter('a eq 1 and b eq 2 and c eq 3'))).toEqual(
      plain({ kind: 'and', left: { kind: 'and', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) }),
    );
  });

  it('groups with parentheses and negates with not (...)', () => {
    expect(plain(parseFilter('(a eq 1 or b eq 2) and not(c pr)'))).toEqual(
      plain({
        kind: 'and',
        left: { kind: 'or', left: eq('a', 1), right: eq('b', 2) },
        right: { kind: 'not', filter: { kind: 'present', path: { name: 'c' } } },
      }),
    );
  });

  it('parses value paths, with logic inside the brackets', () => {
    expect(plain(parseFilter('emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp"]'))).toEqual(
      plain({
        kind: 'or',
        left: {
          kind: 'valuePath',
          path: { name: 'emails' },
          filter: {
            kind: 'and',
            left: eq('type', 'work'),
            right: { kind: 'compare', path: { name: 'value' }, op: 'co', value: '@example.com' },
          },
        },
        right: { kind: 'valuePath', path: { name: 'ims' }, filter: eq('type', 'xmpp') },
      }),
    );
  });

  it('refuses Entra\'s emails[type eq "work"].value eq "x": the HTTP edge rewrites it (src/compat)', () => {
    for (const text of ['emails[type eq "work"].value eq "x@y"', 'emails[type eq "work"].value pr']) {
      expectScimError(parseError(text), {
        scimType: 'invalidFilter',
        detail: /a value filter cannot be followed by "\.value": put the comparison inside the brackets/,
      });
    }
  });

  it.each<[string, string | number | boolean | null]>([
    ['"with \\"quotes\\" and \\\\"', 'with "quotes" and \\'],
    ['"Ren\\u00e9e"', 'Renée'],
    ['"tab\\there\\/"', 'tab\there/'],
    ['""', ''],
    ['42', 42],
    ['-7', -7],
    ['4.5', 4.5],
    ['1.50', '1.50'],
    ['1e3', '1e3'],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('reads the value %s', (literal, value) => {
    const filter = parseFilter(`x eq ${literal}`);
    expect(filter.kind === 'compare' ? filter.value : undefined).toEqual(value);
  });

  it.each(['True', 'jyoung', '007', 'jdoe@example.com'])(
    "refuses the bare value %s: strings are quoted (the HTTP edge quotes Entra's bare words)",
    (literal) => {
      expectScimError(parseError(`x eq ${literal}`), {
        scimType: 'invalidFilter',
        detail: `"${literal}" is not a value: a string must be in double quotes (x eq "${literal}")`,
      });
    },
  );

  it('tolerates extra whitespace, tabs and newlines', () => {
    expect(plain(parseFilter('  userName \t eq\n"a"   and  ( title  pr )  '))).toEqual(
      plain({ kind: 'and', left: eq('userName', 'a'), right: { kind: 'present', path: { name: 'title' } } }),
    );
  });

  it('accepts an attribute literally named "not" when an operator follows', () => {
    expect(plain(parseFilter('not pr'))).toEqual(plain({ kind: 'present', path: { name: 'not' } }));
  });
});

describe('parseFilter: errors an admin can act on', () => {
  it('reports an incomplete comparison as the brief words it', () => {
    const error = parseError('userName eq');
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toBe(
      'The filter \'userName eq\' is incomplete: a value was expected after "eq" at position 11. Example: userName eq "jdoe@example.com".',
    );
  });

  it.each<[string, RegExp]>([
    [
      'userName equals "x"',
      /an operator \(eq, ne, co, sw, ew, gt, ge, lt, le or pr\) was expected after "userName" but found "equals" at position 10/,
    ],
    ['userName', /is incomplete: an operator .* was expected after "userName" at position 8/],
    ['title pr "x"', /"pr" \(present\) takes no value, but the value "x" follows it at position 10/],
    ['(a eq "x"', /is incomplete: the "\(" at position 1 is not closed: "\)" was expected at position 9/],
    ['a eq "x")', /"\)" has no matching "\(" at position 9/],
    ['emails[type eq "work"', /the "\[" at position 7 is not closed: "\]" was expected/],
    [
      'emails[type eq "work"] junk',
      /"and", "or" or the end of the filter was expected but found "junk" at position 24/,
    ],
    ['a eq "x" and', /is incomplete: an attribute name, "not \(" or "\(" was expected after "and" at position 12/],
    ['and a eq "x"', /an attribute name, "not \(" or "\(" was expected but found "and" at position 1/],
    [
      '"userName" eq "x"',
      /an attribute name, "not \(" or "\(" was expected but found the value "userName" at position 1/,
    ],
    ['not userName eq "x"', /"not" must be followed by a filter in parentheses at position 5/],
    ['a eq "\\q"', /"\\q" is not a valid escape in a string/],
    ['a eq "\\u12G4"', /needs exactly four hexadecimal digits/],
    ['a eq "open', /the string that starts at position 6 has no closing double quote/],
    ['a eq and', /a value was expected after "eq" but found "and"/],
    ['a eq )', /a value was expected after "eq" but found "\)"/],
    ['a eq 1e999', /the number 1e999 is out of range/],
    ['a.b.c eq 1', /"a.b.c" is not an attribute path: it may name at most one sub-attribute/],
    ['urn:x: eq 1', /a schema URN must be followed by ":" and an attribute name/],
    ['1abc eq 1', /"1abc" is not a valid attribute name/],
    ['emails[value[type eq "x"] eq "y"]', /value filters cannot be nested/],
    [
      'name.givenName[x eq 1]',
      /must follow a multi-valued attribute such as "emails", not the sub-attribute "name.givenName"/,
    ],
    ['emails[type eq "work"].val!ue eq "x"', /"val!ue" after "\]" is not a valid sub-attribute name/],
  ])('rejects %s', (text, detail) => {
    const error = parseError(text);
    expectScimError(error, { status: 400, scimType: 'invalidFilter', detail });
    expect(error.detail).toContain(`The filter '${text}'`);
  });

  it('rejects an empty filter', () => {
    expect(parseError('   ').detail).toMatch(/The filter is empty/);
  });

  it('bounds the length', () => {
    const text = `userName eq "${'x'.repeat(MAX_FILTER_LENGTH)}"`;
    const error = parseError(text);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toMatch(/at most 10000 are accepted/);
  });

  it('bounds the nesting depth', () => {
    const ok = `${'('.repeat(MAX_FILTER_DEPTH)}a pr${')'.repeat(MAX_FILTER_DEPTH)}`;
    expect(parseFilter(ok).kind).toBe('present');
    const deep = `${'not ('.repeat(MAX_FILTER_DEPTH + 1)}a pr${')'.repeat(MAX_FILTER_DEPTH + 1)}`;
    expect(parseError(deep).detail).toMatch(/nested more than 50 levels deep/);
  });

  it('quotes only an excerpt of a long filter, around the problem', () => {
    const text = `${'a eq 1 or '.repeat(100)}b eq`;
    const detail = parseError(text).detail;
    expect(detail).toContain("'…");
    expect(detail).toContain('b eq');
    expect(detail.length).toBeLessThan(400);
  });
});
