import { describe, expect, it } from 'vitest';
import type { PatchPath } from './ast.js';
import { parsePatchPath } from './patch-path-parser.js';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import type { ScimError } from '../errors.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function plain(value: PatchPath): unknown {
  return JSON.parse(JSON.stringify(value));
}

function pathError(text: string): ScimError {
  return catchScimError(() => parsePatchPath(text), `expected ${text} to be rejected`);
}

describe('parsePatchPath', () => {
  it.each<[string, PatchPath]>([
    ['userName', { attr: { name: 'userName' } }],
    ['name.familyName', { attr: { name: 'name', sub: 'familyName' } }],
    [`${ENTERPRISE}:manager`, { attr: { uri: ENTERPRISE, name: 'manager' } }],
    [`${ENTERPRISE}:manager.value`, { attr: { uri: ENTERPRISE, name: 'manager', sub: 'value' } }],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:userName',
      { attr: { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', name: 'userName' } },
    ],
    [
      'emails[type eq "work"].value',
      {
        attr: { name: 'emails' },
        filter: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
        subAfterFilter: 'value',
      },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      {
        attr: { name: 'members' },
        filter: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: '2819c223-7f76-453a-919d-413861904646' },
      },
    ],
    [
      'addresses[type eq "work"].streetAddress',
      {
        attr: { name: 'addresses' },
        filter: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
        subAfterFilter: 'streetAddress',
      },
    ],
    [
      'roles[primary eq "True"].display',
      {
        attr: { name: 'roles' },
        filter: { kind: 'compare', path: { name: 'primary' }, op: 'eq', value: 'True' },
        subAfterFilter: 'display',
      },
    ],
    [
      'members[value eq "a" or value eq "b"]',
      {
        attr: { name: 'members' },
        filter: {
          kind: 'or',
          left: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'a' },
          right: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'b' },
        },
      },
    ],
    [
      'emails[type eq "work" and primary eq true].display',
      {
        attr: { name: 'emails' },
        filter: {
          kind: 'and',
          left: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
          right: { kind: 'compare', path: { name: 'primary' }, op: 'eq', value: true },
        },
        subAfterFilter: 'display',
      },
    ],
  ])('parses %s', (text, expected) => {
    expect(plain(parsePatchPath(text))).toEqual(plain(expected));
  });

  it.each<[string, RegExp]>([
    ['', /The path is empty/],
    ['emails[type eq "work"', /The path 'emails\[type eq "work"' is incomplete: the "\[" at position 7 is not closed/],
    ['emails[type eq]', /a value was expected after "eq" but found "\]"/],
    ['emails[type eq "work"].value.display', /"value.display" after "\]" is not a valid sub-attribute name/],
    ['emails x', /the path should end after "emails"/],
    ['emails[type eq "work"] x', /the path should end after the value filter/],
    ['name.', /an empty name is not a valid attribute name/],
    ['"userName"', /an attribute name was expected but found the value "userName"/],
    ['emails[type[x eq 1] eq "work"]', /value filters cannot be nested/],
    ['name.givenName[type eq "x"]', /not the sub-attribute "name.givenName"/],
    ['a.b.c', /at most one sub-attribute/],
    ['members[value eq 2819c223]', /"2819c223" is not a value: a string must be in double quotes/],
  ])('rejects %j with 400 invalidPath', (text, detail) => {
    const error = pathError(text);
    expectScimError(error, { status: 400, scimType: 'invalidPath', detail });
  });

  it('quotes the path and shows a path example, not a filter', () => {
    const detail = pathError('emails[type eq "work"').detail;
    expect(detail).toContain(`The path 'emails[type eq "work"'`);
    expect(detail).toContain('Example: emails[type eq "work"].value.');
  });

  it('bounds the length', () => {
    expect(pathError(`emails[value eq "${'x'.repeat(10_000)}"]`).detail).toMatch(/at most 10000 are accepted/);
  });
});
