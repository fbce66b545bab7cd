/**
 * The scale-out claim (README "Scaling out", docs/architecture.md "Scale-out"): replicas on one
 * database are stateless and interchangeable. Three real servers share one fresh PostgreSQL
 * schema, each with its own pool, caches and port; requests are spread over them by a tiny
 * round-robin dispatcher, as a load balancer would.
 * The concurrency claims (`test/support/replica-write-claims.ts`) run here and on two servers
 * sharing one SQLite file (`sqlite-replicas.test.ts`).
 *
 * Propagation is polled in a bounded loop (PROPAGATION_BOUND_MS, for CACHE_TTL_SECONDS = 1);
 * nothing asserts a time beyond that bound. Observed propagation times are printed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CustomAttributeRecord } from '../../src/store/store.js';
import {
  type Replica,
  type ScimReply,
  callReplica,
  clusterForTests,
  createUsers,
  replicaAt,
  roundRobin,
} from '../support/replica-cluster.js';
import { CORE_USER, STRATEGY_USER, concurrentWriteTests, patch, valueAt } from '../support/replica-write-claims.js';

const PROPAGATION_BOUND_MS = 1500;

/** Poll `probe` until it returns true; resolves with the milliseconds taken, or fails at the bound. */
async function within(boundMs: number, what: string, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe()) return Math.round(performance.now() - started);
    if (performance.now() - started > boundMs) throw new Error(`${what}: not seen within ${boundMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function resources(reply: ScimReply): Record<string, unknown>[] {
  const list = reply.body?.['Resources'];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

function idsOf(reply: ScimReply): string[] {
  return resources(reply).map((resource) => String(resource['id']));
}

describe('three replicas on one PostgreSQL schema', () => {
  const current = clusterForTests({ replicas: 3, dialect: 'postgres' });
  const timings: string[] = [];
  afterAll(() => {
    if (timings.length > 0)
      console.info(`[replica propagation, bound ${PROPAGATION_BOUND_MS} ms] ${timings.join('; ')}`);
  });

  it('migrates concurrently at start: every replica ready, each migration recorded once', async () => {
    const history = await current().migrationHistory();
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history).size).toBe(history.length);
    for (const replica of current().replicas) {
      const ready = await fetch(`${replica.origin}/readyz`);
      expect(ready.status, replica.name).toBe(200);
      await replica.store.migrate();
    }
    expect(await current().migrationHistory()).toEqual(history);
  });

  it('a user created through A is read through B and C, and found by filter on each', async () => {
    const [a, b, c] = [replicaAt(current(), 0), replicaAt(current(), 1), replicaAt(current(), 2)];
    const userName = `shared-${randomUUID().slice(0, 8)}@example.com`;
    const created = await callReplica(a, 'POST', '/Users', {
      token: current().token,
      body: { schemas: [CORE_USER], userName },
    });
    expect(created.status, created.text).toBe(201);
    const id = String(created.body?.['id']);
    for (const replica of [b, c]) {
      const read = await callReplica(replica, 'GET', `/Users/${id}`, { token: current().token });
      expect(read.status, read.text).toBe(200);
      expect(read.body?.['userName']).toBe(userName);
      expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
      const found = await callReplica(
        replica,
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
        { token: current().token },
      );
      expect(idsOf(found)).toEqual([id]);
    }
  });

  it('a token created through A works on B; revoked through B, every replica answers 401 "revoked" within the bound', async () => {
    const [a, b] = [replicaAt(current(), 0), replicaAt(current(), 1)];
    const created = await a.server.directory.tokens.create({ name: 'rotating' });
    // Every replica has the token cached as active: the worst case for revocation.
    for (const replica of current().replicas) {
      const reply = await callReplica(replica, 'GET', '/Users?count=1', { token: created.token });
      expect(reply.status, `${replica.name}: ${reply.text}`).toBe(200);
    }
    await b.server.directory.tokens.revoke(created.summary.id);
    const took = await Promise.all(
      current().replicas.map((replica) =>
        within(PROPAGATION_BOUND_MS, `revocation on ${replica.name}`, async () => {
          const reply = await callReplica(replica, 'GET', '/Users?count=1', { token: created.token });
          if (reply.status === 200) return false;
          expect(reply.status, reply.text).toBe(401);
          expect(String(reply.body?.['detail'])).toContain('revoked');
          return true;
        }),
      ),
    );
    timings.push(
      `token revocation ${current()
        .replicas.map((replica, index) => `${replica.name} ${took[index]} ms`)
        .join(', ')}`,
    );
    const other = await callReplica(a, 'GET', '/Users?count=1', { token: current().token });
    expect(other.status, 'the other token is untouched').toBe(200);
  });

  it('scimEnabled=false set through one replica: every replica answers 403 within the bound, and 200 again after re-enabling', async () => {
    const c = replicaAt(current(), 2);
    for (const replica of current().replicas)
      expect((await callReplica(replica, 'GET', '/Users?count=1', { token: current().token })).status).toBe(200);
    const statusEverywhere = (status: number, what: string) =>
      Promise.all(
        current().replicas.map((replica) =>
          within(PROPAGATION_BOUND_MS, `${what} on ${replica.name}`, async () => {
            return (await callReplica(replica, 'GET', '/Users?count=1', { token: current().token })).status === status;
          }),
        ),
      );
    await c.server.directory.settings.update({ scimEnabled: false });
    try {
      const took = await statusEverywhere(403, 'SCIM disabled');
      timings.push(
        `scimEnabled=false ${took.map((ms, index) => `${replicaAt(current(), index).name} ${ms} ms`).join(', ')}`,
      );
      const reply = await callReplica(replicaAt(current(), 0), 'GET', '/Users', { token: current().token });
      expect(reply.status).toBe(403);
      expect(String(reply.body?.['detail'])).toContain('disabled');
    } finally {
      await c.server.directory.settings.update({ scimEnabled: true });
      await statusEverywhere(200, 'SCIM re-enabled');
    }
  });

  it('a custom attribute added through one replica appears in /Schemas of every replica within the bound', async () => {
    const name = `readerCard${randomUUID().slice(0, 6)}`;
    const published = async (replica: Replica): Promise<boolean> => {
      const reply = await callReplica(replica, 'GET', `/Schemas/${STRATEGY_USER}`, { token: current().token });
      expect(reply.status, reply.text).toBe(200);
      const attributes = (reply.body?.['attributes'] ?? []) as { name: string }[];
      return attributes.some((attribute) => attribute.name === name);
    };
    for (const replica of current().replicas)
      expect(await published(replica), `cached snapshot of ${replica.name}`).toBe(false);
    const c = replicaAt(current(), 2);
    const record: CustomAttributeRecord = {
      id: randomUUID(),
      resourceType: 'User',
      schema: STRATEGY_USER,
      name,
      type: 'string',
      multiValued: false,
      caseExact: false,
      description: 'Library reader card number.',
      created: new Date().toISOString(),
    };
    await c.store.write((session) => session.schemaAttributes.insert(record));
    c.server.directory.catalog.invalidate();
    const took = await Promise.all(
      current().replicas.map((replica) =>
        within(PROPAGATION_BOUND_MS, `${name} on ${replica.name}`, () => published(replica)),
      ),
    );
    timings.push(
      `custom attribute ${took.map((ms, index) => `${replicaAt(current(), index).name} ${ms} ms`).join(', ')}`,
    );
    // Written through A, read through B: the attribute is usable everywhere.
    const [userId] = await createUsers(
      current(),
      roundRobin(current().replicas),
      `card-${randomUUID().slice(0, 8)}`,
      1,
    );
    const patched = await callReplica(replicaAt(current(), 0), 'PATCH', `/Users/${String(userId)}`, {
      token: current().token,
      body: patch({ op: 'add', path: `${STRATEGY_USER}:${name}`, value: 'RC-1' }),
    });
    expect(patched.status, patched.text).toBe(200);
    const read = await callReplica(replicaAt(current(), 1), 'GET', `/Users/${String(userId)}`, {
      token: current().token,
    });
    expect(valueAt(read.body, `${STRATEGY_USER}:${name}`)).toBe('RC-1');
  });

  it('an RFC 9865 cursor issued by A continues on B and then on C', async () => {
    const prefix = `cursor-${randomUUID().slice(0, 8)}`;
    const created = await createUsers(current(), roundRobin(current().replicas), prefix, 25);
    const filter = encodeURIComponent(`userName sw "${prefix}"`);
    const page = (replica: Replica, cursor: string) =>
      callReplica(replica, 'GET', `/Users?filter=${filter}&cursor=${encodeURIComponent(cursor)}&count=10`, {
        token: current().token,
      });
    const seen: string[] = [];
    let cursor = '';
    for (const [index, replica] of [
      replicaAt(current(), 0),
      replicaAt(current(), 1),
      replicaAt(current(), 2),
    ].entries()) {
      const reply = await page(replica, cursor);
      expect(reply.status, `${replica.name}: ${reply.text}`).toBe(200);
      expect(reply.body?.['totalResults']).toBe(25);
      if (index > 0)
        expect(idsOf(await page(replicaAt(current(), 0), cursor)), 'the same page through A').toEqual(idsOf(reply));
      seen.push(...idsOf(reply));
      const next = reply.body?.['nextCursor'];
      cursor = typeof next === 'string' ? next : '';
      if (index < 2) expect(cursor, `nextCursor from ${replica.name}`).not.toBe('');
      else expect(reply.body?.['nextCursor']).toBeUndefined();
    }
    expect(seen).toHaveLength(25);
    expect([...seen].sort()).toEqual([...created].sort());
  });

  concurrentWriteTests(current);
});
