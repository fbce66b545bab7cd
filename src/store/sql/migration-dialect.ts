/**
 * The few column types that differ between SQLite and PostgreSQL, for the migrations.
 */
import { sql } from 'kysely';
import type { ColumnDataType, ColumnDefinitionBuilder, Expression } from 'kysely';
import type { StoreDialect } from '../store.js';

export type DataTypeExpression = ColumnDataType | Expression<unknown>;

/** The column types that differ between SQLite and PostgreSQL. */
export interface MigrationDialect {
  readonly name: StoreDialect;
  /** Text compared byte-wise in both databases: PostgreSQL `text COLLATE "C"`, SQLite `text`. */
  readonly text: DataTypeExpression;
  /** The SCIM document: JSONB in PostgreSQL, TEXT holding JSON in SQLite. */
  readonly json: DataTypeExpression;
  readonly boolean: DataTypeExpression;
  /** Numbers that may be fractional (durations). */
  readonly real: DataTypeExpression;
  /** The monotonic key: `bigint generated always as identity` / `integer primary key autoincrement`. */
  readonly identity: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  readonly identityType: DataTypeExpression;
}

export const SQLITE_MIGRATION_DIALECT: MigrationDialect = {
  name: 'sqlite',
  text: 'text',
  json: 'text',
  boolean: 'integer',
  real: 'real',
  identity: (column) => column.primaryKey().autoIncrement(),
  identityType: 'integer',
};

export const POSTGRES_MIGRATION_DIALECT: MigrationDialect = {
  name: 'postgres',
  text: sql`text collate "C"`,
  json: 'jsonb',
  boolean: 'boolean',
  real: 'double precision',
  identity: (column) => column.primaryKey().generatedAlwaysAsIdentity(),
  identityType: 'bigint',
};

export function migrationDialect(dialect: StoreDialect): MigrationDialect {
  return dialect === 'sqlite' ? SQLITE_MIGRATION_DIALECT : POSTGRES_MIGRATION_DIALECT;
}
