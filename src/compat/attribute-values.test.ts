import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../scim/schemas/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, type AttributeDefinition } from '../scim/schemas/types.js';
import { normalizeAttributeValue } from './attribute-values.js';
import {
  emptiedReferenceAsNull,
  isReferenceLike,
  referenceFromBareString,
  referenceFromSingletonArray,
} from './entra-manager.js';
import { dropNullSubAttributesInElement } from './entra-null-references.js';
import { stringBooleanToBoolean } from './string-booleans.js';

const registry = createSchemaRegistry();

function attribute(path: string, resourceType: 'User' | 'Group' = 'User'): AttributeDefinition {
  const resolved = registry.resolve(resourceType, path);
  if (resolved === undefined) throw new Error(`test setup: ${path} does not resolve`);
  return resolved.subAttribute ?? resolved.attribute;
}

const active = attribute('active');
const title = attribute('title');
const emails = attribute('emails');
const manager = attribute(`${ENTERPRISE_USER_SCHEMA}:manager`);
const name = attribute('name');
const members = attribute('members', 'Group');

describe('stringBooleanToBoolean', () => {
  it.each([
    ['True', true],
    ['False', false],
    ['true', true],
    ['false', false],
    ['TRUE', true],
    [' fAlSe ', false],
  ])('turns %j into %j for a boolean attribute', (sent, expected) => {
    expect(stringBooleanToBoolean(active, sent)).toBe(expected);
  });

  it('leaves other strings for the core to reject', () => {
    expect(stringBooleanToBoolean(active, 'yes')).toBe('yes');
    expect(stringBooleanToBoolean(active, '')).toBe('');
  });

  it('never touches attributes that are not boolean', () => {
    expect(stringBooleanToBoolean(title, 'True')).toBe('True');
  });
});

describe('manager shapes', () => {
  it('knows which attributes are reference-like', () => {
    expect(isReferenceLike(manager)).toBe(true);
    expect(isReferenceLike(name)).toBe(false);
    expect(isReferenceLike(emails)).toBe(false);
  });

  it('wraps a bare id string', () => {
    expect(referenceFromBareString(manager, 'abc')).toEqual({ value: 'abc' });
    expect(referenceFromBareString(title, 'abc')).toBe('abc');
  });

  it('unwraps a one-element array', () => {
    const element = { value: 'abc', $ref: '../Users/abc' };
    expect(referenceFromSingletonArray(manager, [element])).toBe(element);
    expect(referenceFromSingletonArray(manager, [{ value: 'a' }, { value: 'b' }])).toEqual([
      { value: 'a' },
      { value: 'b' },
    ]);
  });

  it.each([[''], [[]], [{ value: '' }], [{ value: null }], [{ Value: '' }]])('reads %j as "no manager"', (sent) => {
    expect(emptiedReferenceAsNull(manager, sent)).toBeNull();
  });

  it('keeps a manager whose value is set', () => {
    expect(emptiedReferenceAsNull(manager, { value: 'abc' })).toEqual({ value: 'abc' });
    expect(emptiedReferenceAsNull(manager, { value: '', $ref: '../Users/x' })).toEqual({
      value: '',
      $ref: '../Users/x',
    });
  });
});

describe('dropNullSubAttributesInElement', () => {
  it('drops "$ref": null from a member', () => {
    expect(dropNullSubAttributesInElement(members, { $ref: null, value: 'u1' })).toEqual({ value: 'u1' });
  });

  it('keeps nulls of single-valued complex attributes, where they mean "remove this part"', () => {
    expect(dropNullSubAttributesInElement(name, { givenName: null })).toEqual({ givenName: null });
  });
});

describe('normalizeAttributeValue', () => {
  it('coerces booleans inside multi-valued elements and leaves the rest', () => {
    const sent = [
      { value: 'a@x.org', type: 'True', primary: 'True' },
      { value: 'b@x.org', primary: 'false' },
    ];
    expect(normalizeAttributeValue(emails, sent)).toEqual([
      { value: 'a@x.org', type: 'True', primary: true },
      { value: 'b@x.org', primary: false },
    ]);
  });

  it('returns the very same value when nothing needs changing', () => {
    const sent = [{ value: 'a@x.org', primary: true }];
    expect(normalizeAttributeValue(emails, sent)).toBe(sent);
  });

  it('does not mutate its input', () => {
    const sent = [{ value: 'u1', $ref: null }];
    const copy = structuredClone(sent);
    normalizeAttributeValue(members, sent);
    expect(sent).toEqual(copy);
  });

  it('normalises a manager array with a $ref into one object', () => {
    expect(normalizeAttributeValue(manager, [{ $ref: '../Users/m1', value: 'm1' }])).toEqual({
      $ref: '../Users/m1',
      value: 'm1',
    });
  });
});
