/**
 * The shared implementation of `StoreSession` over Kysely, used by both the SQLite and the
 * PostgreSQL store. A session is a set of repositories bound to one connection or transaction;
 * the stores decide how transactions are taken (sqlite-store.ts, postgres-store.ts).
 */
import type { Kysely } from 'kysely';
import type { StoreSession } from '../store.js';
import { createActivityRepository } from './activity-repository.js';
import { createAdminAccountRepository } from './admin-account-repository.js';
import { createGroupRepository } from './group-repository.js';
import { createMembershipRepository } from './membership-repository.js';
import { createSchemaAttributeRepository } from './schema-attribute-repository.js';
import { createFieldMappingRepository, createSettingsRepository } from './settings-repository.js';
import type { SqlContext } from './sql-context.js';
import type { SqlDialect } from './sql-dialect.js';
import type { Database } from './tables.js';
import { createTokenRepository } from './token-repository.js';
import { createUserRepository } from './user-repository.js';

export type { SqlContext } from './sql-context.js';

export function createStoreSession(ctx: SqlContext): StoreSession {
  return {
    users: createUserRepository(ctx),
    groups: createGroupRepository(ctx),
    members: createMembershipRepository(ctx),
    tokens: createTokenRepository(ctx),
    settings: createSettingsRepository(ctx),
    schemaAttributes: createSchemaAttributeRepository(ctx),
    fieldMappings: createFieldMappingRepository(ctx),
    activity: createActivityRepository(ctx),
    adminAccounts: createAdminAccountRepository(ctx),
  };
}

/** A session for reads: no transaction, no row locks. */
export function createReadSession(db: Kysely<Database>, dialect: SqlDialect): StoreSession {
  return createStoreSession({ db, dialect, lockRows: false });
}

/** A session inside a write transaction; where the dialect needs it, reads of single users and groups lock the row. */
export function createWriteSession(db: Kysely<Database>, dialect: SqlDialect): StoreSession {
  return createStoreSession({ db, dialect, lockRows: dialect.lockRowsInWrites });
}
