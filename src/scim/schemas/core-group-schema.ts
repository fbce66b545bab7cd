/**
 * The core Group schema, `urn:ietf:params:scim:schemas:core:2.0:Group` (RFC 7643 sections 4.2 and
 * 8.7.1), plus the common attributes `id`, `externalId` and `meta`.
 *
 * Two deliberate differences from the RFC's JSON, both stating what this service enforces:
 * `displayName` is `required: true` (the RFC's description says "REQUIRED") and
 * `uniqueness: server` (Okta and Entra match groups by name, so names are unique, case-insensitively).
 * `members.display` is listed as readOnly: the service fills it from the member's userName or
 * displayName.
 */
import { complexAttribute, deepFreeze, simpleAttribute } from './attribute-definition.js';
import { commonAttributes } from './common-attributes.js';
import type { AttributeDefinition, SchemaDefinition } from './types.js';
import { CORE_GROUP_SCHEMA } from './types.js';

function groupAttributes(): AttributeDefinition[] {
  const [id, externalId, meta] = commonAttributes() as [AttributeDefinition, AttributeDefinition, AttributeDefinition];
  return [
    id,
    externalId,
    simpleAttribute('displayName', 'string', 'A human-readable name for the Group. REQUIRED.', {
      required: true,
      uniqueness: 'server',
    }),
    complexAttribute(
      'members',
      'A list of members of the Group.',
      [
        simpleAttribute('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
        simpleAttribute(
          'display',
          'string',
          "A human-readable name, primarily used for display purposes: the member User's userName or the " +
            "member Group's displayName. READ-ONLY.",
          { mutability: 'readOnly' },
        ),
        simpleAttribute(
          '$ref',
          'reference',
          'The URI corresponding to a SCIM resource that is a member of this Group.',
          {
            mutability: 'immutable',
            referenceTypes: ['User', 'Group'],
          },
        ),
        simpleAttribute('type', 'string', "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
          mutability: 'immutable',
          canonicalValues: ['User', 'Group'],
        }),
      ],
      { multiValued: true },
    ),
    meta,
  ];
}

/** A fresh, frozen copy of the core Group schema. */
export function coreGroupSchema(): SchemaDefinition {
  return deepFreeze({
    id: CORE_GROUP_SCHEMA,
    name: 'Group',
    description: 'Group',
    attributes: groupAttributes(),
  });
}
