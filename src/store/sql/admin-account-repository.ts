/**
 * Admin accounts over Kysely, for SQLite and PostgreSQL: tables `admin_users` and `admin_sessions`.
 *
 * - `admin_users.username_key` is the lower-cased username, unique, so that "Alice" and "alice"
 *   are one admin.
 * - `admin_sessions.id_hash` is the hex SHA-256 of the session id (the primary key); the session
 *   id itself exists only in the admin's cookie. Deleting an admin deletes their sessions.
 *
 * `createAdminTables` is the migration; `createAdminAccountRepository` the repository bound to a
 * connection or transaction (wired into `StoreSession.adminAccounts`), and
 * `kyselyAdminAccountStore` a stand-alone `AdminAccountStore` over a Kysely instance.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AdminAccountRepository, AdminSessionRecord, AdminUserRecord } from '../admin-accounts.js';
import type { ColumnTypes, SqlDialect } from './sql-dialect.js';
import { toNumber } from './row-codec.js';
import { conflictError, mappingConflicts } from './store-errors.js';
import type { Database } from './tables.js';

export const ADMIN_TABLE = { users: 'admin_users', sessions: 'admin_sessions' } as const;

export interface AdminUsersTable {
  id: string;
  username: string;
  username_key: string;
  password_hash: string;
  created: string;
  password_changed: string;
  last_login: string | null;
  failed_logins: number;
  locked_until: string | null;
}

export interface AdminSessionsTable {
  id_hash: string;
  admin_id: string;
  created: string;
  last_seen: string;
  expires: string;
  user_agent: string | null;
}

// A type alias (not an interface) so that it satisfies `withTables`' index-signature constraint.
export type AdminTables = {
  admin_users: AdminUsersTable;
  admin_sessions: AdminSessionsTable;
};

/** The migration: both tables and their indexes. Run once, inside the store's migration history. */
export async function createAdminTables(db: Kysely<unknown>, d: ColumnTypes): Promise<void> {
  await db.schema
    .createTable(ADMIN_TABLE.users)
    .addColumn('id', d.text, (c) => c.notNull())
    .addColumn('username', d.text, (c) => c.notNull())
    .addColumn('username_key', d.text, (c) => c.notNull())
    .addColumn('password_hash', d.text, (c) => c.notNull())
    .addColumn('created', d.text, (c) => c.notNull())
    .addColumn('password_changed', d.text, (c) => c.notNull())
    .addColumn('last_login', d.text)
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', d.text)
    .addPrimaryKeyConstraint('admin_users_pk', ['id'])
    .execute();
  await db.schema
    .createIndex('admin_users_username_key_uq')
    .unique()
    .on(ADMIN_TABLE.users)
    .column('username_key')
    .execute();

  await db.schema
    .createTable(ADMIN_TABLE.sessions)
    .addColumn('id_hash', d.text, (c) => c.notNull())
    .addColumn('admin_id', d.text, (c) => c.notNull())
    .addColumn('created', d.text, (c) => c.notNull())
    .addColumn('last_seen', d.text, (c) => c.notNull())
    .addColumn('expires', d.text, (c) => c.notNull())
    .addColumn('user_agent', d.text)
    .addPrimaryKeyConstraint('admin_sessions_pk', ['id_hash'])
    .addForeignKeyConstraint('admin_sessions_admin_fk', ['admin_id'], ADMIN_TABLE.users, ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('admin_sessions_admin_id_idx').on(ADMIN_TABLE.sessions).column('admin_id').execute();
  await db.schema.createIndex('admin_sessions_expires_idx').on(ADMIN_TABLE.sessions).column('expires').execute();
}

function toAdmin(row: Selectable<AdminUsersTable>): AdminUserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    created: row.created,
    passwordChanged: row.password_changed,
    lastLogin: row.last_login,
    failedLogins: toNumber(row.failed_logins),
    lockedUntil: row.locked_until,
  };
}

function toSession(row: Selectable<AdminSessionsTable>): AdminSessionRecord {
  return {
    idHash: row.id_hash,
    adminId: row.admin_id,
    created: row.created,
    lastSeen: row.last_seen,
    expires: row.expires,
    userAgent: row.user_agent,
  };
}

