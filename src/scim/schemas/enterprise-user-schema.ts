/**
 * The Enterprise User extension, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`
 * (RFC 7643 sections 4.3 and 8.7.1), with the RFC's descriptions.
 */
import { complexAttribute, deepFreeze, simpleAttribute } from './attribute-definition.js';
import type { SchemaDefinition } from './types.js';
import { ENTERPRISE_USER_SCHEMA } from './types.js';

/** A fresh, frozen copy of the Enterprise User extension schema. */
export function enterpriseUserSchema(): SchemaDefinition {
  const text = (name: string, description: string) => simpleAttribute(name, 'string', description);
  return deepFreeze({
    id: ENTERPRISE_USER_SCHEMA,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: [
      text(
        'employeeNumber',
        'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or ' +
          'association with an organization.',
      ),
      text('costCenter', 'Identifies the name of a cost center.'),
      text('organization', 'Identifies the name of an organization.'),
      text('division', 'Identifies the name of a division.'),
      text('department', 'Identifies the name of a department.'),
      complexAttribute(
        'manager',
        "The User's manager. A complex type that optionally allows service providers to represent " +
          "organizational hierarchy by referencing the 'id' attribute of another User.",
        [
          text('value', "The id of the SCIM resource representing the User's manager. REQUIRED."),
          simpleAttribute(
            '$ref',
            'reference',
            "The URI of the SCIM resource representing the User's manager. REQUIRED.",
            {
              referenceTypes: ['User'],
            },
          ),
          simpleAttribute('displayName', 'string', "The displayName of the User's manager. OPTIONAL and READ-ONLY.", {
            mutability: 'readOnly',
          }),
        ],
      ),
    ],
  });
}
