/**
 * `npm run bench`: the speed claims, measured over real HTTP against real SQLite files, each as a
 * ratio to a baseline measured in the same run (these machines are noisy; absolute numbers are
 * printed for context only).
 *
 * Environment: BENCH_USERS (default 1000000), BENCH_GROUP_MEMBERS (default 100000),
 * BENCH_REPEAT (default 30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCIM_BASE_PATH, loadConfig } from '../src/config.js';
import { buildServer, type LibraryServer } from '../src/http/server.js';
import { openStore } from '../src/store/open-store.js';
import { benchUserId, seedGroupMembers, seedUsers } from './seed.js';

const USERS = Number(process.env['BENCH_USERS'] ?? 1_000_000);
const GROUP_MEMBERS = Number(process.env['BENCH_GROUP_MEMBERS'] ?? 100_000);
const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 30);
const SMALL_USERS = 1_000;
const SMALL_GROUP = 10;

interface Instance {
  base: string;
  token: string;
  server: LibraryServer;
  file: string;
  close(): Promise<void>;
}

async function startInstance(folder: string, name: string): Promise<Instance> {
  const file = join(folder, `${name}.db`);
  const config = loadConfig(
    {},
    { databaseUrl: `sqlite:${file}`, host: '127.0.0.1', port: 0, rateLimitPerSecond: 0, logLevel: 'silent' },
  );
  const store = await openStore({ databaseUrl: config.databaseUrl });
  await store.migrate();
  const server = await buildServer({ config, store, logger: false });
  const address = await server.fastify.listen({ host: '127.0.0.1', port: 0 });
  const { token } = await server.directory.tokens.create({ name: 'bench' });
  return {
    base: `${address}${SCIM_BASE_PATH}`,
    token,
    server,
    file,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

async function call(instance: Instance, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${instance.base}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${instance.token}`,
      'Content-Type': 'application/scim+json',
      Accept: 'application/scim+json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Median milliseconds of `REPEAT` runs of `work(i)`, after a few warm-up runs. */
