import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFilter, compileSortKey } from './filter-sql.js';
import type { Database as Tables } from './tables.js';
import { parseFilter } from '../../scim/filter/filter-parser.js';
import { resolveAttributePath, resolveFilter } from '../../scim/filter/filter-resolver.js';
import { createSchemaRegistry } from '../../scim/schemas/schema-registry.js';
import { ENTERPRISE_USER_SCHEMA, STRATEGY_USER_SCHEMA, type ResourceTypeName } from '../../scim/schemas/types.js';
import { POSTGRES_DIALECT } from '../postgres/postgres-dialect.js';
import { SQLITE_DIALECT } from '../sqlite/sqlite-dialect.js';
import type { SqlDialect } from './sql-dialect.js';

const registry = createSchemaRegistry([
  {
    schema: STRATEGY_USER_SCHEMA,
    resourceType: 'User',
    name: 'hired',
    type: 'dateTime',
    multiValued: false,
    caseExact: false,
    description: '',
  },
]);

const HOSTILE = `x'"); DROP TABLE users; --%_\\`;
const HOSTILE_JSON = JSON.stringify(HOSTILE);

describe.each<[string, SqlDialect]>([
  ['sqlite', SQLITE_DIALECT],
  ['postgres', POSTGRES_DIALECT],
])('compileFilter (%s)', (dialect, sqlDialect) => {
  // Compilation only: the database is never contacted.
  const db =
    dialect === 'sqlite'
      ? new Kysely<Tables>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) })
      : new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });

  afterAll(async () => {
    await db.destroy();
  });

  function compile(
    text: string,
    on: SqlDialect,
    resourceType: ResourceTypeName = 'User',
  ): { sql: string; parameters: readonly unknown[] } {
    const where = compileFilter(resolveFilter(parseFilter(text), resourceType, registry), {
      dialect: on,
      resourceType,
    });
    return where.compile(db);
  }

  it('keeps userName eq a bare comparison on the indexed key column, with the folded value bound', () => {
    const { sql, parameters } = compile('userName eq "BJensen"', sqlDialect);
    expect(sql).toBe(`("users"."user_name_key" = ${dialect === 'postgres' ? 'CAST($1 AS text)' : '?'})`);
    expect(parameters).toEqual(['bjensen']);
  });

  it('wraps leaves below not in COALESCE', () => {
    expect(compile('not (externalId eq "x")', sqlDialect).sql).toMatch(
      /^\(NOT COALESCE\(\("users"\."external_id" = .+\), FALSE\)\)$/,
    );
  });

  it('answers Group members from group_members', () => {
    const { sql, parameters } = compile('members[value eq "u1"]', sqlDialect, 'Group');
    expect(sql).toContain('FROM "group_members" AS scim_m WHERE scim_m.group_id = "user_groups"."id"');
    expect(parameters).toContain('u1');
  });

  it.each([
    `userName eq ${HOSTILE_JSON}`,
    `userName co ${HOSTILE_JSON}`,
    `externalId sw ${HOSTILE_JSON}`,
    `displayName ew ${HOSTILE_JSON}`,
    `title gt ${HOSTILE_JSON}`,
    `emails[type eq ${HOSTILE_JSON} and value co ${HOSTILE_JSON}]`,
    `${ENTERPRISE_USER_SCHEMA}:manager.value eq ${HOSTILE_JSON}`,
    `groups.display co ${HOSTILE_JSON}`,
  ])('binds every value as a parameter: %s', (text) => {
    const { sql, parameters } = compile(text, sqlDialect);
    expect(sql).not.toMatch(/drop/i);
    expect(parameters.some((parameter) => typeof parameter === 'string' && /drop table/i.test(parameter))).toBe(true);
  });

  it('binds JSON paths as parameters', () => {
    const { sql, parameters } = compile(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "1"`, sqlDialect);
    expect(sql).not.toContain('employeeNumber');
    const expected =
      dialect === 'sqlite'
        ? `$."${ENTERPRISE_USER_SCHEMA}"."employeeNumber"`
        : [ENTERPRISE_USER_SCHEMA, 'employeeNumber'];
    expect(parameters).toContainEqual(expected);
  });

  it('refuses attributes the store cannot answer', () => {
    expect(() => compile('meta.location pr', sqlDialect)).toThrow(
      /"meta.location" cannot be used in filters or sorting/,
    );
  });

  it('compiles sort keys for columns, JSON values and dateTimes', () => {
    const key = (path: string): string =>
      compileSortKey(resolveAttributePath(path, 'User', registry, 'invalidFilter'), {
        dialect: sqlDialect,
        resourceType: 'User',
      }).compile(db).sql;
    expect(key('userName')).toBe(
      dialect === 'postgres' ? '("users"."user_name_key") COLLATE "C"' : '"users"."user_name_key"',
    );
    expect(key('name.familyName')).toContain('lower(');
    expect(key(`${STRATEGY_USER_SCHEMA}:hired`)).toContain(dialect === 'postgres' ? 'to_char(' : 'strftime(');
    expect(key('groups')).toBe('CAST(NULL AS text)');
  });
});
