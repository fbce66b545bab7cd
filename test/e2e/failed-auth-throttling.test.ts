/**
 * Guessing tokens is throttled per address: 429 with Retry-After after repeated bad tokens, while
 * good tokens are still served. Against a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('throttling of failed authentication', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { rateLimitPerSecond: 50, rateLimitBurst: 200 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 429 with Retry-After once an address keeps sending bad tokens, and still serves good ones', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const response = await fetch(`${server.scimBase}/Users`, {
        headers: { Authorization: 'Bearer lsc_not-a-real-token' },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
    }
    expect(statuses).toContain(401);
    expect(statuses[statuses.length - 1]).toBe(429);
    const good = await fetch(`${server.scimBase}/Users`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(good.status).toBe(200);
  });
});
