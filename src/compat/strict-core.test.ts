/**
 * The core is strict RFC 7643/7644 and every client leniency lives at the HTTP edge: for each
 * dialect named in docs/clients.md, the core alone refuses the request, and the same request
 * through the client dialects is accepted with the meaning the client intended.
 */
import { describe, expect, it } from 'vitest';
import { parseFilter } from '../scim/filter/filter-parser.js';
import { resolveFilter } from '../scim/filter/filter-resolver.js';
import type { JsonObject } from '../scim/json.js';
import { parsePatchOp, PATCH_OP_SCHEMA } from '../scim/messages/patch-op.js';
import { applyPatch, type PatchResult } from '../scim/patch/resource-patch.js';
import { normalizeResourceInput } from '../scim/resources/resource-input.js';
import { createSchemaRegistry } from '../scim/schemas/schema-registry.js';
import type { ResourceTypeName } from '../scim/schemas/types.js';
import { catchScimError } from '../scim/testing/scim-error-assertions.js';
import { normalizeFilter, normalizePatchBody, normalizeResourceBody } from './client-dialects.js';

const registry = createSchemaRegistry();
const USER = { userName: 'bjensen', active: true };
const GROUP_ID = 'g1';

function patch(resourceType: ResourceTypeName, document: JsonObject, body: unknown): PatchResult {
  const resourceId = resourceType === 'User' ? 'u1' : GROUP_ID;
  return applyPatch({ document, resourceType, resourceId, registry, operations: parsePatchOp(body) });
}

function throughTheEdge(resourceType: ResourceTypeName, document: JsonObject, body: unknown): PatchResult {
  const resourceId = resourceType === 'User' ? 'u1' : GROUP_ID;
  return patch(resourceType, document, normalizePatchBody(body, resourceType, registry, resourceId));
}

function message(...operations: unknown[]): unknown {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

describe('PATCH: refused by the core alone, accepted through the client dialects', () => {
  const cases: [string, ResourceTypeName, unknown, RegExp, (result: PatchResult) => void][] = [
    [
      'Entra\'s "op": "Replace"',
      'User',
      message({ op: 'Replace', path: 'active', value: false }),
      /has op "Replace"/,
      (result) => expect(result.document['active']).toBe(false),
    ],
    [
      'Entra\'s "value": "False" for a boolean',
      'User',
      message({ op: 'replace', path: 'active', value: 'False' }),
      /must be a boolean/,
      (result) => expect(result.document['active']).toBe(false),
    ],
    [
      "Entra's member removal by value list",
      'Group',
      message({ op: 'remove', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }),
      /a "remove" of "members" takes no "value"/,
      (result) => expect(result.membership).toEqual([{ kind: 'remove', ids: ['u1', 'u2'] }]),
    ],
    [
      'Entra\'s "id" next to "Operations"',
      'User',
      { id: 'x', schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: 'Boss' }] },
      /has the member "id"/,
      (result) => expect(result.document['title']).toBe('Boss'),
    ],
    [
      'a stray "name" in an operation',
      'Group',
      message({ op: 'replace', path: 'displayName', value: 'Staff', name: 'x' }),
      /has the member "name"/,
      (result) => expect(result.document['displayName']).toBe('Staff'),
    ],
    [
      'a PatchOp body without schemas',
      'User',
      { Operations: [{ op: 'replace', path: 'title', value: 'Boss' }] },
      /must list "urn:ietf:params:scim:api:messages:2.0:PatchOp" in "schemas"/,
      (result) => expect(result.document['title']).toBe('Boss'),
    ],
    [
      'the validator\'s roles[primary eq "True"] path',
      'User',
      message({ op: 'add', path: 'roles[primary eq "True"].display', value: 'Head' }),
      /with the text "True"/,
      (result) => expect(result.document['roles']).toEqual([{ primary: true, display: 'Head' }]),
    ],
    [
      "Okta's group rename that repeats the group's own id",
      'Group',
      message({ op: 'replace', value: { id: GROUP_ID, displayName: 'Sales' } }),
      /attribute "id" is read-only/,
      (result) => expect(result.document['displayName']).toBe('Sales'),
    ],
    [
      'OneLogin\'s "id": null in a no-path value',
      'User',
      message({ op: 'replace', value: { id: null, title: 'Boss' } }),
      /attribute "id" is read-only/,
      (result) => expect(result.document['title']).toBe('Boss'),
    ],
  ];

  it.each(cases)('%s', (_name, resourceType, body, refusal, check) => {
    const document: JsonObject =
      resourceType === 'User' ? { ...USER, name: { givenName: 'B' } } : { displayName: 'Old' };
    expect(catchScimError(() => patch(resourceType, document, body)).detail).toMatch(refusal);
    check(throughTheEdge(resourceType, document, body));
  });

  it('Entra\'s SCIM_Null_Update: "" is a value to the core, "unassign" through the edge', () => {
    const document = { ...USER, name: { givenName: 'B', familyName: 'J' } };
    const body = message({ op: 'replace', path: 'name.givenName', value: '' });
    expect(patch('User', document, body).document['name']).toEqual({ givenName: '', familyName: 'J' });
    expect(throughTheEdge('User', document, body).document['name']).toEqual({ familyName: 'J' });
  });
});

describe('POST/PUT bodies and filters: refused by the core alone, accepted through the client dialects', () => {
  it('OneLogin\'s "active": "true"', () => {
    const body = { userName: 'bjensen', active: 'true' };
    expect(catchScimError(() => normalizeResourceInput(body, 'User', registry)).detail).toMatch(/must be a boolean/);
    expect(normalizeResourceInput(normalizeResourceBody(body, 'User', registry), 'User', registry).document).toEqual({
      userName: 'bjensen',
      active: true,
    });
  });

  it("Entra's unquoted filter value and its emails[...].value eq form", () => {
    for (const text of ['externalId eq jyoung', 'emails[type eq "work"].value eq "a@b.c"', 'active eq "True"']) {
      expect(catchScimError(() => resolveFilter(parseFilter(text), 'User', registry)).scimType).toBe('invalidFilter');
      expect(resolveFilter(parseFilter(normalizeFilter(text, ['User'], registry)), 'User', registry)).toBeDefined();
    }
  });
});
