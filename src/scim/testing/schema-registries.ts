/** Schema registries the unit tests share. */
import { createSchemaRegistry } from '../schemas/schema-registry.js';
import { STRATEGY_USER_SCHEMA, type SchemaRegistry } from '../schemas/types.js';

/** The built-in schemas plus one custom boolean, `contractor`, in the Strategy User extension. */
export function registryWithContractor(): SchemaRegistry {
  return createSchemaRegistry([
    {
      schema: STRATEGY_USER_SCHEMA,
      resourceType: 'User',
      name: 'contractor',
      type: 'boolean',
      multiValued: false,
      caseExact: false,
      description: '',
    },
  ]);
}
