/**
 * Key/value settings (`scim_enabled`, secrets of the cursor codec...) as JSON text, and the field
 * mappings that feed the Library fields from SCIM attributes.
 */
import type { FieldMappingRepository, SettingsRepository } from '../store.js';
import { decodeJson, encodeJson } from './row-codec.js';
import type { SqlContext } from './sql-context.js';

export function createSettingsRepository(ctx: SqlContext): SettingsRepository {
  const { db } = ctx;
  return {
    async get(key) {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? decodeJson(row.value) : undefined;
    },

    async set(key, value) {
      const encoded = encodeJson(value);
      await db
        .insertInto('settings')
        .values({ key, value: encoded })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: encoded }))
        .execute();
    },

    async setIfAbsent(key, value) {
      await db
        .insertInto('settings')
        .values({ key, value: encodeJson(value) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      // A new statement: under READ COMMITTED it sees the row that won, whoever wrote it.
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return decodeJson(row.value);
    },
  };
}

export function createFieldMappingRepository(ctx: SqlContext): FieldMappingRepository {
  const { db } = ctx;
  return {
    async list() {
      const rows = await db.selectFrom('field_mappings').select(['field', 'scim_path']).orderBy('field').execute();
      return rows.map((row) => ({ field: row.field, scimPath: row.scim_path }));
    },

    async set(mapping) {
      await db
        .insertInto('field_mappings')
        .values({ field: mapping.field, scim_path: mapping.scimPath })
        .onConflict((oc) => oc.column('field').doUpdateSet({ scim_path: mapping.scimPath }))
        .execute();
    },
  };
}
