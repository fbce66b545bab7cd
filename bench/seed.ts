/**
 * Fast seeding for the bench: rows written straight into a migrated SQLite file in the layout of
 * `src/store/sql/tables.ts`, in large transactions. Seeding is not what is measured.
 */
import Database from 'better-sqlite3';

export function benchUserId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export async function seedUsers(file: string, count: number): Promise<void> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare(
    `INSERT INTO users (id, user_name, user_name_key, external_id, display_name, active, email, email_key,
       full_name, trust_id, distinguished_name, resource, version, created, last_modified, deleted_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, ?, 1, ?, ?, NULL)`,
  );
  const at = new Date().toISOString();
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n += 1) {
      const userName = `user${n}@example.com`;
      const displayName = `User ${n}`;
      const resource = JSON.stringify({
        userName,
        externalId: `ext-${n}`,
        displayName,
        name: { givenName: 'User', familyName: String(n) },
        emails: [{ value: userName, type: 'work', primary: true }],
        active: true,
      });
      insert.run(
        benchUserId(n),
        userName,
        userName,
        `ext-${n}`,
        displayName,
        userName,
        userName,
        displayName,
        userName,
        resource,
        at,
        at,
      );
    }
  });
  for (let from = 0; from < count; from += 50_000) {
    batch(from, Math.min(count, from + 50_000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  db.close();
}

export async function seedGroupMembers(file: string, groupId: string, from: number, to: number): Promise<void> {
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO group_members (group_id, member_id, member_type) VALUES (?, ?, 'User')`,
  );
  const batch = db.transaction((start: number, end: number) => {
    for (let n = start; n < end; n += 1) insert.run(groupId, benchUserId(n));
  });
  for (let start = from; start < to; start += 50_000) {
    batch(start, Math.min(to, start + 50_000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  db.close();
}
