/**
 * The schema registry and field mappings in force, built from the custom attributes and mapping
 * overrides stored in the database. Each replica caches them for a short time, so that an
 * attribute added through any replica appears everywhere within `ttlMs`.
 */
import { createSchemaRegistry } from '../scim/schemas/schema-registry.js';
import type { CustomAttributeDefinition, SchemaRegistry } from '../scim/schemas/types.js';
import type { CustomAttributeRecord, Store } from '../store/store.js';
import { effectiveMappings } from './library-fields.js';

export interface SchemaSnapshot {
  registry: SchemaRegistry;
  mappings: Map<string, string>;
  customAttributes: CustomAttributeRecord[];
}

export class SchemaCatalog {
  private snapshot: { value: SchemaSnapshot; at: number } | undefined;
  private loading: Promise<SchemaSnapshot> | undefined;

  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async current(): Promise<SchemaSnapshot> {
    const now = Date.now();
    if (this.snapshot && now - this.snapshot.at < this.ttlMs) return this.snapshot.value;
    if (!this.loading) {
      this.loading = this.load().finally(() => {
        this.loading = undefined;
      });
    }
    return this.loading;
  }

  /** Forget the cached snapshot (after this replica changed attributes or mappings). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  private async load(): Promise<SchemaSnapshot> {
    const { customAttributes, stored } = await this.store.read(async (session) => ({
      customAttributes: await session.schemaAttributes.list(),
      stored: await session.fieldMappings.list(),
    }));
    const registry = createSchemaRegistry(customAttributes.map(toDefinition));
    const value: SchemaSnapshot = { registry, mappings: effectiveMappings(stored), customAttributes };
    this.snapshot = { value, at: Date.now() };
    return value;
  }
}

export function toDefinition(record: CustomAttributeRecord): CustomAttributeDefinition {
  return {
    schema: record.schema,
    resourceType: record.resourceType,
    name: record.name,
    type: record.type,
    multiValued: record.multiValued,
    caseExact: record.caseExact,
    description: record.description,
  };
}
