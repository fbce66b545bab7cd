/**
 * The admin account repository against real databases: a migrated store on a SQLite file in a
 * temp folder and on a fresh PostgreSQL schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccountStore, AdminUserRecord } from '../../src/store/admin-accounts.js';
import { adminAccountStore } from '../../src/admin/admin-account-access.js';
import { openStore } from '../../src/store/open-store.js';
import { StoreConflictError, type StoreDialect } from '../../src/store/store.js';

const POSTGRES_URL = process.env['LIBRARY_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Harness {
  accounts: AdminAccountStore;
  close(): Promise<void>;
}

async function sqliteHarness(): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), 'library-admin-repo-'));
  const store = await openStore({ databaseUrl: `sqlite:${join(folder, 'admin.db')}` });
  await store.migrate();
  return {
    accounts: adminAccountStore(store),
    async close() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function postgresHarness(): Promise<Harness> {
  const schema = `admin_repo_${randomBytes(5).toString('hex')}`;
  const store = await openStore({ databaseUrl: POSTGRES_URL, postgresSchema: schema });
  await store.migrate();
  return {
    accounts: adminAccountStore(store),
    async close() {
      await store.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

function admin(overrides: Partial<AdminUserRecord> = {}): AdminUserRecord {
  return {
    id: `admin-${randomBytes(4).toString('hex')}`,
    username: 'Alice',
    passwordHash: 'scrypt$32768$8$1$c2FsdA$aGFzaA',
    created: '2026-01-01T00:00:00.000Z',
    passwordChanged: '2026-01-01T00:00:00.000Z',
    lastLogin: null,
    failedLogins: 0,
    lockedUntil: null,
    ...overrides,
  };
}

const dialects: { name: StoreDialect; open: () => Promise<Harness> }[] = [
  { name: 'sqlite', open: sqliteHarness },
  { name: 'postgres', open: postgresHarness },
];

describe.each(dialects)('AdminAccountRepository on $name', ({ open }) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await open();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('stores admins, finds them ignoring case, and refuses a second admin with the same name', async () => {
    const { accounts } = harness;
    expect(await accounts.read((repo) => repo.countAdmins())).toBe(0);
    const first = admin();
    await accounts.write((repo) => repo.insertAdmin(first));
    expect(await accounts.read((repo) => repo.countAdmins())).toBe(1);
    expect(await accounts.read((repo) => repo.getAdminByUsername('aLiCe'))).toEqual(first);
    expect(await accounts.read((repo) => repo.getAdmin(first.id))).toEqual(first);
    const duplicate = accounts.write((repo) => repo.insertAdmin(admin({ username: 'ALICE' })));
    await expect(duplicate).rejects.toBeInstanceOf(StoreConflictError);
    await expect(duplicate).rejects.toThrow(/already exists/);
    expect((await accounts.read((repo) => repo.listAdmins())).map((a) => a.username)).toEqual(['Alice']);
  });

  it('counts failed sign-ins, locks, and resets on success or a new password', async () => {
    const { accounts } = harness;
    const bob = admin({ username: 'bob' });
    await accounts.write((repo) => repo.insertAdmin(bob));
    expect(await accounts.write((repo) => repo.recordFailedLogin(bob.id, () => null))).toBe(1);
    expect(await accounts.write((repo) => repo.recordFailedLogin(bob.id, () => '2030-01-01T00:00:00.000Z'))).toBe(2);
    const locked = await accounts.read((repo) => repo.getAdmin(bob.id));
    expect(locked?.failedLogins).toBe(2);
    expect(locked?.lockedUntil).toBe('2030-01-01T00:00:00.000Z');
    await accounts.write((repo) => repo.recordLogin(bob.id, '2026-02-02T00:00:00.000Z'));
    const after = await accounts.read((repo) => repo.getAdmin(bob.id));
    expect(after).toMatchObject({ failedLogins: 0, lockedUntil: null, lastLogin: '2026-02-02T00:00:00.000Z' });
    await accounts.write((repo) => repo.recordFailedLogin(bob.id, () => '2030-01-01T00:00:00.000Z'));
    expect(await accounts.write((repo) => repo.setPassword(bob.id, 'scrypt$new', '2026-03-03T00:00:00.000Z'))).toBe(
      true,
    );
    expect(await accounts.read((repo) => repo.getAdmin(bob.id))).toMatchObject({
      passwordHash: 'scrypt$new',
      passwordChanged: '2026-03-03T00:00:00.000Z',
      failedLogins: 0,
      lockedUntil: null,
    });
    expect(await accounts.write((repo) => repo.setPassword('nobody', 'x', '2026-03-03T00:00:00.000Z'))).toBe(false);
    expect(await accounts.write((repo) => repo.recordFailedLogin('nobody', () => null))).toBe(0);
  });

  it('counts concurrent failed sign-ins one by one and locks from the count, never shortening a lock', async () => {
    const { accounts } = harness;
    const dave = admin({ username: 'erin-lockout' });
    await accounts.write((repo) => repo.insertAdmin(dave));
    const lockFrom = (failures: number) =>
      failures >= 5 ? `2031-01-01T00:00:${String(failures).padStart(2, '0')}.000Z` : null;
    const counts = await Promise.all(
      Array.from({ length: 8 }, () => accounts.write((repo) => repo.recordFailedLogin(dave.id, lockFrom))),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await accounts.read((repo) => repo.getAdmin(dave.id))).toMatchObject({
      failedLogins: 8,
      lockedUntil: '2031-01-01T00:00:08.000Z',
    });
    await accounts.write((repo) => repo.recordFailedLogin(dave.id, () => '2030-06-01T00:00:00.000Z'));
    expect((await accounts.read((repo) => repo.getAdmin(dave.id)))?.lockedUntil).toBe('2031-01-01T00:00:08.000Z');
  });

  it('keeps sessions by hash, slides them forward only, and deletes them one by one, per admin, or by expiry', async () => {
    const { accounts } = harness;
    const carol = admin({ username: 'carol' });
    await accounts.write((repo) => repo.insertAdmin(carol));
    const base = { adminId: carol.id, created: '2026-01-01T00:00:00.000Z', userAgent: 'Chromium' };
    await accounts.write(async (repo) => {
      await repo.insertSession({
        ...base,
        idHash: 'a'.repeat(64),
        lastSeen: '2026-01-01T00:00:00.000Z',
        expires: '2026-01-01T02:00:00.000Z',
      });
      await repo.insertSession({
        ...base,
        idHash: 'b'.repeat(64),
        lastSeen: '2026-01-01T00:00:00.000Z',
        expires: '2026-01-02T00:00:00.000Z',
      });
      await repo.insertSession({
        ...base,
        idHash: 'c'.repeat(64),
        lastSeen: '2026-01-01T00:00:00.000Z',
        expires: '2026-01-03T00:00:00.000Z',
      });
    });
    await accounts.write((repo) =>
      repo.touchSession('b'.repeat(64), '2026-01-01T01:00:00.000Z', '2026-01-02T01:00:00.000Z'),
    );
    // An older report (from a slower replica) never moves the session backwards.
    await accounts.write((repo) =>
      repo.touchSession('b'.repeat(64), '2026-01-01T00:30:00.000Z', '2026-01-01T03:00:00.000Z'),
    );
    expect(await accounts.read((repo) => repo.getSession('b'.repeat(64)))).toEqual({
      ...base,
      idHash: 'b'.repeat(64),
      lastSeen: '2026-01-01T01:00:00.000Z',
      expires: '2026-01-02T01:00:00.000Z',
    });
    expect(await accounts.write((repo) => repo.pruneSessions('2026-01-01T12:00:00.000Z'))).toBe(1);
    expect(await accounts.read((repo) => repo.getSession('a'.repeat(64)))).toBeUndefined();
    expect(await accounts.write((repo) => repo.deleteSession('b'.repeat(64)))).toBe(true);
    expect(await accounts.write((repo) => repo.deleteSession('b'.repeat(64)))).toBe(false);
    expect(await accounts.write((repo) => repo.deleteSessionsOf(carol.id))).toBe(1);
    expect(await accounts.read((repo) => repo.getSession('c'.repeat(64)))).toBeUndefined();
  });

  it('rolls a failed write back', async () => {
    const { accounts } = harness;
    const dave = admin({ username: 'dave' });
    await expect(
      accounts.write(async (repo) => {
        await repo.insertAdmin(dave);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await accounts.read((repo) => repo.getAdminByUsername('dave'))).toBeUndefined();
  });
});
