import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import type { AttributeDefinition, CustomAttributeDefinition } from '../schemas/types.js';
import { ENTERPRISE_USER_SCHEMA, STRATEGY_USER_SCHEMA } from '../schemas/types.js';
import { canonicaliseValue, describeJson } from './attribute-value.js';

const customs: CustomAttributeDefinition[] = (
  [
    ['hired', 'dateTime', false],
    ['floor', 'integer', false],
    ['ratio', 'decimal', false],
    ['vip', 'boolean', false],
    ['aliases', 'string', true],
    ['scores', 'integer', true],
    ['homepage', 'reference', false],
    ['photo', 'binary', false],
  ] as const
).map(([name, type, multiValued]) => ({
  schema: STRATEGY_USER_SCHEMA,
  resourceType: 'User',
  name,
  type,
  multiValued,
  caseExact: false,
  description: `Test attribute ${name}.`,
}));
const registry = createSchemaRegistry(customs);

function attr(path: string): AttributeDefinition {
  const resolved = registry.resolve('User', path);
  if (resolved === undefined) throw new Error(`unknown ${path}`);
  return resolved.subAttribute ?? resolved.attribute;
}
const S = (name: string) => `${STRATEGY_USER_SCHEMA}:${name}`;

describe('canonicaliseValue accepts and canonicalises', () => {
  const cases: [string, string, unknown, unknown][] = [
    ['a string', 'userName', 'jdoe', 'jdoe'],
    ['an empty string (kept as written)', 'nickName', '', ''],
    ['a boolean', 'active', false, false],
    ['null as no value', 'userName', null, undefined],
    ['undefined as no value', 'userName', undefined, undefined],
    ['an empty array as no value', 'emails', [], undefined],
    ['an array of nulls as no value', 'emails', [null, null], undefined],
    ['an empty object as no value', 'name', {}, undefined],
    ['an object of unknown sub-attributes as no value', 'name', { nick: 'x' }, undefined],
    [
      'sub-attribute names in canonical case',
      'name',
      { GIVENNAME: 'J', familyname: 'D' },
      { givenName: 'J', familyName: 'D' },
    ],
    ['null sub-attributes dropped', 'name', { givenName: 'J', familyName: null }, { givenName: 'J' }],
    ['unknown sub-attributes dropped', 'name', { givenName: 'J', nick: 'x' }, { givenName: 'J' }],
    [
      'a multi-valued complex array',
      'emails',
      [{ Value: 'a@x', Type: 'work', Primary: true }, null, { value: 'b@x' }],
      [{ value: 'a@x', type: 'work', primary: true }, { value: 'b@x' }],
    ],
    ['a single object wrapped for a multi-valued complex', 'emails', { value: 'a@x' }, [{ value: 'a@x' }]],
    [
      'non-canonical type values as sent',
      'emails',
      [{ value: 'a@x', type: 'untyped' }],
      [{ value: 'a@x', type: 'untyped' }],
    ],
    [
      'one primary',
      'emails',
      [
        { value: 'a', primary: true },
        { value: 'b', primary: false },
      ],
      [
        { value: 'a', primary: true },
        { value: 'b', primary: false },
      ],
    ],
    [
      'a read-only sub-attribute dropped',
      `${ENTERPRISE_USER_SCHEMA}:manager`,
      { value: 'm1', displayName: 'Boss' },
      { value: 'm1' },
    ],
    [
      'manager.$ref',
      `${ENTERPRISE_USER_SCHEMA}:manager`,
      { $REF: '../Users/m1', value: 'm1' },
      { $ref: '../Users/m1', value: 'm1' },
    ],
    ['a dateTime as sent', S('hired'), '2024-03-01T09:30:00+01:00', '2024-03-01T09:30:00+01:00'],
    ['a dateTime in UTC with milliseconds', S('hired'), '2024-03-01T09:30:00.123Z', '2024-03-01T09:30:00.123Z'],
    ['a date', S('hired'), '2024-02-29', '2024-02-29'],
    ['an integer', S('floor'), -3, -3],
    ['a decimal', S('ratio'), 0.25, 0.25],
    ['an integral decimal', S('ratio'), 2, 2],
    ['a multi-valued string', S('aliases'), ['a', 'b'], ['a', 'b']],
    ['a multi-valued integer with nulls', S('scores'), [1, null, 2], [1, 2]],
    ['a reference', S('homepage'), 'https://example.com/u/1', 'https://example.com/u/1'],
    ['a binary', S('photo'), 'aGVsbG8=', 'aGVsbG8='],
    ["a read-only attribute (mutability is the caller's job)", 'id', 'abc', 'abc'],
  ];

  it.each(cases)('%s', (_name, path, value, expected) => {
    expect(canonicaliseValue(attr(path), value, path)).toEqual(expected);
  });

  it('does not mutate its input', () => {
    const value = Object.freeze([Object.freeze({ VALUE: 'a@x', Primary: true })]);
    expect(canonicaliseValue(attr('emails'), value, 'emails')).toEqual([{ value: 'a@x', primary: true }]);
    expect(value[0]).toEqual({ VALUE: 'a@x', Primary: true });
  });
});

