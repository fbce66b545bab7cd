import { describe, expect, it } from 'vitest';
import type { ResolvedFilter } from './ast.js';
import { parseFilter } from './filter-parser.js';
import { resolveAttributePath, resolveFilter } from './filter-resolver.js';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import type { ScimError } from '../errors.js';
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, STRATEGY_USER_SCHEMA, type ResourceTypeName } from '../schemas/types.js';

const registry = createSchemaRegistry([
  {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'badge',
    type: 'integer',
    multiValued: false,
    caseExact: false,
    description: '',
  },
  {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'tags',
    type: 'string',
    multiValued: true,
    caseExact: false,
    description: '',
  },
]);

function resolve(text: string, resourceType: ResourceTypeName = 'User'): ResolvedFilter {
  return resolveFilter(parseFilter(text), resourceType, registry);
}

function resolveError(text: string, resourceType: ResourceTypeName = 'User'): ScimError {
  return catchScimError(() => resolve(text, resourceType), `expected ${text} to be rejected`);
}

/** A compact view: kind, canonical path, op and value of each node. */
function summary(filter: ResolvedFilter): unknown {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return [filter.kind, summary(filter.left), summary(filter.right)];
    case 'not':
      return ['not', summary(filter.filter)];
    case 'present':
      return ['pr', filter.attr.documentPath.join('/')];
    case 'compare':
      return [filter.op, filter.attr.documentPath.join('/'), filter.value];
    case 'valuePath':
      return ['[]', filter.attr.documentPath.join('/'), summary(filter.filter)];
  }
}

