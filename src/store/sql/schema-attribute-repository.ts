/**
 * Custom attributes added by an admin in the console. A schema cannot have two attributes whose
 * names differ only in case (`name_key` is unique).
 */
import type { Selectable } from 'kysely';
import type { CustomAttributeRecord, SchemaAttributeRepository } from '../store.js';
import { decodeBoolean } from './row-codec.js';
import type { SqlContext } from './sql-context.js';
import { conflictError, mappingConflicts } from './store-errors.js';
import type { SchemaAttributesTable } from './tables.js';

const RESOURCE_TYPES: readonly string[] = ['User', 'Group'];
const TYPES: readonly string[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'];

function toAttributeRecord(row: Selectable<SchemaAttributesTable>): CustomAttributeRecord {
  if (!RESOURCE_TYPES.includes(row.resource_type) || !TYPES.includes(row.type)) {
    throw new Error(`Custom attribute ${row.id} has an unknown resource type or type; the database row is corrupt.`);
  }
  return {
    id: row.id,
    resourceType: row.resource_type as CustomAttributeRecord['resourceType'],
    schema: row.schema_urn,
    name: row.name,
    type: row.type as CustomAttributeRecord['type'],
    multiValued: decodeBoolean(row.multi_valued),
    caseExact: decodeBoolean(row.case_exact),
    description: row.description,
    created: row.created,
  };
}

export function schemaAttributeKey(schema: string, name: string): string {
  return `${schema.toLowerCase()}:${name.toLowerCase()}`;
}

export function createSchemaAttributeRepository(ctx: SqlContext): SchemaAttributeRepository {
  const { db } = ctx;
  return {
    async list() {
      const rows = await db.selectFrom('schema_attributes').selectAll().orderBy('created').orderBy('id').execute();
      return rows.map(toAttributeRecord);
    },

    async insert(attribute) {
      const nameKey = schemaAttributeKey(attribute.schema, attribute.name);
      const inserted = await mappingConflicts(() =>
        db
          .insertInto('schema_attributes')
          .values({
            id: attribute.id,
            resource_type: attribute.resourceType,
            schema_urn: attribute.schema,
            name: attribute.name,
            name_key: nameKey,
            type: attribute.type,
            multi_valued: ctx.dialect.encodeBoolean(attribute.multiValued),
            case_exact: ctx.dialect.encodeBoolean(attribute.caseExact),
            description: attribute.description,
            created: attribute.created,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst(),
      );
      if (inserted) return;
      const sameName = await db
        .selectFrom('schema_attributes')
        .select('id')
        .where('name_key', '=', nameKey)
        .executeTakeFirst();
      if (sameName) {
        throw conflictError(
          'customAttribute',
          `The schema ${attribute.schema} already has an attribute named "${attribute.name}" (names are unique, ignoring case).`,
        );
      }
      throw conflictError('id', `A custom attribute with id "${attribute.id}" already exists.`);
    },

    async delete(id) {
      const result = await db.deleteFrom('schema_attributes').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
