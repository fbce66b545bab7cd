/**
 * The relational layout shared by the SQLite and PostgreSQL stores, as Kysely table types.
 *
 * Conventions (both dialects):
 * - Timestamps are ISO 8601 strings with milliseconds in UTC (`2026-11-28T21:48:01.123Z`), so
 *   that they sort and compare as text the same way in both databases.
 * - `*_key` columns hold the case-folded (`String.prototype.toLowerCase()`) value computed in
 *   JavaScript; they carry the unique indexes and serve case-insensitive filters.
 * - `resource` is the SCIM document: TEXT holding JSON in SQLite, JSONB in PostgreSQL.
 * - Booleans are INTEGER 0/1 in SQLite and BOOLEAN in PostgreSQL.
 */
import type { Generated } from 'kysely';

/** Table names, in one place, because the filter compiler writes SQL against them. */
export const TABLE = {
  users: 'users',
  groups: 'user_groups',
  members: 'group_members',
  tokens: 'tokens',
  settings: 'settings',
  schemaAttributes: 'schema_attributes',
  fieldMappings: 'field_mappings',
  activity: 'activity',
} as const;

export interface UsersTable {
  seq: Generated<number>;
  id: string;
  user_name: string;
  user_name_key: string;
  external_id: string | null;
  display_name: string | null;
  active: number | boolean;
  /** Library field "Email Address": the primary email, else the work one, else the first. */
  email: string | null;
  email_key: string | null;
  full_name: string | null;
  trust_id: string | null;
  distinguished_name: string | null;
  resource: string | object;
  version: number;
  created: string;
  last_modified: string;
  deleted_at: string | null;
}

export interface UserGroupsTable {
  seq: Generated<number>;
  id: string;
  display_name: string;
  display_name_key: string;
  external_id: string | null;
  distinguished_name: string | null;
  resource: string | object;
  version: number;
  created: string;
  last_modified: string;
}

export interface GroupMembersTable {
  group_id: string;
  member_id: string;
  member_type: 'User' | 'Group';
}

export interface TokensTable {
  id: string;
  name: string;
  hash: string;
  prefix: string;
  created: string;
  expires: string | null;
  last_used: string | null;
  revoked: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SchemaAttributesTable {
  id: string;
  resource_type: string;
  schema_urn: string;
  name: string;
  /** `${schema_urn.toLowerCase()}:${name.toLowerCase()}`, unique. */
  name_key: string;
  type: string;
  multi_valued: number | boolean;
  case_exact: number | boolean;
  description: string;
  created: string;
}

export interface FieldMappingsTable {
  field: string;
  scim_path: string;
}

export interface ActivityTable {
  id: Generated<number>;
  at: string;
  request_id: string;
  token_id: string | null;
  token_name: string | null;
  client: string;
  method: string;
  path: string;
  status: number;
  scim_type: string | null;
  detail: string | null;
  resource_type: string | null;
  resource_id: string | null;
  summary: string | null;
  request_body: string | null;
  duration_ms: number;
}

export interface Database {
  users: UsersTable;
  user_groups: UserGroupsTable;
  group_members: GroupMembersTable;
  tokens: TokensTable;
  settings: SettingsTable;
  schema_attributes: SchemaAttributesTable;
  field_mappings: FieldMappingsTable;
  activity: ActivityTable;
}
