import { describe, expect, it } from 'vitest';
import type { ResolvedFilter } from './ast.js';
import { isPresentValue, matchesElement, matchesFilter } from './filter-evaluator.js';
import { parseFilter } from './filter-parser.js';
import { resolveFilter } from './filter-resolver.js';
import { parsePatchPath } from './patch-path-parser.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, STRATEGY_USER_SCHEMA } from '../schemas/types.js';
import type { JsonObject } from '../json.js';

const registry = createSchemaRegistry([
  {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'hired',
    type: 'dateTime',
    multiValued: false,
    caseExact: false,
    description: '',
  },
  {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'level',
    type: 'decimal',
    multiValued: false,
    caseExact: false,
    description: '',
  },
  {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'code',
    type: 'string',
    multiValued: false,
    caseExact: true,
    description: '',
  },
]);

const user: JsonObject = {
  id: '2819c223',
  userName: 'BJensen',
  externalId: 'bjensen-ext',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  title: '',
  active: 'True',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  phoneNumbers: [{ value: '555-555-8377', type: 'work' }, 'not-an-object'],
  [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '701984', manager: { value: '26118915', displayName: 'John Smith' } },
  [STRATEGY_USER_SCHEMA]: { hired: '2011-05-13T06:42:34+02:00', level: 3.5, code: 'Ab-1' },
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22.000Z', lastModified: '2011-05-13T04:42:34.000Z' },
};

function filter(text: string): ResolvedFilter {
  return resolveFilter(parseFilter(text), 'User', registry);
}

describe('matchesFilter', () => {
  it.each<[string, boolean]>([
    ['userName eq "bjensen"', true],
    ['userName eq "bjensen2"', false],
    ['userName sw "bJ"', true],
    ['userName ew "SEN"', true],
    ['userName co "jen"', true],
    ['userName gt "bj"', true],
    ['userName lt "bj"', false],
    ['externalId eq "BJENSEN-EXT"', false],
    ['externalId eq "bjensen-ext"', true],
    [`${STRATEGY_USER_SCHEMA}:code eq "ab-1"`, false],
    [`${STRATEGY_USER_SCHEMA}:code sw "Ab"`, true],
    ['active eq true', true],
    ['active ne true', false],
    ['active eq false', false],
    ['name.givenName eq "barbara" and name.familyName eq "JENSEN"', true],
    ['name.givenName eq "barbara" and not (name.familyName eq "JENSEN")', false],
    ['title pr', false],
    ['not (title pr)', true],
    ['title eq null', true],
    ['nickName ne "x"', true],
    ['nickName eq "x" or userName eq "bjensen"', true],
    ['emails.value ew "jensen.org"', true],
    ['emails eq "bjensen@example.com"', true],
    ['emails[type eq "work" and value ew "jensen.org"]', false],
    ['emails.type eq "work" and emails.value ew "jensen.org"', true],
    ['emails[type eq "home" and value ew "jensen.org"]', true],
    ['emails[type eq "work" and value eq "BJENSEN@example.com"]', true],
    ['emails[primary eq true]', true],
    ['emails.type ne "work"', false],
    ['emails.type ne "other"', true],
    ['phoneNumbers.value eq "555-555-8377"', true],
    ['phoneNumbers[not (type eq "work")]', false],
    [`${ENTERPRISE_USER_SCHEMA}:manager eq "26118915"`, true],
    [`${ENTERPRISE_USER_SCHEMA}:manager[displayName sw "john"]`, true],
    [`${ENTERPRISE_USER_SCHEMA}:employeeNumber gt "8"`, false],
    [`${STRATEGY_USER_SCHEMA}:hired eq "2011-05-13T04:42:34Z"`, true],
    [`${STRATEGY_USER_SCHEMA}:hired gt "2011-05-13T04:42:33.999Z"`, true],
    [`${STRATEGY_USER_SCHEMA}:hired lt "2011-05-13"`, false],
    [`${STRATEGY_USER_SCHEMA}:level ge 3.5`, true],
    [`${STRATEGY_USER_SCHEMA}:level lt "3.5"`, false],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.resourceType eq "User"', true],
    ['id eq "2819C223"', false],
  ])('%s → %s', (text, expected) => {
    expect(matchesFilter(filter(text), user)).toBe(expected);
  });

  it('treats an unassigned multi-valued attribute as matching nothing, and its ne as matching', () => {
    const bare: JsonObject = { userName: 'x' };
    expect(matchesFilter(filter('emails pr'), bare)).toBe(false);
    expect(matchesFilter(filter('emails.value co "@"'), bare)).toBe(false);
    expect(matchesFilter(filter('emails.value ne "a@b.c"'), bare)).toBe(true);
    expect(matchesFilter(filter('emails[not (type eq "work")]'), bare)).toBe(false);
  });

  it('compares numbers only with JSON numbers and text only with JSON strings', () => {
    expect(
      matchesFilter(filter(`${STRATEGY_USER_SCHEMA}:level eq 3.5`), { [STRATEGY_USER_SCHEMA]: { level: '3.5' } }),
    ).toBe(false);
    expect(matchesFilter(filter('title eq "42"'), { title: 42 })).toBe(false);
    expect(matchesFilter(filter('title pr'), { title: 42 })).toBe(true);
  });

  it('matches dateTimes by instant and ignores texts that are not dateTimes', () => {
    const hired = (value: string): JsonObject => ({ [STRATEGY_USER_SCHEMA]: { hired: value } });
    const at = filter(`${STRATEGY_USER_SCHEMA}:hired eq "2020-01-01T00:00:00Z"`);
    expect(matchesFilter(at, hired('2019-12-31T19:00:00-05:00'))).toBe(true);
    expect(matchesFilter(at, hired('2020-01-01'))).toBe(true);
    expect(matchesFilter(at, hired('2020-01-01T00:00:00.0009Z'))).toBe(true);
    expect(matchesFilter(at, hired('2020-01-01T00:00:00.001Z'))).toBe(false);
    expect(matchesFilter(filter(`${STRATEGY_USER_SCHEMA}:hired pr`), hired('soon'))).toBe(true);
    expect(matchesFilter(filter(`${STRATEGY_USER_SCHEMA}:hired lt "2100-01-01"`), hired('soon'))).toBe(false);
  });
});

