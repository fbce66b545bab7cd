/**
 * The activity log keeps no secret a client sent, however it spelled it: a password PATCH with
 * keys in another case, a secret quoted back in an error detail. Against a real server on SQLite
 * and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimUser, scimCall } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe.each(['sqlite', 'postgres'] as const)('activity log redaction on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect });
  });
  afterAll(async () => {
    await server.close();
  });

  it('redacts a password PATCH whose keys are spelled "Path" and "Value"', async () => {
    const id = await createScimUser(server, `secret.case.${dialect}@example.com`);
    const secret = `SuperSecretPW-${dialect}-1`;
    const reply = await scimCall(server, 'PATCH', `/Users/${id}`, {
      Operations: [{ op: 'Replace', Path: 'password', Value: secret }],
    });
    expect(reply.status).toBe(200);
    await server.server.directory.activity.flush();
    const rows = await server.server.directory.store.read((session) =>
      session.activity.list({ resourceId: id, limit: 10 }),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('keeps a secret quoted in an error detail out of the activity log', async () => {
    const id = await createScimUser(server, `secret.detail.${dialect}@example.com`);
    const secret = `S3cret-In-Path-${dialect}`;
    const reply = await scimCall(server, 'PATCH', `/Users/${id}`, {
      Operations: [{ op: 'replace', path: `password[value eq "${secret}"]`, value: 'x' }],
    });
    expect(reply.status).toBe(400);
    await server.server.directory.activity.flush();
    const rows = await server.server.directory.store.read((session) =>
      session.activity.list({ resourceId: id, limit: 10 }),
    );
    expect(rows.some((row) => row.status === 400)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});
