/**
 * The one-time set-up code. While no admin exists, the server prints a code on start; the first
 * admin types it into the console (or sends it to `POST /api/admin/setup`) to set a password.
 *
 * Only SHA-256 hashes are stored, in the `settings` table, each with an expiry. Several codes may
 * be valid at once (replicas that start together each print their own); the first successful
 * set-up clears them all.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { AdminAccountStore } from '../store/admin-accounts.js';
import type { Store } from '../store/store.js';
import type { JsonValue } from '../scim/json.js';

export const SETUP_CODE_SETTING = 'admin.setupCodes';
/** A printed code is accepted for this long. */
export const SETUP_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_PENDING_CODES = 5;
/** Crockford's base32 alphabet: no I, L, O or U to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

interface PendingCode {
  hash: string;
  expires: string;
}

/** A new code such as `K7QM-2XPA-9DTR-WC4H` (80 bits). */
export function generateSetupCode(): string {
  const groups: string[] = [];
  for (let group = 0; group < 4; group += 1) {
    let text = '';
    for (let index = 0; index < 4; index += 1) text += ALPHABET.charAt(randomInt(ALPHABET.length));
    groups.push(text);
  }
  return groups.join('-');
}

/** Upper case, without spaces or dashes, with O read as 0 and I/L as 1 (as Crockford intends). */
export function normalizeSetupCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function hashCode(code: string): string {
  return createHash('sha256')
    .update(`library-admin-setup:${normalizeSetupCode(code)}`)
    .digest('hex');
}

function readPending(value: JsonValue | undefined, now: number): PendingCode[] {
  if (!Array.isArray(value)) return [];
  const codes: PendingCode[] = [];
  for (const item of value) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    const { hash, expires } = item;
    if (typeof hash === 'string' && typeof expires === 'string' && Date.parse(expires) > now)
      codes.push({ hash, expires });
  }
  return codes;
}

/**
 * When no admin exists, issue a new set-up code, store its hash and return it to be printed.
 * Returns undefined when an admin exists (nothing to set up).
 */
export async function issueSetupCode(
  store: Store,
  accounts: AdminAccountStore,
  now: Date = new Date(),
): Promise<string | undefined> {
  if ((await accounts.read((repo) => repo.countAdmins())) > 0) return undefined;
  const code = generateSetupCode();
  const entry: PendingCode = {
    hash: hashCode(code),
    expires: new Date(now.getTime() + SETUP_CODE_LIFETIME_MS).toISOString(),
  };
  await store.write(async (session) => {
    const pending = readPending(await session.settings.get(SETUP_CODE_SETTING), now.getTime());
    const kept = [...pending, entry].slice(-MAX_PENDING_CODES);
    await session.settings.set(
      SETUP_CODE_SETTING,
      kept.map((item) => ({ hash: item.hash, expires: item.expires })),
    );
  });
  return code;
}

/** True when `code` is one of the pending set-up codes (compared by hash, in constant time). */
export async function isValidSetupCode(store: Store, code: string, now: Date = new Date()): Promise<boolean> {
  const pending = await store.read(async (session) =>
    readPending(await session.settings.get(SETUP_CODE_SETTING), now.getTime()),
  );
  const given = Buffer.from(hashCode(code), 'hex');
  let found = false;
  for (const item of pending) {
    const stored = Buffer.from(item.hash, 'hex');
    if (stored.length === given.length && timingSafeEqual(stored, given)) found = true;
  }
  return found;
}

/** Forget every pending code (after the first admin was created). */
export async function clearSetupCodes(store: Store): Promise<void> {
  await store.write((session) => session.settings.set(SETUP_CODE_SETTING, []));
}
