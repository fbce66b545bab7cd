/** Request bodies at the admin API: an empty body with a JSON content type, and malformed JSON. */
import { describe, expect, it } from 'vitest';
import { type AdminClient, type AdminTestServer, useSignedInAdmin } from '../support/admin-test-server.js';

let server: AdminTestServer;
let admin: AdminClient;
useSignedInAdmin((started) => ({ server, admin } = started));

describe('admin API request bodies', () => {
  it('accepts a DELETE that carries a JSON content type and no body', async () => {
    const added = await admin.request('POST', '/attributes', { body: { name: 'emptyBodyProbe', type: 'string' } });
    expect(added.status).toBe(201);
    const removed = await admin.request('DELETE', '/attributes/emptyBodyProbe', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(removed.status).toBeLessThan(300);
  });

  it('answers malformed JSON with 400 invalidSyntax and a detail', async () => {
    const response = await admin.request<{ scimType: string; detail: string }>('POST', '/attributes', {
      headers: { 'Content-Type': 'application/json' },
      body: undefined,
    });
    expect(response.status).toBe(400);
    const raw = await fetch(`${server.adminBase}/attributes`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Cookie: admin.cookie ?? '',
        'X-CSRF-Token': admin.csrfToken ?? '',
      },
      body: '{"name": ',
    });
    expect(raw.status).toBe(400);
    const error = (await raw.json()) as { scimType: string; detail: string };
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(/not valid JSON/);
  });
});
