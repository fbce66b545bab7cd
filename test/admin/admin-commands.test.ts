/** CLI parity with the console: settings, attributes, mappings, user actions, export, admin accounts. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAdminCommands } from '../../src/cli/admin-commands.js';
import { registerDirectoryCommands } from '../../src/cli/directory-commands.js';
import { loadConfig, type Config } from '../../src/config.js';
import { Directory } from '../../src/directory/directory.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { USER_SCHEMA } from './scim-calls.js';

let folder: string;
let config: Config;
let store: Store;
let directory: Directory;
let userId = '';

async function run(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  registerDirectoryCommands(
    program,
    () => config,
    (line) => lines.push(line),
  );
  registerAdminCommands(
    program,
    () => config,
    (line) => lines.push(line),
  );
  await program.parseAsync(['node', 'library-scim', ...args]);
  return lines;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'library-admin-cli-'));
  config = loadConfig(
    {},
    { databaseUrl: `sqlite:${join(folder, 'library.db')}`, publicUrl: 'https://library.example.com' },
  );
  store = await openStore({ databaseUrl: config.databaseUrl });
  await store.migrate();
  directory = new Directory(store, config);
  userId = (
    await directory.users.create(
      { schemas: [USER_SCHEMA], userName: 'cli.user', displayName: 'CLI User' },
      { scimBaseUrl: 'https://library.example.com/api/scim/v2' },
    )
  ).id;
});
afterAll(async () => {
  await directory.close();
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('library-scim settings', () => {
  it('shows and sets the settings', async () => {
    expect(await run('settings', 'show')).toEqual([
      'SCIM provisioning:     enabled',
      'SCIM base URL:         https://library.example.com/api/scim/v2',
      'Deprovisioning policy: hard delete on DELETE /Users/{id}',
      'Soft-delete retention: until purged by hand',
      'Activity retention:    30 days, at most 100000 requests',
    ]);
    expect(
      await run(
        'settings',
        'set',
        '--scim-enabled',
        'false',
        '--deprovisioning-policy',
        'soft',
        '--soft-delete-retention-days',
        '14',
      ),
    ).toEqual(['Saved. SCIM disabled; soft delete; soft-delete retention 14 days.']);
    const shown = JSON.parse((await run('settings', 'show', '--json')).join('\n')) as Record<string, unknown>;
    expect(shown).toMatchObject({ scimEnabled: false, deprovisioningPolicy: 'soft', softDeleteRetentionDays: 14 });
    await run(
      'settings',
      'set',
      '--scim-enabled',
      'true',
      '--deprovisioning-policy',
      'hard',
      '--soft-delete-retention-days',
      '0',
    );
  });

  it('refuses bad values with a message that says what to do', async () => {
    await expect(run('settings', 'set', '--scim-enabled', 'maybe')).rejects.toThrow(
      '--scim-enabled takes true or false',
    );
    await expect(run('settings', 'set', '--deprovisioning-policy', 'archive')).rejects.toThrow(
      '"deprovisioningPolicy" must be "hard"',
    );
    await expect(run('settings', 'set')).rejects.toThrow('Nothing to set');
  });
});

describe('library-scim attribute and mapping', () => {
  it('adds, lists and removes a custom attribute, printing the Okta values', async () => {
    expect(await run('attribute', 'add', 'badgeNumber', '--type', 'integer')).toEqual([
      'Added urn:ietf:params:scim:schemas:extension:Strategy:2.0:User:badgeNumber (integer).',
      "In Okta's Profile Editor: External name = badgeNumber, External namespace = urn:ietf:params:scim:schemas:extension:Strategy:2.0:User",
    ]);
    const listed = JSON.parse((await run('attribute', 'list', '--json')).join('\n')) as {
      name: string;
      type: string;
    }[];
    expect(listed.map(({ name, type }) => ({ name, type }))).toEqual([{ name: 'badgeNumber', type: 'integer' }]);
    // The CLI wrote to the database; this process's catalog reads it afresh.
    directory.catalog.invalidate();
    expect(
      (await directory.catalog.current()).registry.resolve(
        'User',
        'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User:badgeNumber',
      ),
    ).toBeDefined();
    await expect(run('attribute', 'add', 'badgeNumber')).rejects.toThrow('already has an attribute');
    expect(await run('attribute', 'remove', 'badgeNumber')).toEqual([
      'Removed urn:ietf:params:scim:schemas:extension:Strategy:2.0:User:badgeNumber.',
    ]);
    expect(await run('attribute', 'list')).toEqual([
      'No custom attributes. Add one with: library-scim attribute add costCenterCode',
    ]);
  });

  it('lists and changes mappings', async () => {
    const lines = await run('mapping', 'list');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(
      /^user\.fullName\s+User Full Name\s+displayName\s+urn:ietf:params:scim:schemas:core:2\.0:User$/,
    );
    expect(lines[1]).toContain('(fixed)');
    expect(await run('mapping', 'set', 'user.fullName', 'name.formatted')).toEqual([
      'Full Name is now fed by name.formatted; existing users and groups were updated.',
    ]);
    await expect(run('mapping', 'set', 'user.enabled', 'displayName')).rejects.toThrow('cannot be remapped');
    await run('mapping', 'set', 'user.fullName', 'displayName');
  });
});

describe('library-scim user actions', () => {
  it('deactivates, reactivates, and restores and purges soft-deleted users', async () => {
    expect(await run('user', 'deactivate', userId)).toEqual(['cli.user is inactive.']);
    expect(await run('user', 'reactivate', userId)).toEqual(['cli.user is active.']);
    await store.write((session) => session.users.setDeleted(userId, new Date().toISOString()));
    expect(await run('user', 'restore', userId)).toEqual(['Restored cli.user.']);
    await expect(run('user', 'restore', userId)).rejects.toThrow('is not deleted');
    await store.write((session) => session.users.setDeleted(userId, new Date().toISOString()));
    expect(await run('user', 'purge-deleted', '--older-than-days', '1')).toEqual(['Purged 0 soft-deleted users.']);
    expect(await run('user', 'purge-deleted')).toEqual(['Purged 1 soft-deleted user.']);
    expect(await store.read((session) => session.users.get(userId, { includeDeleted: true }))).toBeUndefined();
  });
});

describe('library-scim export', () => {
  it('writes the directory as JSON to a file', async () => {
    const id = (
      await directory.users.create({ schemas: [USER_SCHEMA], userName: 'exported.user' }, { scimBaseUrl: 'x' })
    ).id;
    await directory.groups.create(
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Exported', members: [{ value: id }] },
      { scimBaseUrl: 'x' },
    );
    const output = join(folder, 'export.json');
    expect(await run('export', '--output', output)).toEqual([`Exported the directory to ${output}.`]);
    const document = JSON.parse(readFileSync(output, 'utf8')) as {
      users: { userName: string; meta: { location: string } }[];
      groups: { displayName: string; members: { value: string }[] }[];
    };
    expect(document.users.map((user) => user.userName)).toEqual(['exported.user']);
    expect(document.users[0]?.meta.location).toBe(`https://library.example.com/api/scim/v2/Users/${id}`);
    expect(document.groups).toEqual([
      expect.objectContaining({
        displayName: 'Exported',
        members: [expect.objectContaining({ value: id, type: 'User' })],
      }),
    ]);
  });
});

describe('library-scim admin', () => {
  it('prints a set-up code while no admin exists, and lists admins', async () => {
    const lines = await run('admin', 'setup-code');
    expect(lines[0]).toMatch(
      /^One-time set-up code \(valid 24 hours\): [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );
    expect(await run('admin', 'list')).toEqual([
      'No admins yet. Print a set-up code with: library-scim admin setup-code',
    ]);
  });
});