describe('matchesElement (PATCH value paths)', () => {
  function elementFilter(path: string): ResolvedFilter {
    const parsed = parsePatchPath(path);
    if (parsed.filter === undefined) throw new Error('path without a filter');
    const resolved = resolveFilter({ kind: 'valuePath', path: parsed.attr, filter: parsed.filter }, 'User', registry);
    if (resolved.kind !== 'valuePath') throw new Error('unexpected shape');
    return resolved.filter;
  }

  it('selects the elements of emails[type eq "work"]', () => {
    const work = elementFilter('emails[type eq "work"].value');
    const emails = user.emails;
    if (!Array.isArray(emails)) throw new Error('fixture');
    expect(emails.map((element) => matchesElement(work, element))).toEqual([true, false]);
  });

  it('tolerates "True" stored by a sloppy client (the HTTP edge rewrites "True" in the path itself)', () => {
    const primary = elementFilter('roles[primary eq true].display');
    expect(matchesElement(primary, { value: 'admin', primary: true })).toBe(true);
    expect(matchesElement(primary, { value: 'admin', primary: 'True' })).toBe(true);
    expect(matchesElement(primary, { value: 'admin', primary: 'false' })).toBe(false);
    expect(matchesElement(primary, { value: 'admin' })).toBe(false);
  });

  it('compares member ids exactly and other strings without case', () => {
    const member = resolveFilter(parseFilter('members[value eq "AbC" and type eq "user"]'), 'Group', registry);
    if (member.kind !== 'valuePath') throw new Error('unexpected shape');
    expect(matchesElement(member.filter, { value: 'AbC', type: 'User' })).toBe(true);
    expect(matchesElement(member.filter, { value: 'abc', type: 'User' })).toBe(false);
  });

  it('handles or, not, pr and non-object elements', () => {
    const either = elementFilter('emails[type eq "home" or not (value pr)]');
    expect(matchesElement(either, { type: 'home', value: 'a@b.c' })).toBe(true);
    expect(matchesElement(either, { type: 'work', value: '' })).toBe(true);
    expect(matchesElement(either, { type: 'work', value: 'a@b.c' })).toBe(false);
    expect(matchesElement(either, 'a@b.c')).toBe(true);
  });
});

describe('isPresentValue', () => {
  it.each<[unknown, boolean]>([
    [null, false],
    [undefined, false],
    ['', false],
    [' ', true],
    [0, true],
    [false, true],
    [[], false],
    [[null, ''], false],
    [['x'], true],
    [{}, false],
    [{ givenName: '' }, false],
    [{ givenName: 'B' }, true],
    [[{ value: null }], false],
    [[{ value: null, type: 'work' }], true],
  ])('%j → %s', (value, expected) => {
    expect(isPresentValue(value as Parameters<typeof isPresentValue>[0])).toBe(expected);
  });
});