async function median(work: (iteration: number) => Promise<unknown>): Promise<number> {
  for (let warm = 0; warm < 3; warm += 1) await work(-1 - warm);
  const samples: number[] = [];
  for (let iteration = 0; iteration < REPEAT; iteration += 1) {
    const start = performance.now();
    await work(iteration);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

interface Row {
  claim: string;
  baseline: string;
  baselineMs: number;
  subject: string;
  subjectMs: number;
}

function report(rows: Row[]): void {
  const lines = [
    '| claim | baseline | median ms | measured | median ms | ratio |',
    '|---|---|---:|---|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.claim} | ${row.baseline} | ${row.baselineMs.toFixed(2)} | ${row.subject} | ${row.subjectMs.toFixed(2)} | ${(row.subjectMs / row.baselineMs).toFixed(2)} |`,
    ),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'library-scim-bench-'));
  process.stdout.write(
    `Library SCIM bench: ${USERS} users, a group of ${GROUP_MEMBERS} members, median of ${REPEAT} runs; SQLite files in ${folder}\n`,
  );
  const small = await startInstance(folder, 'small');
  const large = await startInstance(folder, 'large');
  const rows: Row[] = [];
  try {
    let start = performance.now();
    await seedUsers(small.file, SMALL_USERS);
    await seedUsers(large.file, USERS);
    process.stdout.write(`seeded ${USERS} users in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);

    // Filter by userName: 1,000 users vs the large directory.
    const lookup = (instance: Instance, size: number) => (i: number) =>
      call(
        instance,
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "USER${(Math.abs(i) * 7919) % size}@EXAMPLE.COM"`)}`,
      );
    rows.push({
      claim: 'userName filter stays fast as the directory grows',
      baseline: `${SMALL_USERS} users`,
      baselineMs: await median(lookup(small, SMALL_USERS)),
      subject: `${USERS} users`,
      subjectMs: await median(lookup(large, USERS)),
    });

    // Deep paging: cursor pages cost the same anywhere; index paging at the end pays for OFFSET.
    const firstPage = await median(() => call(large, 'GET', '/Users?startIndex=1&count=100'));
    const firstCursor =
      ((await call(large, 'GET', '/Users?cursor=&count=100')) as { nextCursor?: string }).nextCursor ?? '';
    rows.push({
      claim: 'cursor paging: a later page costs what the first costs',
      baseline: 'startIndex=1, count=100',
      baselineMs: firstPage,
      subject: 'cursor page 2, count=100',
      subjectMs: await median(() => call(large, 'GET', `/Users?count=100&cursor=${encodeURIComponent(firstCursor)}`)),
    });
    rows.push({
      claim: 'index paging deep in the directory (OFFSET; for context)',
      baseline: 'startIndex=1, count=100',
      baselineMs: firstPage,
      subject: `startIndex=${USERS - 100}, count=100`,
      subjectMs: await median(() => call(large, 'GET', `/Users?startIndex=${USERS - 100}&count=100`)),
    });

    // Membership change in a group of 10 vs a group of GROUP_MEMBERS.
    start = performance.now();
    const smallGroup = (await call(large, 'POST', '/Groups', { displayName: 'small group' })) as { id: string };
    const bigGroup = (await call(large, 'POST', '/Groups', { displayName: 'big group' })) as { id: string };
    await seedGroupMembers(large.file, smallGroup.id, 0, SMALL_GROUP);
    await seedGroupMembers(large.file, bigGroup.id, 0, GROUP_MEMBERS);
    process.stdout.write(
      `seeded a group of ${GROUP_MEMBERS} members in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
    );
    const toggle = (groupId: string) => async (i: number) => {
      const memberId = `00000000-0000-4000-8000-${String(GROUP_MEMBERS + 10 + Math.abs(i)).padStart(12, '0')}`;
      await call(large, 'PATCH', `/Groups/${groupId}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: memberId }] }],
      });
      await call(large, 'PATCH', `/Groups/${groupId}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'remove', path: `members[value eq "${memberId}"]` }],
      });
    };
    rows.push({
      claim: 'adding and removing one member costs the same in any group',
      baseline: `group of ${SMALL_GROUP}`,
      baselineMs: await median(toggle(smallGroup.id)),
      subject: `group of ${GROUP_MEMBERS}`,
      subjectMs: await median(toggle(bigGroup.id)),
    });
    // Okta's App Integration Wizard apps send the whole member list on every push: the request
    // itself grows with the group, but only the changed member is checked and written.
    const fullList = (size: number, changed: number) =>
      Array.from({ length: size }, (_, n) => ({ value: benchUserId(n === 0 ? GROUP_MEMBERS + 100 + changed : n) }));
    const putAll = (groupId: string, name: string, size: number) => (i: number) =>
      call(large, 'PUT', `/Groups/${groupId}?excludedAttributes=members`, {
        displayName: name,
        members: fullList(size, Math.abs(i) % 2),
      });
    rows.push({
      claim: 'Okta AIW push: PUT the full member list with one member changed (O(list) parse, O(change) writes)',
      baseline: `group of ${SMALL_GROUP}`,
      baselineMs: await median(putAll(smallGroup.id, 'small group', SMALL_GROUP)),
      subject: `group of ${GROUP_MEMBERS}`,
      subjectMs: await median(putAll(bigGroup.id, 'big group', GROUP_MEMBERS)),
    });
    rows.push({
      claim: 'reading a large group without its members (Entra excludedAttributes=members)',
      baseline: `group of ${SMALL_GROUP}`,
      baselineMs: await median(() => call(large, 'GET', `/Groups/${smallGroup.id}?excludedAttributes=members`)),
      subject: `group of ${GROUP_MEMBERS}`,
      subjectMs: await median(() => call(large, 'GET', `/Groups/${bigGroup.id}?excludedAttributes=members`)),
    });

    // Provisioning writes against the cheapest authenticated read.
    rows.push({
      claim: 'create a user (durable commit) relative to an authenticated read',
      baseline: 'GET /ServiceProviderConfig',
      baselineMs: await median(() => call(large, 'GET', '/ServiceProviderConfig')),
      subject: 'POST /Users',
      subjectMs: await median((i) =>
        call(large, 'POST', '/Users', { userName: `bench-create-${i}-${Date.now()}@example.com`, active: true }),
      ),
    });
    report(rows);
  } finally {
    await small.close();
    await large.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
