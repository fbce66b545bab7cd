/**
 * Inputs that once reached the database unchecked. PostgreSQL rejects NUL characters in text and
 * JSONB, which turned such requests into 500s; both databases must answer 400 instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(['sqlite', 'postgres'] as const)('edge-case input on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  const send = (method: string, path: string, body?: string) =>
    fetch(`${server.scimBase}${path}`, {
      method,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/scim+json' },
      body,
    });

  it('answers 400 invalidValue for a NUL character in a body, and writes nothing', async () => {
    const response = await send('POST', '/Users', '{"userName":"nul\\u0000user@example.com"}');
    expect(response.status).toBe(400);
    const error = (await response.json()) as { scimType: string; detail: string };
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/NUL character/);
    const list = (await (await send('GET', '/Users')).json()) as { totalResults: number };
    expect(list.totalResults).toBe(0);
  });

  it('answers 400 invalidValue for a NUL character in a filter', async () => {
    const response = await send('GET', `/Users?filter=${encodeURIComponent('userName eq "a\u0000b"')}`);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { scimType: string; detail: string };
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(/"filter".*NUL/);
  });

  it('keeps accepting an escaped backslash followed by u0000 as ordinary text', async () => {
    const response = await send('POST', '/Users', JSON.stringify({ userName: 'back\\u0000slash@example.com' }));
    expect(response.status).toBe(201);
    const user = (await response.json()) as { userName: string };
    expect(user.userName).toBe('back\\u0000slash@example.com');
  });
});
