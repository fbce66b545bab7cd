/**
 * The Library's own extensions (product.md section 3): the LDAP distinguished name of a user or a
 * group in the Library directory. Custom attributes added in the admin console default to the
 * Strategy User extension and are merged into these schemas by the registry.
 */
import { deepFreeze, simpleAttribute } from './attribute-definition.js';
import type { SchemaDefinition } from './types.js';
import { STRATEGY_GROUP_SCHEMA, STRATEGY_USER_SCHEMA } from './types.js';

function distinguishedName(of: 'user' | 'group') {
  return simpleAttribute(
    'distinguishedName',
    'string',
    `The LDAP distinguished name of the ${of} in the Library directory, e.g. CN=J Doe,OU=Staff,DC=example,DC=com`,
  );
}

/** A fresh, frozen copy of `urn:ietf:params:scim:schemas:extension:Strategy:2.0:User`. */
export function strategyUserSchema(): SchemaDefinition {
  return deepFreeze({
    id: STRATEGY_USER_SCHEMA,
    name: 'StrategyUser',
    description: 'Library (Strategy) user extension: the fields of a Library user that the core schemas lack.',
    attributes: [distinguishedName('user')],
  });
}

/** A fresh, frozen copy of `urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group`. */
export function strategyGroupSchema(): SchemaDefinition {
  return deepFreeze({
    id: STRATEGY_GROUP_SCHEMA,
    name: 'StrategyGroup',
    description: 'Library (Strategy) group extension: the fields of a Library user group that the core schemas lack.',
    attributes: [distinguishedName('group')],
  });
}