describe('canonicaliseValue refuses', () => {
  const cases: [string, string, unknown, string][] = [
    [
      'a number for a string',
      'userName',
      42,
      'Attribute "userName" must be a string, but the request sent the number 42.',
    ],
    [
      'a boolean for a string',
      'displayName',
      true,
      'Attribute "displayName" must be a string, but the request sent the boolean true.',
    ],
    [
      'an object for a string',
      'title',
      { x: 1 },
      'Attribute "title" must be a string, but the request sent a JSON object.',
    ],
    [
      'an array for a single-valued string',
      'title',
      ['a'],
      'Attribute "title" must be a string, but the request sent an array.',
    ],
    [
      '"yes" for a boolean',
      'active',
      'yes',
      'Attribute "active" must be a boolean (true or false), but the request sent the string "yes".',
    ],
    [
      '1 for a boolean',
      'active',
      1,
      'Attribute "active" must be a boolean (true or false), but the request sent the number 1.',
    ],
    [
      'a string for a complex',
      'name',
      'J Doe',
      'Attribute "name" must be a JSON object with the sub-attributes formatted, familyName, givenName, middleName, honorificPrefix, honorificSuffix, but the request sent the string "J Doe".',
    ],
    [
      'a string for a multi-valued complex',
      'emails',
      'a@x',
      'Attribute "emails" is multi-valued and must be a JSON array of objects, but the request sent the string "a@x".',
    ],
    [
      'a scalar for a multi-valued simple',
      'x',
      'alias',
      'Attribute "x" is multi-valued and must be a JSON array of string values, but the request sent the string "alias".',
    ],
    [
      'a bare string element of a complex list',
      'emails',
      ['a@x'],
      'Attribute "emails" must be a JSON object with the sub-attributes value, display, type, primary, but the request sent the string "a@x".',
    ],
    ['a nested array element', 'emails', [[{ value: 'a' }]], 'Attribute "emails" must be a JSON object'],
    [
      'a wrong sub-attribute type',
      'emails',
      [{ value: 'a', primary: 'yes' }],
      'Attribute "emails.primary" must be a boolean (true or false), but the request sent the string "yes".',
    ],
    [
      'a number sub-attribute',
      'name',
      { givenName: 7 },
      'Attribute "name.givenName" must be a string, but the request sent the number 7.',
    ],
    [
      'a string for an integer',
      S('floor'),
      '3',
      'must be a whole number (for example 42), but the request sent the string "3".',
    ],
    [
      'a fraction for an integer',
      S('floor'),
      3.5,
      'must be a whole number (for example 42), but the request sent the number 3.5.',
    ],
    [
      'a string for a decimal',
      S('ratio'),
      '0.5',
      'must be a number (for example 1.5), but the request sent the string "0.5".',
    ],
    [
      'a non-date for a dateTime',
      S('hired'),
      'yesterday',
      'must be an ISO 8601 date and time (for example "2025-01-23T04:56:22Z"), but the request sent the string "yesterday".',
    ],
    ['an impossible date', S('hired'), '2023-02-29T10:00:00Z', 'must be an ISO 8601 date and time'],
    ['an impossible hour', S('hired'), '2023-02-28T25:00:00Z', 'must be an ISO 8601 date and time'],
    ['a number for a dateTime', S('hired'), 1700000000, 'but the request sent the number 1700000000.'],
    [
      'a number in a multi-valued string',
      S('aliases'),
      ['a', 2],
      'must be a string, but the request sent the number 2.',
    ],
    [
      'two primary values',
      'emails',
      [
        { value: 'a', primary: true },
        { value: 'b', primary: true },
      ],
      'Attribute "emails" has 2 values marked "primary": true, but at most one value may be primary',
    ],
    ...(['True', 'FALSE', 'false'] as const).map((sent): [string, string, unknown, string] => [
      `the string "${sent}" for a boolean (the HTTP edge turns clients' spellings into booleans)`,
      'active',
      sent,
      `Attribute "active" must be a boolean (true or false), but the request sent the string "${sent}".`,
    ]),
  ];

  it.each(cases)('%s', (_name, path, value, detail) => {
    const definition = path === 'x' ? attr(S('aliases')) : attr(path);
    const error = catchScimError(() => canonicaliseValue(definition, value, path));
    expectScimError(error, { status: 400, scimType: 'invalidValue', detail });
  });

  it('names the attribute by the path it is given', () => {
    const path = `${ENTERPRISE_USER_SCHEMA}:manager`;
    const error = catchScimError(() => canonicaliseValue(attr(path), { value: 5 }, path));
    expect(error.detail).toBe(`Attribute "${path}.value" must be a string, but the request sent the number 5.`);
  });
});

