/**
 * Requests checked against the admin API's route schemas: a missing or mistyped field is a 400 in
 * the admin error format whose detail names the field and what it must be (never the value sent,
 * never the validator's own wording), nothing is written, a body is taken as sent (no type
 * conversion, no unknown property), and query strings are converted to their declared types.
 */
import { describe, expect, it } from 'vitest';
import type { ConsoleSettings, TokenView, UserPage } from '../../src/admin/admin-api-types.js';
import { type AdminClient, type AdminTestServer, useSignedInAdmin } from '../support/admin-test-server.js';
import { createUser } from './scim-calls.js';

let server: AdminTestServer;
let admin: AdminClient;
useSignedInAdmin((started) => ({ server, admin } = started));

/** Phrases of a validator's raw messages that must never reach an admin. */
const RAW_VALIDATOR_WORDS =
  /must have required|must be (string|boolean|integer|object|equal)|must match|schema is false|anyOf/;

async function refused(method: string, path: string, body?: unknown): Promise<{ scimType?: string; detail: string }> {
  const response = await admin.request<{ status: string; scimType?: string; detail: string }>(method, path, {
    body,
  });
  expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
  expect(response.body.status).toBe('400');
  expect(response.body.detail).not.toMatch(RAW_VALIDATOR_WORDS);
  return response.body;
}

async function tokenNames(): Promise<string[]> {
  return (await admin.request<{ tokens: TokenView[] }>('GET', '/tokens')).body.tokens.map((token) => token.name);
}

describe('a body with a missing or mistyped field', () => {
  it.each([
    [
      'POST',
      '/password',
      { newPassword: 'a long enough passphrase' },
      '"currentPassword" is required and must be a text',
    ],
    [
      'POST',
      '/password',
      { currentPassword: 42, newPassword: 'a long enough passphrase' },
      '"currentPassword" must be a text',
    ],
    ['POST', '/login', { username: 'it-admin' }, 'Send both "username" and "password"'],
    ['PUT', '/mappings/user.fullName', { scimPath: ['displayName'] }, 'Send {"scimPath"'],
    [
      'PATCH',
      '/settings',
      { softDeleteRetentionDays: '30' },
      '"softDeleteRetentionDays" must be a whole number of days',
    ],
    ['POST', '/tokens', { name: 'okta', expiresInDays: 2.5 }, '"expiresInDays" must be a whole number of days'],
    ['POST', '/attributes', { name: 'ok', caseExact: 1 }, '"caseExact" must be true or false'],
    ['POST', '/attributes', { name: 'ok', type: 'STRING' }, '"type" must be one of string, boolean'],
    ['POST', '/users/purge-deleted', { olderThanDays: '30' }, '"olderThanDays" must be a whole number of days'],
  ])('%s %s %j is a 400 naming the field', async (method, path, body, words) => {
    const error = await refused(method, path, body);
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain(words);
  });

  it('names the field without quoting the value, which may be a secret', async () => {
    const error = await refused('POST', '/password', {
      currentPassword: 'Current-Secret-4471',
      newPassword: 'Tiny-5582',
    });
    expect(error.detail).toBe('"newPassword" must be a text of at least 12 characters.');
  });

  it('answers a body that is not a JSON object with 400 invalidSyntax saying what to send', async () => {
    for (const body of [[{ scimEnabled: false }], 'scimEnabled', null]) {
      const error = await refused('PATCH', '/settings', body);
      expect(error).toMatchObject({
        scimType: 'invalidSyntax',
        detail: 'Send a JSON object such as {"scimEnabled": false}.',
      });
    }
    const login = await refused('POST', '/login', ['it-admin']);
    expect(login).toMatchObject({
      scimType: 'invalidSyntax',
      detail: 'Send a JSON object with the properties "username" and "password".',
    });
  });

  it('writes nothing when one field of several is wrong', async () => {
    await refused('PATCH', '/settings', { scimEnabled: false, softDeleteRetentionDays: -5 });
    expect((await admin.request<ConsoleSettings>('GET', '/settings')).body.scimEnabled).toBe(true);
    await refused('POST', '/tokens', { name: 'half-written', expiresInDays: 0 });
    expect(await tokenNames()).not.toContain('half-written');
  });

  it('takes values as sent: a string is not a boolean or a number', async () => {
    const id = await createUser(server.scimBase, server.token, 'typed.user');
    const error = await refused('PATCH', `/users/${id}`, { active: 'false' });
    expect(error.detail).toContain('Send {"active": false}');
    const user = await admin.request<{ user: { active: boolean } }>('GET', `/users/${id}`);
    expect(user.body.user.active).toBe(true);
    await refused('PATCH', '/settings', { scimEnabled: 'false' });
    await refused('POST', '/tokens', { name: 'okta', expiresInDays: '90' });
  });
});

