/**
 * The baseline: a bare `node:http` server in its own process that answers every request (after
 * reading its body) with the same ~600-byte SCIM user. The bench's ratios are Library SCIM's
 * requests a second over this server's, measured in the same run with the same requests.
 */
import { createServer } from 'node:http';

const origin = `http://localhost:${process.env['PORT'] ?? '0'}`;
const id = '00000000-0000-4000-8000-000000123456';
const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id,
  externalId: 'ext-123456',
  userName: 'user123456@example.com',
  name: { givenName: 'Bench', familyName: 'User123456', formatted: 'Bench User 123456' },
  displayName: 'Bench User 123456',
  emails: [{ value: 'bench.user123456@work.example.com', type: 'work', primary: true }],
  active: true,
  groups: [],
  meta: {
    resourceType: 'User',
    created: '2026-01-01T00:00:00.000Z',
    lastModified: '2026-01-01T00:00:00.000Z',
    location: `${origin}/api/scim/v2/Users/${id}`,
    version: 'W/"1"',
  },
};
const body = Buffer.from(JSON.stringify(user));

const server = createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': body.length });
    response.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`baseline node:http listening, ${body.length}-byte user\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
