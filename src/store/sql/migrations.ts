/**
 * The one migration history of both databases. Each migration is written once against a
 * `SqlDialect`'s `columns`, which name the few column types that differ (JSON, booleans, the
 * auto-increment key, text collation), and runs through Kysely's `Migrator` with a static
 * provider, so that the history ships inside the build.
 *
 * Concurrency: on PostgreSQL, Kysely's Migrator holds a session advisory lock and runs the
 * pending migrations in one transaction, so replicas that start together apply each migration
 * once. On SQLite the caller runs the Migrator inside `BEGIN IMMEDIATE` (see sqlite-store.ts):
 * the second process waits for the write lock and then finds nothing left to do.
 */
import { createAdminTables } from './admin-account-repository.js';
import { Migrator, sql } from 'kysely';
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { ColumnTypes, SqlDialect } from './sql-dialect.js';
import type { Database } from './tables.js';

type Table = CreateTableBuilder<string, string>;

function resourceColumns(table: Table, d: ColumnTypes): Table {
  return table
    .addColumn('resource', d.json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created', d.text, (c) => c.notNull())
    .addColumn('last_modified', d.text, (c) => c.notNull());
}

async function createUsers(db: Kysely<unknown>, d: ColumnTypes): Promise<void> {
  let users = db.schema
    .createTable('users')
    .addColumn('seq', d.identityType, d.identity)
    .addColumn('id', d.text, (c) => c.notNull())
    .addColumn('user_name', d.text, (c) => c.notNull())
    .addColumn('user_name_key', d.text, (c) => c.notNull())
    .addColumn('external_id', d.text)
    .addColumn('display_name', d.text)
    .addColumn('active', d.boolean, (c) => c.notNull())
    .addColumn('email', d.text)
    .addColumn('email_key', d.text)
    .addColumn('full_name', d.text)
    .addColumn('trust_id', d.text)
    .addColumn('distinguished_name', d.text);
  users = resourceColumns(users, d).addColumn('deleted_at', d.text);
  await users.execute();
  await db.schema.createIndex('users_id_uq').unique().on('users').column('id').execute();
  await db.schema.createIndex('users_user_name_key_uq').unique().on('users').column('user_name_key').execute();
  await db.schema.createIndex('users_external_id_idx').on('users').column('external_id').execute();
  await db.schema.createIndex('users_email_key_idx').on('users').column('email_key').execute();
  await db.schema.createIndex('users_last_modified_idx').on('users').column('last_modified').execute();
  await db.schema.createIndex('users_created_idx').on('users').column('created').execute();
  // Serves the default list order and its COUNT(*): live users by seq, without reading documents.
  await db.schema.createIndex('users_deleted_at_seq_idx').on('users').columns(['deleted_at', 'seq']).execute();
}

async function createGroups(db: Kysely<unknown>, d: ColumnTypes): Promise<void> {
  const groups = db.schema
    .createTable('user_groups')
    .addColumn('seq', d.identityType, d.identity)
    .addColumn('id', d.text, (c) => c.notNull())
    .addColumn('display_name', d.text, (c) => c.notNull())
    .addColumn('display_name_key', d.text, (c) => c.notNull())
    .addColumn('external_id', d.text)
    .addColumn('distinguished_name', d.text);
  await resourceColumns(groups, d).execute();
  await db.schema.createIndex('user_groups_id_uq').unique().on('user_groups').column('id').execute();
  await db.schema
    .createIndex('user_groups_display_name_key_uq')
    .unique()
    .on('user_groups')
    .column('display_name_key')
    .execute();
  await db.schema.createIndex('user_groups_external_id_idx').on('user_groups').column('external_id').execute();
  await db.schema.createIndex('user_groups_last_modified_idx').on('user_groups').column('last_modified').execute();
  await db.schema.createIndex('user_groups_created_idx').on('user_groups').column('created').execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', d.text, (c) => c.notNull())
    .addColumn('member_id', d.text, (c) => c.notNull())
    .addColumn('member_type', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
    .addForeignKeyConstraint('group_members_group_fk', ['group_id'], 'user_groups', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('group_members_type_ck', sql`member_type in ('User', 'Group')`)
    .execute();
  await db.schema.createIndex('group_members_member_id_idx').on('group_members').column('member_id').execute();
}

async function createAdministration(db: Kysely<unknown>, d: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('tokens')
    .addColumn('id', d.text, (c) => c.notNull())
    .addColumn('name', d.text, (c) => c.notNull())
    .addColumn('hash', d.text, (c) => c.notNull())
    .addColumn('prefix', d.text, (c) => c.notNull())
    .addColumn('created', d.text, (c) => c.notNull())
    .addColumn('expires', d.text)
    .addColumn('last_used', d.text)
    .addColumn('revoked', d.text)
    .addPrimaryKeyConstraint('tokens_pk', ['id'])
    .execute();
  await db.schema.createIndex('tokens_hash_uq').unique().on('tokens').column('hash').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', d.text, (c) => c.notNull())
    .addColumn('value', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('settings_pk', ['key'])
    .execute();

  await db.schema
    .createTable('schema_attributes')
    .addColumn('id', d.text, (c) => c.notNull())
    .addColumn('resource_type', d.text, (c) => c.notNull())
    .addColumn('schema_urn', d.text, (c) => c.notNull())
    .addColumn('name', d.text, (c) => c.notNull())
    .addColumn('name_key', d.text, (c) => c.notNull())
    .addColumn('type', d.text, (c) => c.notNull())
    .addColumn('multi_valued', d.boolean, (c) => c.notNull())
    .addColumn('case_exact', d.boolean, (c) => c.notNull())
    .addColumn('description', d.text, (c) => c.notNull())
    .addColumn('created', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('schema_attributes_pk', ['id'])
    .execute();
  await db.schema
    .createIndex('schema_attributes_name_key_uq')
    .unique()
    .on('schema_attributes')
    .column('name_key')
    .execute();

  await db.schema
    .createTable('field_mappings')
    .addColumn('field', d.text, (c) => c.notNull())
    .addColumn('scim_path', d.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('field_mappings_pk', ['field'])
    .execute();
}

async function createActivity(db: Kysely<unknown>, d: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('activity')
    .addColumn('id', d.identityType, d.identity)
    .addColumn('at', d.text, (c) => c.notNull())
    .addColumn('request_id', d.text, (c) => c.notNull())
    .addColumn('token_id', d.text)
    .addColumn('token_name', d.text)
    .addColumn('client', d.text, (c) => c.notNull())
    .addColumn('method', d.text, (c) => c.notNull())
    .addColumn('path', d.text, (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('scim_type', d.text)
    .addColumn('detail', d.text)
    .addColumn('resource_type', d.text)
    .addColumn('resource_id', d.text)
    .addColumn('summary', d.text)
    .addColumn('request_body', d.text)
    .addColumn('duration_ms', d.real, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_at_idx').on('activity').column('at').execute();
  await db.schema
    .createIndex('activity_resource_idx')
    .on('activity')
    .columns(['resource_type', 'resource_id'])
    .execute();
}

/**
 * Every migration, keyed by a name that sorts in the order they run. Never edit or rename a
 * migration that has shipped; add a new one.
 */
export function storeMigrations(d: ColumnTypes): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>): Promise<void> {
        await createUsers(db, d);
        await createGroups(db, d);
        await createAdministration(db, d);
        await createActivity(db, d);
      },
    },
    '0002_admin_accounts': {
      async up(db: Kysely<unknown>): Promise<void> {
        await createAdminTables(db, d);
      },
    },
  };
}

export interface MigrateOptions {
  /** PostgreSQL schema of Kysely's bookkeeping tables; the store's own schema. */
  migrationTableSchema?: string | undefined;
}

/** Applies the pending migrations; throws an Error saying which one failed and why. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: SqlDialect,
  options: MigrateOptions = {},
): Promise<string[]> {
  const migrations = storeMigrations(dialect.columns);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(options.migrationTableSchema !== undefined ? { migrationTableSchema: options.migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    const which = failed === undefined ? 'Database migration' : `Database migration ${failed}`;
    throw new Error(
      `${which} failed: ${reason}. The database was left at the last migration that succeeded; fix the cause and run the migration again.`,
      { cause: error },
    );
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
