import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import { describeStoreContract } from '../store.contract.js';
import type { Store } from '../store.js';
import { groupWrite, userId, userWrite } from '../contract/fixtures.js';
import { toStoreError } from '../sql/store-errors.js';

const DATABASE_URL = process.env.LIBRARY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const skip = DATABASE_URL === 'skip';
const SCHEMA = `library_store_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const OTHER_SCHEMA = `${SCHEMA}_b`;

const admin = skip ? undefined : new pg.Pool({ connectionString: DATABASE_URL, max: 2 });

async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  if (!admin) throw new Error('PostgreSQL tests are skipped');
  return (await admin.query<Row>(text, values)).rows;
}

async function dropSchemas(): Promise<void> {
  await query(`drop schema if exists ${SCHEMA} cascade`);
  await query(`drop schema if exists ${OTHER_SCHEMA} cascade`);
}

async function freshStore(schema = SCHEMA): Promise<Store> {
  await query(`drop schema if exists ${schema} cascade`);
  const store = await openStore({ databaseUrl: DATABASE_URL, postgresSchema: schema });
  await store.migrate();
  return store;
}

afterAll(async () => {
  if (!admin) return;
  await dropSchemas();
  await admin.end();
});

if (skip) {
  describe.skip('PostgreSQL store (LIBRARY_TEST_POSTGRES_URL=skip)', () => {
    it('is skipped', () => undefined);
  });
} else {
  describeStoreContract('PostgreSQL', () => freshStore());

  describe('PostgreSQL store', () => {
    beforeAll(async () => {
      await dropSchemas();
    });

    it('creates its schema, with JSONB documents, BOOLEAN flags and bigint identity keys', async () => {
      const store = await freshStore();
      const inserted = await store.write((s) => s.users.insert(userWrite(1)));
      expect(typeof inserted.seq).toBe('number');
      expect(inserted.active).toBe(true);
      await store.close();
      const columns = await query<{ table_name: string; column_name: string; data_type: string; is_identity: string }>(
        `select table_name, column_name, data_type, is_identity from information_schema.columns
         where table_schema = $1 and (column_name in ('resource', 'active', 'seq') or table_name = 'activity' and column_name = 'id')`,
        [SCHEMA],
      );
      const types = Object.fromEntries(
        columns.map((c) => [`${c.table_name}.${c.column_name}`, `${c.data_type}/${c.is_identity}`]),
      );
      expect(types).toEqual({
        'users.seq': 'bigint/YES',
        'users.resource': 'jsonb/NO',
        'users.active': 'boolean/NO',
        'user_groups.seq': 'bigint/YES',
        'user_groups.resource': 'jsonb/NO',
        'activity.id': 'bigint/YES',
      });
      const migrations = await query<{ name: string }>(`select name from ${SCHEMA}.kysely_migration`);
      expect(migrations.map((m) => m.name)).toEqual(['0001_initial', '0002_admin_accounts']);
    });

    it('migrates once when several replicas start together', async () => {
      await query(`drop schema if exists ${OTHER_SCHEMA} cascade`);
      const replicas = await Promise.all(
        Array.from({ length: 4 }, () => openStore({ databaseUrl: DATABASE_URL, postgresSchema: OTHER_SCHEMA })),
      );
      try {
        await Promise.all(replicas.map((replica) => replica.migrate()));
        const migrations = await query<{ name: string }>(`select name from ${OTHER_SCHEMA}.kysely_migration`);
        expect(migrations.map((m) => m.name)).toEqual(['0001_initial', '0002_admin_accounts']);
        await replicas[0]?.write((s) => s.users.insert(userWrite(1)));
        expect(await replicas[3]?.read((s) => s.users.get(userId(1)))).toMatchObject({ userName: 'user1@example.com' });
      } finally {
        await Promise.all(replicas.map((replica) => replica.close()));
      }
    });

    it('keeps stores in different schemas apart', async () => {
      const a = await freshStore(SCHEMA);
      const b = await freshStore(OTHER_SCHEMA);
      try {
        await a.write((s) => s.users.insert(userWrite(1)));
        expect((await b.read((s) => s.users.list({ limit: 0 }))).total).toBe(0);
        expect((await a.read((s) => s.users.list({ limit: 0 }))).total).toBe(1);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('retries a write transaction that loses a deadlock', async () => {
      const store = await freshStore();
      await store.write(async (s) => {
        await s.users.insert(userWrite(1));
        await s.users.insert(userWrite(2));
      });
      let attempts = 0;
      let arrived = 0;
      let release: () => void = () => undefined;
      const bothLocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      // Each write locks one user, waits until the other has locked the other user, then wants it.
      const crosswise = (first: number, second: number) =>
        store.write(async (s) => {
          attempts += 1;
          const firstTry = attempts <= 2;
          await s.users.get(userId(first));
          if (firstTry) {
            arrived += 1;
            if (arrived === 2) release();
            await bothLocked;
          }
          const other = await s.users.get(userId(second));
          await s.users.update(userWrite(second, { resource: { ...other?.resource, touchedBy: first } }));
          return first;
        });
      expect(await Promise.all([crosswise(1, 2), crosswise(2, 1)])).toEqual([1, 2]);
      expect(attempts).toBe(3);
      await store.close();
    });

    it('maps a raw unique violation of PostgreSQL to the constraint it names', async () => {
      const store = await freshStore();
      await store.write(async (s) => {
        await s.users.insert(userWrite(1));
        await s.groups.insert(groupWrite(1, { displayName: 'Staff' }));
      });
      await store.close();
      const failure = async (text: string): Promise<unknown> => {
        try {
          await query(text);
        } catch (error) {
          return error;
        }
        throw new Error('the statement did not fail');
      };
      const insertUser = (id: string, key: string) =>
        `insert into ${SCHEMA}.users (id, user_name, user_name_key, active, resource, version, created, last_modified)
         values ('${id}', 'x', '${key}', true, '{}', 1, 'x', 'x')`;
      expect(toStoreError(await failure(insertUser('other', 'user1@example.com')))).toMatchObject({
        constraint: 'userName',
      });
      expect(toStoreError(await failure(insertUser(userId(1), 'fresh')))).toMatchObject({ constraint: 'id' });
      const renameGroup = `update ${SCHEMA}.user_groups set display_name_key = 'staff' where id = 'g2'`;
      await query(`insert into ${SCHEMA}.user_groups (id, display_name, display_name_key, resource, version, created, last_modified)
                   values ('g2', 'Other', 'other', '{}', 1, 'x', 'x')`);
      expect(toStoreError(await failure(renameGroup))).toMatchObject({ constraint: 'groupDisplayName' });
      const notUnique = await failure(`insert into ${SCHEMA}.users (id) values ('z')`);
      expect(toStoreError(notUnique)).toBe(notUnique);
    });

    it('refuses an unusable schema name and explains an unreachable server', async () => {
      await expect(openStore({ databaseUrl: DATABASE_URL, postgresSchema: 'bad-name; drop' })).rejects.toThrow(
        /not a usable PostgreSQL schema name/,
      );
      await expect(openStore({ databaseUrl: 'postgres://someone:secret@127.0.0.1:1/library' })).rejects.toThrow(
        /Cannot use the PostgreSQL database postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/library/,
      );
    });
  });
}
