/**
 * Seed data for the bench, written straight into a database that the server itself migrated
 * (`library-scim db migrate`), so that a million users take seconds instead of a million POSTs.
 *
 * LAYOUT NOTE: the rows below follow the table layout of `src/store/sql/tables.ts` and
 * `src/store/sql/migrations.ts` (users, user_groups, group_members) and the values the server
 * itself derives on a write (`*_key` columns lower-cased, the Library fields of
 * `src/directory/library-fields.ts`: full_name = displayName, email = the primary email,
 * trust_id = userName; the `resource` document without id, schemas and meta, as the server stores
 * it). When a migration changes those tables, change this module and bump `SEED_LAYOUT_VERSION`
 * (it is part of the SQLite cache key, with the migration count).
 *
 * The data is deterministic: user n has the id `benchUserId(n)`, userName `user<n>@example.com`
 * and the work email `bench.user<n>@work.example.com`; the scenarios build requests from n.
 * Both dialects generate the rows inside the database (a recursive CTE in SQLite,
 * `generate_series` in PostgreSQL), not row by row from JavaScript.
 */
import Database from 'better-sqlite3';
import type pg from 'pg';

export const SEED_LAYOUT_VERSION = 1;

/** Small groups of 10 members (users 0..TEAM_COUNT*10-1) that `GET /Groups?count=100` lists. */
export const TEAM_COUNT = 200;
export const TEAM_SIZE = 10;
/** The groups whose member changes are measured have group numbers from here on. */
const MEASURED_GROUP_BASE = 1000;

export interface SeedPlan {
  users: number;
  /** Member counts of the measured groups (members are users 0..size-1). */
  groupSizes: readonly number[];
}

export interface MeasuredGroup {
  size: number;
  id: string;
  displayName: string;
}

const pad12 = (n: number): string => String(n).padStart(12, '0');

export function benchUserId(n: number): string {
  return `00000000-0000-4000-8000-${pad12(n)}`;
}

export function benchGroupId(n: number): string {
  return `00000000-0000-4000-9000-${pad12(n)}`;
}

export const benchUserName = (n: number): string => `user${n}@example.com`;
export const benchWorkEmail = (n: number): string => `bench.user${n}@work.example.com`;

/** The SCIM body a client would send for user n (and what the seed stores as its document). */
export function benchUserDocument(n: number): Record<string, unknown> {
  return {
    userName: benchUserName(n),
    externalId: `ext-${n}`,
    name: { givenName: 'Bench', familyName: `User${n}`, formatted: `Bench User ${n}` },
    displayName: `Bench User ${n}`,
    emails: [{ value: benchWorkEmail(n), type: 'work', primary: true }],
    active: true,
  };
}

export function measuredGroups(plan: SeedPlan): MeasuredGroup[] {
  return plan.groupSizes.map((size, index) => ({
    size,
    id: benchGroupId(MEASURED_GROUP_BASE + index),
    displayName: `bench-members-${size}`,
  }));
}

/** Users that no measured group or team holds: the pool that member changes draw from. */
export function memberPool(plan: SeedPlan): { from: number; to: number } {
  const from = Math.max(TEAM_COUNT * TEAM_SIZE, ...plan.groupSizes);
  if (from >= plan.users) throw new Error(`--users ${plan.users} leaves no user outside the seeded groups.`);
  return { from, to: plan.users };
}

function checkPlan(plan: SeedPlan): void {
  const largest = Math.max(TEAM_COUNT * TEAM_SIZE, ...plan.groupSizes);
  if (!Number.isInteger(plan.users) || plan.users <= largest) {
    throw new Error(`The bench needs more users than its largest group (${largest}); got ${plan.users}.`);
  }
}

interface GroupRow {
  n: number;
  id: string;
  displayName: string;
  members: number;
  firstMember: number;
}

function groupRows(plan: SeedPlan): GroupRow[] {
  const teams = Array.from({ length: TEAM_COUNT }, (_, k) => ({
    n: k,
    id: benchGroupId(k),
    displayName: `bench-team-${k}`,
    members: TEAM_SIZE,
    firstMember: k * TEAM_SIZE,
  }));
  const measured = measuredGroups(plan).map((group, index) => ({
    n: MEASURED_GROUP_BASE + index,
    id: group.id,
    displayName: group.displayName,
    members: group.size,
    firstMember: 0,
  }));
  return [...teams, ...measured];
}