describe('resolveFilter: paths', () => {
  it.each<[string, unknown]>([
    ['userName eq "bjensen"', ['eq', 'userName', 'bjensen']],
    ['USERNAME eq "bjensen"', ['eq', 'userName', 'bjensen']],
    ['name.GIVENNAME sw "B"', ['sw', 'name/givenName', 'B']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', ['eq', 'userName', 'x']],
    [
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "701984"`,
      ['eq', `${ENTERPRISE_USER_SCHEMA}/employeeNumber`, '701984'],
    ],
    [
      `${ENTERPRISE_USER_SCHEMA.toLowerCase()}:MANAGER.value eq "u1"`,
      ['eq', `${ENTERPRISE_USER_SCHEMA}/manager/value`, 'u1'],
    ],
    ['emails.value co "@example.com"', ['co', 'emails/value', '@example.com']],
    ['emails eq "a@b.c"', ['eq', 'emails/value', 'a@b.c']],
    [`${ENTERPRISE_USER_SCHEMA}:manager eq "u1"`, ['eq', `${ENTERPRISE_USER_SCHEMA}/manager/value`, 'u1']],
    ['emails pr', ['pr', 'emails']],
    ['name pr', ['pr', 'name']],
    [
      'emails[type eq "work" and Value pr]',
      ['[]', 'emails', ['and', ['eq', 'emails/type', 'work'], ['pr', 'emails/value']]],
    ],
    [
      `${ENTERPRISE_USER_SCHEMA}:manager[value eq "u1"]`,
      ['[]', `${ENTERPRISE_USER_SCHEMA}/manager`, ['eq', `${ENTERPRISE_USER_SCHEMA}/manager/value`, 'u1']],
    ],
    [`${STRATEGY_USER_SCHEMA}:tags eq "x"`, ['eq', `${STRATEGY_USER_SCHEMA}/tags`, 'x']],
    ['meta.lastModified pr', ['pr', 'meta/lastModified']],
    ['not (id eq "1") or groups.value eq "g1"', ['or', ['not', ['eq', 'id', '1']], ['eq', 'groups/value', 'g1']]],
  ])('resolves %s', (text, expected) => {
    expect(summary(resolve(text))).toEqual(expected);
  });

  it('resolves inner value-path names as sub-attributes, with their definitions', () => {
    const filter = resolve('emails[type eq "work"]');
    if (filter.kind !== 'valuePath' || filter.filter.kind !== 'compare') throw new Error('unexpected shape');
    expect(filter.attr.attribute.name).toBe('emails');
    expect(filter.attr.subAttribute).toBeUndefined();
    expect(filter.filter.attr.attribute.name).toBe('emails');
    expect(filter.filter.attr.subAttribute?.name).toBe('type');
  });

  it('resolves Group members', () => {
    expect(summary(resolve('members[value eq "u1" and type eq "User"]', 'Group'))).toEqual([
      '[]',
      'members',
      ['and', ['eq', 'members/value', 'u1'], ['eq', 'members/type', 'User']],
    ]);
  });
});

describe('resolveFilter: values and operators per type', () => {
  it.each<[string, unknown]>([
    ['active eq true', ['eq', 'active', true]],
    ['active ne false', ['ne', 'active', false]],
    ['emails[primary eq true]', ['[]', 'emails', ['eq', 'emails/primary', true]]],
    [`${STRATEGY_USER_SCHEMA}:badge gt 4`, ['gt', `${STRATEGY_USER_SCHEMA}/badge`, 4]],
    [`${STRATEGY_USER_SCHEMA}:badge eq "42"`, ['eq', `${STRATEGY_USER_SCHEMA}/badge`, 42]],
    [`${STRATEGY_USER_SCHEMA}:badge le 1.50`, ['le', `${STRATEGY_USER_SCHEMA}/badge`, 1.5]],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['gt', 'meta/lastModified', '2011-05-13T04:42:34.000Z']],
    ['meta.created le "2011-05-13T06:42:34.5+02:00"', ['le', 'meta/created', '2011-05-13T04:42:34.500Z']],
    ['meta.created ge "2011-05-13"', ['ge', 'meta/created', '2011-05-13T00:00:00.000Z']],
    ['title eq 42', ['eq', 'title', '42']],
    ['title eq true', ['eq', 'title', 'true']],
    [
      'employeeNumber eq 1.50'.replace('employeeNumber', `${ENTERPRISE_USER_SCHEMA}:employeeNumber`),
      ['eq', `${ENTERPRISE_USER_SCHEMA}/employeeNumber`, '1.50'],
    ],
    ['x509Certificates.value eq "TWFu"', ['eq', 'x509Certificates/value', 'TWFu']],
    ['title eq null', ['not', ['pr', 'title']]],
    ['title ne null', ['pr', 'title']],
    ['title ne ""', ['ne', 'title', '']],
  ])('accepts %s', (text, expected) => {
    expect(summary(resolve(text))).toEqual(expected);
  });

  it.each(['active eq "TRUE"', 'active ne "false"', 'emails[primary eq "True"]'])(
    'refuses %s: a boolean is true or false (the HTTP edge rewrites the strings clients send)',
    (text) => {
      expectScimError(resolveError(text), {
        scimType: 'invalidFilter',
        detail: /which is a boolean attribute, with the text/,
      });
    },
  );

  it.each<[string, RegExp]>([
    [
      'active gt true',
      /The operator "gt" cannot be used with "active", which is a boolean attribute: use eq or ne with true or false\. Example: active eq true\./,
    ],
    ['active co "t"', /"co" cannot be used with "active"/],
    [
      'active eq "yes"',
      /compares "active", which is a boolean attribute, with the text "yes"; give a boolean value instead\. Example: active eq true\./,
    ],
    ['active eq 1', /with the number 1/],
    [
      `${STRATEGY_USER_SCHEMA}:badge co 4`,
      /"co" cannot be used with ".*:badge", which is an integer attribute: use one of eq, ne, gt, ge, lt, le/,
    ],
    [`${STRATEGY_USER_SCHEMA}:badge eq "many"`, /an integer attribute, with the text "many"/],
    [
      'meta.created eq "yesterday"',
      /a dateTime attribute, with the text "yesterday"; give a dateTime value instead \(an ISO 8601 date-time such as "2011-05-13T04:42:34Z"\)/,
    ],
    ['meta.created eq "2011-02-30T00:00:00Z"', /a dateTime attribute/],
    ['meta.created sw "2011"', /"sw" cannot be used with "meta.created", which is a dateTime attribute/],
    [
      'x509Certificates.value co "TW"',
      /"co" cannot be used with "x509Certificates.value", which is a binary attribute: use eq or ne with the base64 value/,
    ],
    ['title gt null', /null can only be used with eq \(no value\) or ne \(has a value\)/],
    ['emails[primary gt true]', /"gt" cannot be used with "emails.primary"/],
  ])('rejects %s', (text, detail) => {
    const error = resolveError(text);
    expectScimError(error, { status: 400, scimType: 'invalidFilter', detail });
  });
});

describe('resolveFilter: attributes that cannot be used', () => {
  it.each<[string, ResourceTypeName, RegExp]>([
    [
      'usrName eq "x"',
      'User',
      /unknown attribute\. "usrName" is not an attribute of User resources\. Did you mean "userName"\?/,
    ],
    [
      'employeeNumber eq "1"',
      'User',
      /belongs to an extension schema, so write it with the schema URN: "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User:employeeNumber"/,
    ],
    [
      'userName eq "x"',
      'Group',
      /"userName" is not an attribute of Group resources.* include id, externalId, displayName, members\.value/,
    ],
    ['name.nickname eq "x"', 'User', /"name.nickname" is not an attribute of User resources/],
    ['urn:example:unknown:2.0:User:x eq "1"', 'User', /"urn:example:unknown:2.0:User:x" is not an attribute/],
    ['password eq "secret"', 'User', /"password" cannot be used in a filter: it is write-only and never returned/],
    ['password pr', 'User', /write-only/],
    [
      'name eq "Barbara"',
      'User',
      /"name" is a complex attribute and has no "value" to compare; compare one of its sub-attributes \(formatted, familyName, givenName.*\) instead, e\.g\. name\.formatted eq "value", or test it with name pr/,
    ],
    [
      'emails[foo eq "x"]',
      'User',
      /Inside "emails\[\.\.\.\]" the filter refers to "foo", which is not a sub-attribute of "emails"\. Use one of value, display, type, primary/,
    ],
    ['emails[name.givenName eq "x"]', 'User', /"name.givenName", which is not a sub-attribute of "emails"/],
    [
      'userName[value eq "x"]',
      'User',
      /"userName\[\.\.\.\]" filters the elements of a complex attribute .* but "userName" is not complex/,
    ],
    [`${STRATEGY_USER_SCHEMA}:tags[value eq "x"]`, 'User', /To match one of its values, write urn:.*:tags eq "value"/],
  ])('rejects %s on %s', (text, resourceType, detail) => {
    const error = resolveError(text, resourceType);
    expectScimError(error, { status: 400, scimType: 'invalidFilter', detail });
  });

  it('rejects a nested value path built by hand', () => {
    expect(() =>
      resolveFilter(
        {
          kind: 'valuePath',
          path: { name: 'emails' },
          filter: {
            kind: 'valuePath',
            path: { name: 'addresses' },
            filter: { kind: 'present', path: { name: 'type' } },
          },
        },
        'User',
        registry,
      ),
    ).toThrow(/Value filters cannot be nested/);
  });
});

describe('resolveAttributePath', () => {
  it('resolves sortBy paths case-insensitively', () => {
    expect(resolveAttributePath('NAME.familyName', 'User', registry, 'invalidFilter').documentPath).toEqual([
      'name',
      'familyName',
    ]);
    expect(resolveAttributePath(' meta.lastModified ', 'Group', registry, 'invalidFilter').subAttribute?.name).toBe(
      'lastModified',
    );
    expect(
      resolveAttributePath(`${ENTERPRISE_USER_SCHEMA}:manager`, 'User', registry, 'invalidPath').documentPath,
    ).toEqual([ENTERPRISE_USER_SCHEMA, 'manager']);
  });

  it('throws the requested scimType with a suggestion', () => {
    for (const errorType of ['invalidFilter', 'invalidPath'] as const) {
      const error = catchScimError(
        () => resolveAttributePath('displayname.x', 'Group', registry, errorType),
        'expected an error',
      );
      expectScimError(error, {
        status: 400,
        scimType: errorType,
        detail: /"displayname.x" is not an attribute of Group resources/,
      });
    }
    expect(() => resolveAttributePath('usrName', 'User', registry, 'invalidFilter')).toThrow(/Did you mean "userName"/);
  });
});
