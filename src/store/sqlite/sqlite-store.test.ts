import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, parseDatabaseUrl } from '../open-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { describeStoreContract } from '../store.contract.js';
import { toStoreError } from '../sql/store-errors.js';
import { userId, userWrite } from '../contract/fixtures.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'library-scim-sqlite-'));
let counter = 0;
const freshFile = (): string => path.join(root, `store-${(counter += 1)}`, 'library.db');

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function openMigrated(databaseUrl: string) {
  const store = await openStore({ databaseUrl });
  await store.migrate();
  return store;
}

describeStoreContract('SQLite file', () => openMigrated(`sqlite:${freshFile()}`));
describeStoreContract('SQLite in memory', () => openMigrated('sqlite::memory:'));

describe('SQLite store', () => {
  it('opens the file with WAL, synchronous=FULL, a busy timeout and foreign keys', async () => {
    const file = freshFile();
    const store = await openMigrated(`sqlite:${file}`);
    await store.write((s) => s.users.insert(userWrite(1)));
    await store.close();
    const db = new Sqlite(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare(`select name from sqlite_master where type = 'table' order by name`).all();
      expect(tables.map((t) => (t as { name: string }).name)).toEqual(
        expect.arrayContaining([
          'users',
          'user_groups',
          'group_members',
          'tokens',
          'settings',
          'schema_attributes',
          'field_mappings',
          'activity',
        ]),
      );
      const indexes = db
        .prepare(`select name from sqlite_master where type = 'index' and name not like 'sqlite_%'`)
        .all();
      expect(indexes.map((i) => (i as { name: string }).name)).toEqual(
        expect.arrayContaining([
          'users_user_name_key_uq',
          'users_id_uq',
          'user_groups_display_name_key_uq',
          'group_members_member_id_idx',
          'tokens_hash_uq',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('sets the pragmas on its own connection', async () => {
    const store = await openSqliteStore({ filename: freshFile() });
    expect(await store.pragmas()).toEqual({
      journalMode: 'wal',
      synchronous: 'FULL',
      busyTimeoutMs: 5000,
      foreignKeys: true,
    });
    await store.close();
  });

  it('maps a raw unique violation of SQLite to the constraint it names', async () => {
    const file = freshFile();
    const store = await openMigrated(`sqlite:${file}`);
    await store.write((s) => s.users.insert(userWrite(1)));
    await store.close();
    const db = new Sqlite(file);
    const failure = (statement: () => unknown): unknown => {
      try {
        statement();
      } catch (error) {
        return error;
      }
      throw new Error('the statement did not fail');
    };
    try {
      const insert = db.prepare(
        `insert into users (id, user_name, user_name_key, active, resource, version, created, last_modified) values (?, ?, ?, 1, '{}', 1, 'x', 'x')`,
      );
      expect(toStoreError(failure(() => insert.run('other', 'X', 'user1@example.com')))).toMatchObject({
        constraint: 'userName',
      });
      expect(toStoreError(failure(() => insert.run(userId(1), 'Y', 'y')))).toMatchObject({ constraint: 'id' });
      const settings = db.prepare(`insert into settings (key, value) values ('k', '1')`);
      settings.run();
      expect(toStoreError(failure(() => settings.run()))).toMatchObject({ constraint: 'other' });
      const notUnique = failure(() => db.prepare(`insert into users (id) values ('z')`).run());
      expect(toStoreError(notUnique)).toBe(notUnique);
    } finally {
      db.close();
    }
  });

  it('waits for another process holding the write lock, then explains a lock held too long', async () => {
    const file = freshFile();
    const store = await openMigrated(`sqlite:${file}`);
    const other = new Sqlite(file);
    other.exec('begin immediate');
    try {
      await expect(store.write((s) => s.users.insert(userWrite(1)))).rejects.toThrow(
        /locked by another process for more than 5 seconds/,
      );
    } finally {
      other.exec('rollback');
      other.close();
    }
    await store.write((s) => s.users.insert(userWrite(1)));
    expect((await store.read((s) => s.users.list({ limit: 0 }))).total).toBe(1);
    await store.close();
  });

  it('keeps what was committed after the store is closed and opened again', async () => {
    const file = freshFile();
    const first = await openMigrated(`sqlite:${file}`);
    await first.write((s) => s.users.insert(userWrite(1)));
    await first.close();
    const second = await openMigrated(`sqlite:${file}`);
    expect((await second.read((s) => s.users.get(userId(1))))?.userName).toBe('user1@example.com');
    await second.close();
  });

  it('creates the parent directories of a relative path', async () => {
    const absolute = path.join(root, 'nested', 'deeper', 'library.db');
    const relative = path.relative(process.cwd(), absolute);
    const store = await openMigrated(`sqlite:${relative}`);
    await store.close();
    expect(fs.existsSync(absolute)).toBe(true);
  });

  it('lets several processes write the same file at once', async () => {
    const file = freshFile();
    const setup = await openMigrated(`sqlite:${file}`);
    await setup.close();
    const storeModule = pathToFileURL(
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../open-store.ts'),
    ).href;
    const fixtures = pathToFileURL(
      path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../contract/fixtures.ts'),
    ).href;
    // Each process migrates (again), then inserts 40 users in 40 transactions, each reading first.
    const script = `
      const { openStore } = await import(${JSON.stringify(storeModule)});
      const { userWrite } = await import(${JSON.stringify(fixtures)});
      const base = Number(process.argv.at(-1));
      const store = await openStore({ databaseUrl: ${JSON.stringify(`sqlite:${file}`)} });
      await store.migrate();
      for (let n = base; n < base + 40; n += 1) {
        await store.write(async (s) => {
          await s.users.list({ limit: 1 });
          await s.users.insert(userWrite(n));
        });
      }
      await store.close();
    `;
    const run = (base: number) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(base)], {
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        child.on('error', reject);
        child.on('exit', resolve);
      });
    expect(await Promise.all([run(1000), run(2000), run(3000)])).toEqual([0, 0, 0]);
    const store = await openStore({ databaseUrl: `sqlite:${file}` });
    expect((await store.read((s) => s.users.list({ limit: 0 }))).total).toBe(120);
    await store.close();
  }, 60_000);
});

describe('openStore', () => {
  it('understands the database URLs', () => {
    expect(parseDatabaseUrl('sqlite:./data/library.db', '/srv/app')).toEqual({
      dialect: 'sqlite',
      filename: '/srv/app/data/library.db',
    });
    expect(parseDatabaseUrl('sqlite:/var/lib/library.db', '/srv/app')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/library.db',
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/library.db', '/srv/app')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/library.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseDatabaseUrl('postgres://u:p@db:5432/library')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u:p@db:5432/library',
    });
    expect(parseDatabaseUrl('postgresql://db/library')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgresql://db/library',
    });
  });

  it('explains an unsupported URL without showing its password', async () => {
    await expect(openStore({ databaseUrl: 'mysql://admin:hunter2@db/library' })).rejects.toThrow(
      /not a supported database URL.*sqlite:\.\/data\/library\.db/,
    );
    await expect(openStore({ databaseUrl: 'mysql://admin:hunter2@db/library' })).rejects.not.toThrow(/hunter2/);
    await expect(openStore({ databaseUrl: 'sqlite:' })).rejects.toThrow(/names no SQLite file/);
    await expect(openStore({ databaseUrl: '' })).rejects.toThrow(/\(empty\)/);
  });
});
