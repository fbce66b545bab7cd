/**
 * `X-Forwarded-Host` and `X-Forwarded-Proto` decide `meta.location` only behind a trusted proxy
 * (TRUST_PROXY), against a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimCall } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(['sqlite', 'postgres'] as const)('forwarded headers on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  it('ignores X-Forwarded-Host for meta.location unless TRUST_PROXY is set', async () => {
    const reply = await scimCall(
      server,
      'POST',
      '/Users',
      { userName: `forwarded.${dialect}@example.com` },
      { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    );
    expect(reply.status).toBe(201);
    expect(String((reply.body?.['meta'] as Record<string, unknown>)['location'])).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/scim\/v2\/Users\//,
    );
    expect(reply.headers.get('location')).not.toContain('evil.example');
  });
});

describe('TRUST_PROXY with a number of hops', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { trustProxy: 1 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('takes the protocol and host from the one trusted proxy for meta.location', async () => {
    const response = await fetch(`${server.scimBase}/Users`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': 'application/scim+json',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'library.example.com',
      },
      body: JSON.stringify({ userName: 'behind.proxy@example.com' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toMatch(/^https:\/\/library\.example\.com\/api\/scim\/v2\/Users\//);
  });
});