describe('what the schemas leave to the services', () => {
  it('accepts values the console sends as typed, which the services tidy up', async () => {
    const added = await admin.request<{ name: string }>('POST', '/attributes', { body: { name: '  paddedName ' } });
    expect(added.status).toBe(201);
    expect(added.body.name).toBe('paddedName');
    const blank = await refused('POST', '/tokens', { name: '   ' });
    expect(blank.detail).toContain('Give the token a name');
  });
});

describe('unknown properties', () => {
  it('are refused in a body, naming the property and the ones the endpoint has', async () => {
    const token = await refused('POST', '/tokens', { name: 'typo-token', expiresIn: 30 });
    expect(token).toMatchObject({
      scimType: 'invalidValue',
      detail: 'Unknown property "expiresIn". The properties are name and expiresInDays.',
    });
    expect(await tokenNames()).not.toContain('typo-token');

    const settings = await refused('PATCH', '/settings', { scimEnabled: false, retentionDays: 3 });
    expect(settings.detail).toContain('Unknown setting "retentionDays"');
    expect((await admin.request<ConsoleSettings>('GET', '/settings')).body.scimEnabled).toBe(true);

    const purge = await refused('POST', '/users/purge-deleted', { olderThan: 3 });
    expect(purge.detail).toBe('Unknown property "olderThan". The only property is olderThanDays.');
  });

  it('are ignored in a query string (proxies and tools add their own)', async () => {
    const response = await admin.request<UserPage>('GET', '/users?count=1&_=1767225600000');
    expect(response.status).toBe(200);
    expect(response.body.itemsPerPage).toBeLessThanOrEqual(1);
  });
});

describe('query strings and path parameters', () => {
  it('are converted to the declared types, a repeated parameter counting once with its last value', async () => {
    for (const name of ['query.one', 'query.two', 'query.three']) await createUser(server.scimBase, server.token, name);
    const page = (await admin.request<UserPage>('GET', '/users?count=5&count=2&startIndex=1')).body;
    expect(page).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    const empty = (await admin.request<UserPage>('GET', '/users?count=&startIndex=')).body;
    expect(empty.startIndex).toBe(1);
    expect(empty.itemsPerPage).toBeGreaterThan(2);
  });

  it.each([
    ['/users?count=ten', '"count" must be a whole number of 0 or more.'],
    ['/users?startIndex=0', '"startIndex" must be a whole number of 1 or more.'],
    ['/users?includeDeleted=perhaps', '"includeDeleted" must be true or false.'],
    ['/users?includeDeleted=1', '"includeDeleted" must be true or false.'],
    ['/users?count=0x10', '"count" must be a whole number of 0 or more.'],
    ['/groups?count=1.5', '"count" must be a whole number of 0 or more.'],
    ['/groups/any-group/members?limit=0', '"limit" must be a whole number of 1 or more.'],
    ['/activity?before=latest', '"before" must be a positive whole number'],
    ['/activity?until=2026-13-45T99:00:00Z', '"until" must be a date and time such as 2026-01-31T09:00:00Z.'],
    ['/activity/0', 'The activity id must be a positive whole number.'],
  ])('GET %s is a 400 naming the parameter', async (path, detail) => {
    const error = await refused('GET', path);
    expect(error).toMatchObject({ scimType: 'invalidValue', detail: expect.stringContaining(detail) });
  });

  it('are checked after the session: without one the answer is 401, not 400', async () => {
    const response = await fetch(`${server.adminBase}/users?count=ten`);
    expect(response.status).toBe(401);
  });
});