/** The repository on one connection or transaction (the store's `SqlContext` fits). */
export function createAdminAccountRepository(ctx: {
  db: Kysely<Database>;
  dialect: SqlDialect;
}): AdminAccountRepository {
  const db = ctx.db.withTables<AdminTables>();

  return {
    async countAdmins() {
      const row = await db
        .selectFrom('admin_users')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
        .executeTakeFirstOrThrow();
      return toNumber(row.count);
    },

    async insertAdmin(admin) {
      const usernameKey = admin.username.toLowerCase();
      const inserted = await mappingConflicts(() =>
        db
          .insertInto('admin_users')
          .values({
            id: admin.id,
            username: admin.username,
            username_key: usernameKey,
            password_hash: admin.passwordHash,
            created: admin.created,
            password_changed: admin.passwordChanged,
            last_login: admin.lastLogin,
            failed_logins: admin.failedLogins,
            locked_until: admin.lockedUntil,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst(),
      );
      if (inserted) return;
      const taken = await db
        .selectFrom('admin_users')
        .select('id')
        .where('username_key', '=', usernameKey)
        .executeTakeFirst();
      if (taken)
        throw conflictError(
          'other',
          `An admin named "${admin.username}" already exists (admin names are unique, ignoring case).`,
        );
      throw conflictError('id', `An admin with id "${admin.id}" already exists.`);
    },

    async getAdmin(id) {
      const row = await db.selectFrom('admin_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAdmin(row) : undefined;
    },

    async getAdminByUsername(username) {
      const row = await db
        .selectFrom('admin_users')
        .selectAll()
        .where('username_key', '=', username.toLowerCase())
        .executeTakeFirst();
      return row ? toAdmin(row) : undefined;
    },

    async listAdmins() {
      const rows = await db.selectFrom('admin_users').selectAll().orderBy('created').orderBy('id').execute();
      return rows.map(toAdmin);
    },

    async setPassword(id, passwordHash, at) {
      const result = await db
        .updateTable('admin_users')
        .set({ password_hash: passwordHash, password_changed: at, failed_logins: 0, locked_until: null })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async recordFailedLogin(id, lockUntilFor) {
      // The increment locks the row, so concurrent failures count one by one; the lock is derived
      // from the count that this failure produced and never shortens an existing lock.
      const row = await db
        .updateTable('admin_users')
        .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
        .where('id', '=', id)
        .returning(['failed_logins', 'locked_until'])
        .executeTakeFirst();
      if (!row) return 0;
      const failures = toNumber(row.failed_logins);
      const lockedUntil = lockUntilFor(failures);
      if (lockedUntil !== null && (row.locked_until === null || lockedUntil > row.locked_until)) {
        await db.updateTable('admin_users').set({ locked_until: lockedUntil }).where('id', '=', id).execute();
      }
      return failures;
    },

    async recordLogin(id, at) {
      await db
        .updateTable('admin_users')
        .set({ last_login: at, failed_logins: 0, locked_until: null })
        .where('id', '=', id)
        .execute();
    },

    async insertSession(session) {
      await db
        .insertInto('admin_sessions')
        .values({
          id_hash: session.idHash,
          admin_id: session.adminId,
          created: session.created,
          last_seen: session.lastSeen,
          expires: session.expires,
          user_agent: session.userAgent,
        })
        .execute();
    },

    async getSession(idHash) {
      const row = await db.selectFrom('admin_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row ? toSession(row) : undefined;
    },

    async touchSession(idHash, lastSeen, expires) {
      await db
        .updateTable('admin_sessions')
        .set({ last_seen: lastSeen, expires })
        .where('id_hash', '=', idHash)
        .where('last_seen', '<', lastSeen)
        .execute();
    },

    async deleteSession(idHash) {
      const result = await db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async deleteSessionsOf(adminId) {
      const result = await db.deleteFrom('admin_sessions').where('admin_id', '=', adminId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async pruneSessions(before) {
      const result = await db.deleteFrom('admin_sessions').where('expires', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
