/**
 * RFC 7643 section 6 resource types. User comes first: some clients (the Microsoft validator,
 * scim2-tester) assume it.
 */
import type { ResourceTypeDefinition } from './types.js';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  STRATEGY_GROUP_SCHEMA,
  STRATEGY_USER_SCHEMA,
} from './types.js';

/** Fresh definitions on every call (the registry appends admin-defined extensions to its copy). */
export function builtInResourceTypes(): [ResourceTypeDefinition, ResourceTypeDefinition] {
  return [
    {
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: CORE_USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: STRATEGY_USER_SCHEMA, required: false },
      ],
    },
    {
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: CORE_GROUP_SCHEMA,
      schemaExtensions: [{ schema: STRATEGY_GROUP_SCHEMA, required: false }],
    },
  ];
}
