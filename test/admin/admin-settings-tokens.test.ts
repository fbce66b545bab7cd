/** The SCIM page and the Tokens page through the admin API, checked against the SCIM API itself. */
import { describe, expect, it } from 'vitest';
import type { ConsoleSettings, CreatedTokenView, TokenView } from '../../src/admin/admin-api-types.js';
import { type AdminClient, type AdminTestServer, useSignedInAdmin } from '../support/admin-test-server.js';
import { scimCall } from './scim-calls.js';

let server: AdminTestServer;
let admin: AdminClient;
useSignedInAdmin((started) => ({ server, admin } = started));

describe('SCIM settings', () => {
  it('shows the base URL, the policy and the activity retention', async () => {
    const response = await admin.request<ConsoleSettings>('GET', '/settings');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      scimEnabled: true,
      scimBaseUrl: server.scimBase,
      deprovisioningPolicy: 'hard',
      softDeleteRetentionDays: 0,
      activityRetention: { days: 30, maxRows: 100_000 },
    });
  });

  it('disables SCIM so that every SCIM endpoint answers 403 saying so, then enables it again', async () => {
    const disabled = await admin.request<ConsoleSettings>('PATCH', '/settings', { body: { scimEnabled: false } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.scimEnabled).toBe(false);
    for (const [method, path] of [
      ['GET', '/Users'],
      ['GET', '/Groups'],
      ['POST', '/Users'],
      ['GET', '/ServiceProviderConfig'],
      ['GET', '/Schemas'],
    ] as const) {
      const answer = await scimCall(
        server.scimBase,
        server.token,
        method,
        path,
        method === 'POST' ? { userName: 'x' } : undefined,
      );
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(String(answer.body['detail'])).toMatch(/provisioning is disabled/i);
    }
    const enabled = await admin.request<ConsoleSettings>('PATCH', '/settings', { body: { scimEnabled: true } });
    expect(enabled.body.scimEnabled).toBe(true);
    expect((await scimCall(server.scimBase, server.token, 'GET', '/Users')).status).toBe(200);
  });

  it.each([
    [{ scimEnabled: 'no' }, '"scimEnabled" must be true or false'],
    [{ deprovisioningPolicy: 'archive' }, '"deprovisioningPolicy" must be "hard"'],
    [{ softDeleteRetentionDays: -1 }, 'whole number of days'],
    [{ softDeleteRetentionDays: 1.5 }, 'whole number of days'],
    [{ scimEnable: true }, 'Unknown setting "scimEnable"'],
  ])('refuses %j with a 400 that names the setting', async (change, words) => {
    const response = await admin.request('PATCH', '/settings', { body: change });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
      detail: expect.stringContaining(words),
    });
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const response = await fetch(`${server.adminBase}/settings`, {
      method: 'PATCH',
      headers: {
        Cookie: admin.cookie ?? '',
        'X-CSRF-Token': admin.csrfToken ?? '',
        'Content-Type': 'application/json',
      },
      body: '{"scimEnabled": fal',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/not valid JSON|JSON/);
  });
});

describe('tokens', () => {
  it('creates a token whose secret is shown once and works against SCIM, and lists it without the secret', async () => {
    const created = await admin.request<CreatedTokenView>('POST', '/tokens', {
      body: { name: 'okta-production', expiresInDays: 90 },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { token, secret } = created.body;
    expect(secret).toMatch(/^lsc_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      name: 'okta-production',
      status: 'active',
      expiringSoon: false,
      lastUsed: null,
      revoked: null,
    });
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(Date.parse(token.expires ?? '') - Date.parse(token.created)).toBe(90 * 86_400_000);

    expect((await scimCall(server.scimBase, secret, 'GET', '/Users')).status).toBe(200);
    const listed = await admin.request<{ tokens: TokenView[] }>('GET', '/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const row = listed.body.tokens.find((item) => item.id === token.id);
    expect(row?.lastUsed).not.toBeNull();
  });

  it('keeps several tokens active at once, flags one expiring within 7 days, and revokes one without touching the other', async () => {
    const old = (
      await admin.request<CreatedTokenView>('POST', '/tokens', { body: { name: 'okta-old', expiresInDays: 3 } })
    ).body;
    const next = (
      await admin.request<CreatedTokenView>('POST', '/tokens', { body: { name: 'okta-new', expiresInDays: null } })
    ).body;
    expect(old.token.expiringSoon).toBe(true);
    expect(next.token).toMatchObject({ expires: null, expiringSoon: false });
    expect((await scimCall(server.scimBase, old.secret, 'GET', '/Users')).status).toBe(200);
    expect((await scimCall(server.scimBase, next.secret, 'GET', '/Users')).status).toBe(200);

    const revoked = await admin.request<TokenView>('POST', `/tokens/${old.token.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', expiringSoon: false });
    const refused = await scimCall(server.scimBase, old.secret, 'GET', '/Users');
    expect(refused.status).toBe(401);
    expect(String(refused.body['detail'])).toContain('revoked');
    expect((await scimCall(server.scimBase, next.secret, 'GET', '/Users')).status).toBe(200);

    const listed = (await admin.request<{ tokens: TokenView[] }>('GET', '/tokens')).body.tokens;
    expect(listed.find((item) => item.id === old.token.id)?.status).toBe('revoked');
    expect(listed.find((item) => item.id === next.token.id)?.status).toBe('active');
  });

  it.each([
    [{}, 'Give the token a name'],
    [{ name: '   ' }, 'Give the token a name'],
    [{ name: 'x'.repeat(101) }, 'Give the token a name'],
    [{ name: 'ok', expiresInDays: 0 }, '"expiresInDays" must be a whole number of days from 1'],
    [{ name: 'ok', expiresInDays: 'soon' }, '"expiresInDays" must be a whole number'],
  ])('refuses to create a token from %j', async (body, words) => {
    const response = await admin.request('POST', '/tokens', { body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ detail: expect.stringContaining(words) });
  });

  it('answers 404 when revoking an unknown token', async () => {
    const response = await admin.request('POST', '/tokens/no-such-token/revoke');
    expect(response.status).toBe(404);
  });
});
