/**
 * Two servers on one SQLite file are interchangeable replicas too: migrations run once, and the
 * concurrency claims of `test/support/replica-write-claims.ts` hold.
 */
import { describe, expect, it } from 'vitest';
import { clusterForTests } from '../support/replica-cluster.js';
import { concurrentWriteTests } from '../support/replica-write-claims.js';

describe('two servers on one SQLite file', () => {
  // Migrated one after another: two SQLite stores in one process cannot wait for each other's
  // write lock (see ReplicaClusterOptions.migrate); two processes can.
  const current = clusterForTests({ replicas: 2, dialect: 'sqlite', migrate: 'sequentially' });

  it('migrates at start: each migration recorded once', async () => {
    const history = await current().migrationHistory();
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history).size).toBe(history.length);
  });

  concurrentWriteTests(current);
});