/** Fills a migrated, empty SQLite file. */
export function seedSqlite(file: string, plan: SeedPlan): void {
  checkPlan(plan);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const at = new Date().toISOString();
    const work = db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
         INSERT INTO users (id, user_name, user_name_key, external_id, display_name, active, email, email_key,
           full_name, trust_id, distinguished_name, resource, version, created, last_modified, deleted_at)
         SELECT id, user_name, user_name, 'ext-' || n, display_name, 1, email, email, display_name, user_name, NULL,
           json_object('userName', user_name, 'externalId', 'ext-' || n,
             'name', json_object('givenName', 'Bench', 'familyName', 'User' || n, 'formatted', display_name),
             'displayName', display_name,
             'emails', json_array(json_object('value', email, 'type', 'work', 'primary', json('true'))),
             'active', json('true')),
           1, @at, @at, NULL
         FROM (SELECT n, '00000000-0000-4000-8000-' || printf('%012d', n) AS id, 'user' || n || '@example.com' AS user_name,
                 'Bench User ' || n AS display_name, 'bench.user' || n || '@work.example.com' AS email FROM seq)`,
      ).run(plan.users - 1, { at });
      const group = db.prepare(
        `INSERT INTO user_groups (id, display_name, display_name_key, external_id, distinguished_name, resource,
           version, created, last_modified)
         VALUES (@id, @name, lower(@name), @ext, NULL, json_object('displayName', @name, 'externalId', @ext), 1, @at, @at)`,
      );
      const members = db.prepare(
        `WITH RECURSIVE seq(n) AS (SELECT @first UNION ALL SELECT n + 1 FROM seq WHERE n < @last)
         INSERT INTO group_members (group_id, member_id, member_type)
         SELECT @id, '00000000-0000-4000-8000-' || printf('%012d', n), 'User' FROM seq`,
      );
      for (const row of groupRows(plan)) {
        group.run({ id: row.id, name: row.displayName, ext: `group-ext-${row.n}`, at });
        members.run({ id: row.id, first: row.firstMember, last: row.firstMember + row.members - 1 });
      }
    });
    work();
  } finally {
    db.close();
  }
}

/** The number of migrations applied to a SQLite file (Kysely's bookkeeping table). */
export function sqliteMigrationCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM kysely_migration').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Fills the migrated, empty tables of the client's current schema (search_path). */
export async function seedPostgres(client: pg.ClientBase, plan: SeedPlan): Promise<void> {
  checkPlan(plan);
  const at = new Date().toISOString();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO users (id, user_name, user_name_key, external_id, display_name, active, email, email_key,
         full_name, trust_id, distinguished_name, resource, version, created, last_modified, deleted_at)
       SELECT id, user_name, user_name, 'ext-' || n, display_name, true, email, email, display_name, user_name, NULL,
         jsonb_build_object('userName', user_name, 'externalId', 'ext-' || n,
           'name', jsonb_build_object('givenName', 'Bench', 'familyName', 'User' || n, 'formatted', display_name),
           'displayName', display_name,
           'emails', jsonb_build_array(jsonb_build_object('value', email, 'type', 'work', 'primary', true)),
           'active', true),
         1, $1, $1, NULL
       FROM (SELECT n, '00000000-0000-4000-8000-' || lpad(n::text, 12, '0') AS id, 'user' || n || '@example.com' AS user_name,
               'Bench User ' || n AS display_name, 'bench.user' || n || '@work.example.com' AS email
             FROM generate_series(0, $2::int - 1) AS n) AS generated`,
      [at, plan.users],
    );
    for (const row of groupRows(plan)) {
      await client.query(
        `INSERT INTO user_groups (id, display_name, display_name_key, external_id, distinguished_name, resource,
           version, created, last_modified)
         VALUES ($1, $2, lower($2), $3, NULL, jsonb_build_object('displayName', $2::text, 'externalId', $3::text), 1, $4, $4)`,
        [row.id, row.displayName, `group-ext-${row.n}`, at],
      );
      await client.query(
        `INSERT INTO group_members (group_id, member_id, member_type)
         SELECT $1, '00000000-0000-4000-8000-' || lpad(n::text, 12, '0'), 'User'
         FROM generate_series($2::int, $3::int) AS n`,
        [row.id, row.firstMember, row.firstMember + row.members - 1],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  // A directory of this size in production has been analysed by autovacuum long ago.
  await client.query('ANALYZE users, user_groups, group_members');
}