describe('describeJson', () => {
  it.each([
    [null, 'null'],
    ['', 'an empty string'],
    ['x', 'the string "x"'],
    ['a"b', 'the string "a\\"b"'],
    ['y'.repeat(100), `the string "${'y'.repeat(57)}..."`],
    [1.5, 'the number 1.5'],
    [false, 'the boolean false'],
    [[1], 'an array'],
    [{ a: 1 }, 'a JSON object'],
  ])('%j', (value, expected) => {
    expect(describeJson(value)).toBe(expected);
  });
});

describe('canonicaliseValue refuses text no database can store', () => {
  it.each([
    [
      'a lone surrogate in a string',
      'userName',
      'jdoe\ud800',
      /"userName" contains an unpaired UTF-16 surrogate \(\\ud800\)/,
    ],
    ['a NUL in a string', 'title', 'a\u0000b', /"title" contains a NUL character/],
    ['a lone surrogate in a sub-attribute', 'name', { givenName: '\udfff' }, /"name.givenName" contains an unpaired/],
    [
      'a lone surrogate in a multi-valued element',
      'emails',
      [{ value: 'a@x.org' }, { value: '\ud83d@x.org' }],
      /"emails.value"/,
    ],
    ['a lone surrogate in a reference', S('homepage'), 'https://x.org/\ud800', /homepage" contains an unpaired/],
  ])('%s', (_name, path, value, detail) => {
    const error = catchScimError(() => canonicaliseValue(attr(path), value, path));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(detail);
  });

  it('accepts surrogate pairs (emoji) as they are', () => {
    expect(canonicaliseValue(attr('displayName'), 'Reader 😀', 'displayName')).toBe('Reader 😀');
  });

  it('describes a missing value as nothing', () => {
    expect(describeJson(undefined)).toBe('nothing');
  });
});
