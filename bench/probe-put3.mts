import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { Directory } from '../src/directory/directory.js';
import { openStore } from '../src/store/open-store.js';
import { seedUsers, seedGroupMembers, benchUserId } from './seed.js';
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const file = join(dir, 'p.db');
const config = loadConfig({}, { databaseUrl: `sqlite:${file}`, logLevel: 'silent' });
const store = await openStore({ databaseUrl: config.databaseUrl });
await store.migrate();
const d = new Directory(store, config);
await seedUsers(file, 100_100);
const g = await d.groups.create({ displayName: 'big' }, { scimBaseUrl: 'http://x' });
await seedGroupMembers(file, g.id, 0, 100_000);
for (let i = 0; i < 3; i++) {
  const members = Array.from({ length: 100_000 }, (_, n) => ({ value: benchUserId(n === 0 ? 100_000 + i : n) }));
  const t = performance.now();
  const out = await d.groups.replace(g.id, { displayName: 'big', members }, { scimBaseUrl: 'http://x' });
  const t2 = performance.now();
  JSON.stringify(out.resource);
  console.log('replace', (t2 - t).toFixed(0), 'ms; serialise', (performance.now() - t2).toFixed(0), out.summary);
}
await store.close();
