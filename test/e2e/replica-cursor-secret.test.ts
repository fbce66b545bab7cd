/**
 * Replicas share the cursor-signing secret through the database: three fresh PostgreSQL replicas
 * that page for the first time at the same moment all accept each other's cursors.
 */
import { describe, expect, it } from 'vitest';
import {
  type Replica,
  type ScimReply,
  callReplica,
  clusterForTests,
  createUsers,
  roundRobin,
} from '../support/replica-cluster.js';

describe('three fresh PostgreSQL replicas paging for the first time at the same moment', () => {
  const current = clusterForTests({ replicas: 3, dialect: 'postgres' }, async (cluster) => {
    await createUsers(cluster, roundRobin(cluster.replicas), 'first-page', 3);
  });

  /** Cursors that some replica rejects, as `issuer->reader status scimType`. */
  async function crossCheck(issued: { issuer: Replica; reply: ScimReply }[]): Promise<string[]> {
    const rejected: string[] = [];
    for (const { issuer, reply } of issued) {
      expect(reply.status, reply.text).toBe(200);
      const cursor = String(reply.body?.['nextCursor']);
      for (const replica of current().replicas) {
        const next = await callReplica(replica, 'GET', `/Users?cursor=${encodeURIComponent(cursor)}&count=1`, {
          token: current().token,
        });
        if (next.status !== 200)
          rejected.push(`${issuer.name}->${replica.name} ${next.status} ${String(next.body?.['scimType'])}`);
      }
    }
    return rejected;
  }

  const firstPage = (issuer: Replica) =>
    callReplica(issuer, 'GET', '/Users?cursor=&count=1', { token: current().token }).then((reply) => ({
      issuer,
      reply,
    }));

  // Regression (src/directory/list-paging.ts, CursorCodec.key): the cursor secret used to be
  // created by "read the setting; if absent, generate one and upsert it". Under READ COMMITTED,
  // concurrent first uses all saw no row, each upserted its own secret and signed with it, so
  // cursors issued in that moment were rejected with 400 invalidCursor. The secret is now written
  // only if absent (settings.setIfAbsent) and every replica uses the one that was stored.
  it('every replica accepts every cursor, also those issued while the cursor secret was being created', async () => {
    const duringRace = await Promise.all(
      current().replicas.flatMap((replica) => Array.from({ length: 4 }, () => firstPage(replica))),
    );
    const afterRace = await Promise.all(current().replicas.map(firstPage));
    const rejected = [...(await crossCheck(duringRace)), ...(await crossCheck(afterRace))];
    expect(rejected).toEqual([]);
  });
});
