/**
 * The differential test of the filter compiler, shared by the SQLite and PostgreSQL test files:
 * for every case, the in-memory evaluator (the reference semantics) and the SQL compiled for the
 * dialect must return exactly the expected resources; sort keys must order rows as expected.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_CASES, GROUP_SORTS, type SortCase, USER_CASES, USER_SORTS } from './filter-sql-cases.js';
import {
  createFilterTables,
  fullGroup,
  fullUser,
  GROUPS,
  insertFixtures,
  registry,
  USERS,
} from './filter-sql-fixtures.js';
import { isScimError } from '../../src/scim/errors.js';
import { matchesFilter } from '../../src/scim/filter/filter-evaluator.js';
import { parseFilter } from '../../src/scim/filter/filter-parser.js';
import { resolveAttributePath, resolveFilter } from '../../src/scim/filter/filter-resolver.js';
import type { ResourceTypeName } from '../../src/scim/schemas/types.js';
import { compileFilter, compileSortKey } from '../../src/store/sql/filter-sql.js';
import type { Database } from '../../src/store/sql/tables.js';
import type { SqlDialect } from '../../src/store/sql/sql-dialect.js';

export interface TestDatabase {
  db: Kysely<Database>;
  close(): Promise<void>;
}

async function selectIds(
  db: Kysely<Database>,
  dialect: SqlDialect,
  resourceType: ResourceTypeName,
  filter: string,
): Promise<string[]> {
  const resolved = resolveFilter(parseFilter(filter), resourceType, registry);
  const where = compileFilter(resolved, { dialect, resourceType });
  const table = resourceType === 'User' ? 'users' : 'user_groups';
  const rows = await db.selectFrom(table).select('id').where(where).orderBy('seq').execute();
  return rows.map((row) => row.id);
}

function evaluatorIds(resourceType: ResourceTypeName, filter: string): string[] {
  const resolved = resolveFilter(parseFilter(filter), resourceType, registry);
  const documents = resourceType === 'User' ? USERS.map(fullUser) : GROUPS.map(fullGroup);
  return documents.filter((document) => matchesFilter(resolved, document)).map((document) => String(document.id));
}

async function sortedIds(
  db: Kysely<Database>,
  dialect: SqlDialect,
  resourceType: ResourceTypeName,
  sort: SortCase,
): Promise<string[]> {
  const attr = resolveAttributePath(sort.sortBy, resourceType, registry, 'invalidFilter');
  const key = compileSortKey(attr, { dialect, resourceType });
  const direction = sql.raw(sort.descending === true ? 'DESC' : 'ASC');
  const table = resourceType === 'User' ? 'users' : 'user_groups';
  const rows = await db
    .selectFrom(table)
    .select('id')
    .orderBy(sql`${key} ${direction} NULLS LAST`)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.id);
}

export function describeFilterDifferential(dialect: SqlDialect, open: () => Promise<TestDatabase>): void {
  let database: TestDatabase | undefined;
  const db = (): Kysely<Database> => {
    if (database === undefined) throw new Error('database not open');
    return database.db;
  };

  beforeAll(async () => {
    database = await open();
    await createFilterTables(database.db, dialect.name);
    await insertFixtures(database.db, dialect.name);
  });

  afterAll(async () => {
    await database?.close();
  });

  describe(`User filters (${dialect.name})`, () => {
    for (const testCase of USER_CASES) {
      it(testCase.filter, async () => {
        expect(evaluatorIds('User', testCase.filter)).toEqual(testCase.ids);
        expect(await selectIds(db(), dialect, 'User', testCase.filter)).toEqual(testCase.ids);
      });
    }
  });

  describe(`Group filters (${dialect.name})`, () => {
    for (const testCase of GROUP_CASES) {
      it(testCase.filter, async () => {
        expect(evaluatorIds('Group', testCase.filter)).toEqual(testCase.ids);
        expect(await selectIds(db(), dialect, 'Group', testCase.filter)).toEqual(testCase.ids);
      });
    }
  });

  describe(`sort keys (${dialect.name})`, () => {
    for (const sort of USER_SORTS) {
      it(`Users by ${sort.sortBy}${sort.descending === true ? ' descending' : ''}`, async () => {
        expect(await sortedIds(db(), dialect, 'User', sort)).toEqual(sort.ids);
      });
    }
    for (const sort of GROUP_SORTS) {
      it(`Groups by ${sort.sortBy}${sort.descending === true ? ' descending' : ''}`, async () => {
        expect(await sortedIds(db(), dialect, 'Group', sort)).toEqual(sort.ids);
      });
    }
  });

  describe(`limits and safety (${dialect.name})`, () => {
    it('runs a 600-term or-chain (balanced, below SQLite expression depth limits)', async () => {
      const terms = Array.from({ length: 600 }, (_, i) => `id eq "x${i}"`);
      terms.splice(300, 0, 'id eq "u7"');
      expect(await selectIds(db(), dialect, 'User', terms.join(' or '))).toEqual(['u7']);
    });

    it('keeps an injection attempt a plain value', async () => {
      expect(await selectIds(db(), dialect, 'User', 'title eq "x\' OR 1=1; DROP TABLE users; --"')).toEqual([]);
      const count = await db()
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(USERS.length);
    });

    it.each([
      ['User', 'meta.location pr'],
      ['User', 'meta.version eq "W/\\"1\\""'],
      ['User', 'groups.type eq "direct"'],
      ['Group', 'members.$ref pr'],
    ] as const)('refuses %s filter %s with 400 invalidFilter', async (resourceType, filter) => {
      const error = await selectIds(db(), dialect, resourceType, filter).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isScimError(error) && error.status === 400 && error.scimType === 'invalidFilter').toBe(true);
      expect(isScimError(error) ? error.detail : '').toMatch(/cannot be used in filters/);
    });
  });
}
