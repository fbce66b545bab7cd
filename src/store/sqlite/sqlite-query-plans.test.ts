/**
 * The SQLite statements behind hot SCIM paths must search indexes, never scan the users, groups or
 * memberships tables. A regression once made every member check scan all users: the planner
 * preferred the live-user index to the id index for `id IN (json_each(...))`. Each statement the
 * store runs is captured and its plan read with EXPLAIN QUERY PLAN on the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilter } from '../../scim/filter/filter-parser.js';
import { resolveFilter } from '../../scim/filter/filter-resolver.js';
import { createSchemaRegistry } from '../../scim/schemas/schema-registry.js';
import { createWriteSession } from '../sql/kysely-store.js';
import { migrateToLatest } from '../sql/migrations.js';
import { SQLITE_DIALECT } from './sqlite-dialect.js';
import type { Database } from '../sql/tables.js';
import type { StoreSession } from '../store.js';

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

let folder: string;
let database: Sqlite.Database;
let db: Kysely<Database>;
let captured: Captured[] = [];
let session: StoreSession;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'library-plans-'));
  database = new Sqlite(join(folder, 'plans.db'));
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  await migrateToLatest(db, SQLITE_DIALECT);
  session = createWriteSession(db, SQLITE_DIALECT);
});

afterAll(async () => {
  await db.destroy();
  rmSync(folder, { recursive: true, force: true });
});

/** The plan lines of every statement run by `work`. */
async function plansOf(work: () => Promise<unknown>): Promise<string[]> {
  captured = [];
  await work();
  const statements = captured.filter((statement) => /^\s*(select|with|delete|update|insert)/i.test(statement.sql));
  expect(statements.length).toBeGreaterThan(0);
  return statements.flatMap((statement) =>
    (
      database.prepare(`explain query plan ${statement.sql}`).all(...(statement.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((row) => row.detail),
  );
}

const FULL_SCAN =
  /^SCAN (users|user_groups|group_members|u|g|m|t)\b(?! USING COVERING INDEX sqlite_autoindex_group_members)/;
/** Walking the live-user index with no other key is a scan of every user in disguise. */
const LIVE_USER_WALK = /USING (COVERING )?INDEX users_deleted_at_seq_idx \(deleted_at=\?\)$/;

describe('SQLite query plans of hot paths', () => {
  const registry = createSchemaRegistry();
  const ids = Array.from({ length: 50 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`);

  it.each([
    ['member type resolution', () => session.members.resolveTypes(ids)],
    ['existing-member lookup', () => session.members.typesOf('group-1', ids)],
    ['user by id', () => session.users.get(ids[0] ?? '')],
    ['user by userName', () => session.users.getByUserName('jdoe@example.com')],
    [
      'userName filter with its count',
      () =>
        session.users.list({
          filter: resolveFilter(parseFilter('userName eq "jdoe@example.com"'), 'User', registry),
          limit: 10,
        }),
    ],
    [
      'externalId filter with its count',
      () =>
        session.users.list({ filter: resolveFilter(parseFilter('externalId eq "e-1"'), 'User', registry), limit: 10 }),
    ],

    [
      'group by displayName filter',
      () =>
        session.groups.list({
          filter: resolveFilter(parseFilter('displayName eq "Engineering"'), 'Group', registry),
          limit: 10,
        }),
    ],
    ['members of a group, keyset page', () => session.members.list('group-1', { afterMemberId: ids[3], limit: 100 })],
    ["a user's groups", () => session.users.groupsOf(ids.slice(0, 10))],
  ] as const)('%s searches indexes only', async (_name, work) => {
    const plans = await plansOf(work);
    expect(plans.filter((line) => FULL_SCAN.test(line) || LIVE_USER_WALK.test(line))).toEqual([]);
  });

  it.each([
    ['the default user page with its count', () => session.users.list({ limit: 100 })],
    ['a keyset (cursor) user page', () => session.users.list({ limit: 100, afterSeq: 5000, withoutTotal: true })],
  ] as const)('%s walks the live-user index, not the table', async (_name, work) => {
    const plans = await plansOf(work);
    expect(plans.filter((line) => FULL_SCAN.test(line))).toEqual([]);
    expect(plans.some((line) => /users_deleted_at_seq_idx/.test(line))).toBe(true);
  });
});
