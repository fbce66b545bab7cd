/**
 * The `library-scim` command line as an admin runs it: real child processes of the CLI against the
 * SQLite file of a server that is running at the same time, and `serve` itself printing the base
 * URL and the first token.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cliEntry = join(root, 'src/cli/main.ts');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1] ?? '';
}

describe('library-scim CLI beside a running server', () => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    env = { DATABASE_URL: server.server.directory.config.databaseUrl };
  });
  afterAll(async () => {
    await server.close();
  });

  const scim = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${server.scimBase}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    });

  it('creates a token that the running server accepts, lists it without its secret, and revokes it within a second', async () => {
    const created = await runCli(['token', 'create', '--name', 'okta-production', '--expires-in', '90d'], env);
    expect(created.code).toBe(0);
    const token = lastLine(created.stdout);
    expect(token).toMatch(/^lsc_[A-Za-z0-9_-]{40,}$/);
    expect((await scim('/Users?startIndex=1&count=2', token)).status).toBe(200);

    const listed = await runCli(['token', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(token);
    const tokens = JSON.parse(listed.stdout) as Record<string, unknown>[];
    const mine = tokens.find((item) => item['name'] === 'okta-production');
    expect(Object.keys(mine ?? {}).sort()).toEqual([
      'created',
      'expires',
      'id',
      'lastUsed',
      'name',
      'prefix',
      'revoked',
    ]);
    expect(Date.parse(String(mine?.['expires'])) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    expect(token.startsWith(String(mine?.['prefix']))).toBe(true);

    const revoked = await runCli(['token', 'revoke', String(mine?.['id'])], env);
    expect(revoked.code).toBe(0);
    const deadline = Date.now() + 1_500;
    let status = 200;
    while (Date.now() < deadline && status !== 401) {
      status = (await scim('/Users', token)).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    const body = (await (await scim('/Users', token)).json()) as { detail: string };
    expect(body.detail).toMatch(/revoked/);
    expect(body.detail).not.toContain(token);
  });

  it('refuses a malformed --expires-in with a message, and no token', async () => {
    const result = await runCli(['token', 'create', '--expires-in', 'soon'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/30s, 15m, 12h, 90d or 2w/);
  });

  it('lists users and deletes one by hand, which also removes it from its groups', async () => {
    const user = (await (
      await scim('/Users', server.token, {
        method: 'POST',
        body: JSON.stringify({ userName: 'cli.delete@example.com' }),
      })
    ).json()) as { id: string };
    const group = (await (
      await scim('/Groups', server.token, {
        method: 'POST',
        body: JSON.stringify({ displayName: 'CLI group', members: [{ value: user.id }] }),
      })
    ).json()) as { id: string };

    const listed = await runCli(['user', 'list', '--filter', 'userName sw "cli."'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(user.id);
    expect(listed.stdout).toContain('cli.delete@example.com');

    const groups = await runCli(['group', 'list'], env);
    expect(groups.stdout).toMatch(new RegExp(`${group.id}\\s+1 members\\s+CLI group`));

    const deleted = await runCli(['user', 'delete', user.id], env);
    expect(deleted.code).toBe(0);
    expect((await scim(`/Users/${user.id}`, server.token)).status).toBe(404);
    const read = (await (await scim(`/Groups/${group.id}`, server.token)).json()) as { members: unknown[] };
    expect(read.members).toEqual([]);

    const again = await runCli(['user', 'delete', user.id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No user has id/);
  });

  it('doctor reports the database, SCIM and tokens, and fails when something needs fixing', async () => {
    const result = await runCli(['doctor'], env);
    expect(result.stdout).toMatch(/ok {3}database sqlite:.* reachable and migrated/);
    expect(result.stdout).toMatch(/ok {3}SQLite journal_mode=wal, synchronous=FULL/);
    expect(result.stdout).toMatch(/ok {3}\d+ active bearer token/);
    expect(result.code).toBe(0);
    await server.server.directory.settings.update({ scimEnabled: false });
    try {
      const disabled = await runCli(['doctor'], env);
      expect(disabled.code).toBe(1);
      expect(disabled.stdout).toMatch(/FIX {2}SCIM is disabled/);
    } finally {
      await server.server.directory.settings.update({ scimEnabled: true });
    }
  });
});

describe('library-scim doctor with a mistyped database path', () => {
  it('says there is no database there, and creates none', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'library-doctor-test-'));
    try {
      const missing = join(folder, 'typo', 'none.db');
      const result = await runCli(['doctor'], { DATABASE_URL: `sqlite:${missing}` });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`FIX  There is no database at ${missing}`);
      expect(existsSync(missing)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('library-scim serve on a fresh database', () => {
  it('prints the SCIM base URL, a working token once, and the admin set-up code', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'library-serve-test-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cliEntry, 'serve', '--host', '127.0.0.1', '--port', '0'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: `sqlite:${join(folder, 'library.db')}`, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let stdout = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve printed no token in time:\n${stdout}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/One-time set-up code/.test(stdout)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${String(code)}:\n${stdout}`)));
      });
      const base = /SCIM connector base URL: (\S+)/.exec(stdout)?.[1] ?? '';
      const token = /Bearer token \(shown only this once; store it now\): (\S+)/.exec(stdout)?.[1] ?? '';
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/scim\/v2$/);
      expect(stdout).toMatch(/Okta/);
      const response = await fetch(`${base}/Users?startIndex=1&count=2`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
