/**
 * The one loop over every recorded client exchange. Each fixture file becomes one test named
 * `<folder>/<file>` and runs against a fresh server started by `test/support/test-server.ts`,
 * once on a fresh SQLite file and once on a fresh PostgreSQL schema. Set
 * LIBRARY_CONFORMANCE_DIALECT=sqlite or =postgres to replay on one only.
 */
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { describe, it, expect } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import { loadFixtures, replayFixture } from './replay-harness.js';

const root = dirname(fileURLToPath(import.meta.url));
const fixtures = loadFixtures(root);
const only = process.env['LIBRARY_CONFORMANCE_DIALECT'];
const dialects = (['sqlite', 'postgres'] as const).filter(
  (dialect) => only === undefined || only === '' || only === dialect,
);

/** Seeding fixtures (the Okta import of 250 users) need more than the default 30 s on slow machines. */
const TIMEOUT_MS = 120_000;

describe.each(dialects)('recorded client exchanges (%s)', (dialect) => {
  it('finds fixtures for Okta, Entra and the other clients', () => {
    const folders = new Set(fixtures.map((f) => f.folder));
    expect([...folders].sort()).toEqual(['entra', 'okta', 'other']);
  });

  for (const loaded of fixtures) {
    it(
      loaded.name,
      async () => {
        const server = await startTestServer({ dialect });
        try {
          const report = await replayFixture(loaded, server);
          expect(report.steps).toBe(loaded.fixture.steps.length);
        } finally {
          await server.close();
        }
      },
      TIMEOUT_MS,
    );
  }
});
