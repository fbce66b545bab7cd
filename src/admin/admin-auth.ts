/**
 * Admin authentication for the console: the first admin's set-up with the one-time code, sign-in
 * with throttling, sessions kept in the database under the SHA-256 of their id, sliding expiry
 * with an absolute cap, sign-out, and password change. Errors are ScimErrors whose detail tells
 * the admin what to do; a failed sign-in never says whether the name or the password was wrong.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../scim/errors.js';
import type { AdminAccountStore, AdminSessionRecord, AdminUserRecord } from '../store/admin-accounts.js';
import { StoreConflictError, type Store } from '../store/store.js';
import { ACCOUNT_RULE, LoginThrottle, lockDuration } from './login-throttle.js';
import { checkPasswordPolicy, decoyHash, hashPassword, verifyPassword } from './password-hash.js';
import { clearSetupCodes, isValidSetupCode } from './setup-code.js';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 60 * 60_000, absoluteMs: 12 * 60 * 60_000 };
/** `last_seen` is written at most this often per session. */
const TOUCH_RESOLUTION_MS = 60_000;
const USERNAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._@+-]{0,127}$/u;

export interface SignedInAdmin {
  adminId: string;
  username: string;
  /** The id to put in the cookie; never stored. */
  sessionId: string;
  csrfToken: string;
  expires: string;
}

export interface AuthenticatedAdmin {
  adminId: string;
  username: string;
  sessionHash: string;
  csrfToken: string;
  expires: string;
}

/** Who is signing in, for the throttle and the session list. */
export interface ClientInfo {
  address: string;
  userAgent: string | null;
}

export function sessionHash(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex');
}

/**
 * The CSRF token of a session: an HMAC of a fixed label keyed by the session id. Only a page
 * that can read the API's answers (same origin) learns it; it needs no storage.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('library-admin-csrf').digest('base64url');
}

export function csrfTokenMatches(sessionId: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function checkUsername(username: unknown): string {
  if (typeof username !== 'string' || !USERNAME_PATTERN.test(username.trim())) {
    throw ScimError.invalidValue(
      'The admin name must be 1 to 128 letters, digits or ". _ @ + -", starting with a letter or digit (for example "it-admin" or "jane@example.com").',
    );
  }
  return username.trim();
}

export class AdminAuth {
  private readonly throttle = new LoginThrottle();
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly accounts: AdminAccountStore,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  async setupRequired(): Promise<boolean> {
    return (await this.accounts.read((repo) => repo.countAdmins())) === 0;
  }

  /** Create the first admin with a set-up code, and sign them in. */
  async setup(
    input: { setupCode: unknown; username: unknown; password: unknown },
    client: ClientInfo,
  ): Promise<SignedInAdmin> {
    const keys = { client: client.address, account: '(setup)' };
    this.refuseWhileThrottled(keys, 'set-up attempts');
    if (!(await this.setupRequired())) {
      throw new ScimError(
        409,
        'The console is already set up: an admin exists. Sign in instead; an admin who lost their password can be given a new one with "library-scim admin reset-password <name>".',
      );
    }
    const code = typeof input.setupCode === 'string' ? input.setupCode : '';
    if (code.trim() === '' || !(await isValidSetupCode(this.store, code))) {
      this.throttle.failed(keys);
      throw ScimError.unauthorized(
        'The set-up code is wrong or has expired. Use the code printed by the server when it started (valid 24 hours), or print a new one with "library-scim admin setup-code".',
      );
    }
    const username = checkUsername(input.username);
    const password = checkPasswordPolicy(input.password, username);
    const now = new Date().toISOString();
    const admin: AdminUserRecord = {
      id: randomUUID(),
      username,
      passwordHash: await hashPassword(password),
      created: now,
      passwordChanged: now,
      lastLogin: now,
      failedLogins: 0,
      lockedUntil: null,
    };
    await this.accounts.write(async (repo) => {
      if ((await repo.countAdmins()) > 0) {
        throw new ScimError(
          409,
          'The console was set up a moment ago by someone else. Sign in with that admin, or ask them to create yours.',
        );
      }
      await repo.insertAdmin(admin);
    });
    await clearSetupCodes(this.store);
    this.throttle.succeeded(keys);
    return this.openSession(admin, client);
  }

  async login(input: { username: unknown; password: unknown }, client: ClientInfo): Promise<SignedInAdmin> {
    const typed = typeof input.username === 'string' ? input.username.trim() : '';
    const password = typeof input.password === 'string' ? input.password : '';
    if (typed === '' || password === '') throw ScimError.invalidValue('Send both "username" and "password".');
    const keys = { client: client.address, account: typed };
    this.refuseWhileThrottled(keys, 'failed sign-ins');
    const admin = await this.accounts.read((repo) => repo.getAdminByUsername(typed));
    const now = Date.now();
    if (admin?.lockedUntil && Date.parse(admin.lockedUntil) > now) {
      const seconds = Math.ceil((Date.parse(admin.lockedUntil) - now) / 1000);
      throw ScimError.tooManyRequests(
        `Too many failed sign-ins for this admin. Try again in ${seconds} seconds.`,
        seconds,
      );
    }
    const matches = admin
      ? await verifyPassword(password, admin.passwordHash)
      : await verifyPassword(password, await this.decoyHash()).then(() => false);
    if (!admin || !matches) {
      this.throttle.failed(keys);
      if (admin) {
        await this.accounts.write((repo) =>
          repo.recordFailedLogin(admin.id, (failures) => {
            const lock = lockDuration(ACCOUNT_RULE, failures);
            return lock > 0 ? new Date(now + lock).toISOString() : null;
          }),
        );
      }
      throw ScimError.unauthorized(
        'The admin name or the password is wrong. Check both and try again; after several failures, sign-in pauses for a while.',
      );
    }
    this.throttle.succeeded(keys);
    await this.accounts.write((repo) => repo.recordLogin(admin.id, new Date(now).toISOString()));
    return this.openSession(admin, client);
  }

  /** The admin of a session id from the cookie; throws 401 when it is missing, unknown or expired. */
  async authenticate(sessionId: string | undefined): Promise<AuthenticatedAdmin> {
    if (sessionId === undefined || sessionId === '') {
      throw ScimError.unauthorized(
        'Sign in to the admin console first: this request carries no admin session. (SCIM bearer tokens do not open the admin API.)',
      );
    }
    const hash = sessionHash(sessionId);
    const found = await this.accounts.read(async (repo) => {
      const session = await repo.getSession(hash);
      return session ? { session, admin: await repo.getAdmin(session.adminId) } : undefined;
    });
    const now = Date.now();
    if (!found || !found.admin || Date.parse(found.session.expires) <= now) {
      throw ScimError.unauthorized(
        'Your admin session has ended (signed out, expired, or the password changed). Sign in again.',
      );
    }
    const { session, admin } = found;
    let expires = session.expires;
    if (now - Date.parse(session.lastSeen) >= TOUCH_RESOLUTION_MS) {
      expires = this.expiryFor(session.created, now);
      const lastSeen = new Date(now).toISOString();
      await this.accounts.write((repo) => repo.touchSession(hash, lastSeen, expires));
    }
    return {
      adminId: admin.id,
      username: admin.username,
      sessionHash: hash,
      csrfToken: csrfTokenFor(sessionId),
      expires,
    };
  }

  async logout(sessionId: string | undefined): Promise<void> {
    if (sessionId === undefined || sessionId === '') return;
    await this.accounts.write((repo) => repo.deleteSession(sessionHash(sessionId)));
  }

  /** Change the signed-in admin's password; every session of that admin ends but a new one is opened. */
  async changePassword(
    adminId: string,
    input: { currentPassword: unknown; newPassword: unknown },
    client: ClientInfo,
  ): Promise<SignedInAdmin> {
    const admin = await this.accounts.read((repo) => repo.getAdmin(adminId));
    if (!admin) throw ScimError.unauthorized('Your admin account no longer exists. Ask another admin.');
    const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
    if (!(await verifyPassword(current, admin.passwordHash))) {
      this.throttle.failed({ client: client.address, account: admin.username });
      throw ScimError.invalidValue('The current password is wrong; the password was not changed.');
    }
    const password = checkPasswordPolicy(input.newPassword, admin.username);
    const hash = await hashPassword(password);
    await this.accounts.write(async (repo) => {
      await repo.setPassword(admin.id, hash, new Date().toISOString());
      await repo.deleteSessionsOf(admin.id);
    });
    return this.openSession(admin, client);
  }

  /** Delete expired sessions. */
  async pruneSessions(): Promise<number> {
    return this.accounts.write((repo) => repo.pruneSessions(new Date().toISOString()));
  }

  private async openSession(admin: AdminUserRecord, client: ClientInfo): Promise<SignedInAdmin> {
    const sessionId = randomBytes(32).toString('base64url');
    const now = Date.now();
    const created = new Date(now).toISOString();
    const record: AdminSessionRecord = {
      idHash: sessionHash(sessionId),
      adminId: admin.id,
      created,
      lastSeen: created,
      expires: this.expiryFor(created, now),
      userAgent: client.userAgent === null ? null : client.userAgent.slice(0, 300),
    };
    await this.accounts.write((repo) => repo.insertSession(record));
    return {
      adminId: admin.id,
      username: admin.username,
      sessionId,
      csrfToken: csrfTokenFor(sessionId),
      expires: record.expires,
    };
  }

  private expiryFor(created: string, now: number): string {
    return new Date(Math.min(now + this.policy.idleMs, Date.parse(created) + this.policy.absoluteMs)).toISOString();
  }

  private refuseWhileThrottled(keys: { client: string; account: string }, what: string): void {
    const wait = this.throttle.retryAfter(keys);
    if (wait > 0)
      throw ScimError.tooManyRequests(
        `Too many ${what} from this address or for this admin. Try again in ${wait} seconds.`,
        wait,
      );
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= decoyHash();
    return this.decoy;
  }
}

/** Create an admin directly (CLI): for a second admin, or to recover when every password is lost. */
export async function createAdmin(
  accounts: AdminAccountStore,
  username: unknown,
  password: unknown,
): Promise<AdminUserRecord> {
  const name = checkUsername(username);
  const hash = await hashPassword(checkPasswordPolicy(password, name));
  const now = new Date().toISOString();
  const admin: AdminUserRecord = {
    id: randomUUID(),
    username: name,
    passwordHash: hash,
    created: now,
    passwordChanged: now,
    lastLogin: null,
    failedLogins: 0,
    lockedUntil: null,
  };
  try {
    await accounts.write((repo) => repo.insertAdmin(admin));
  } catch (error) {
    if (error instanceof StoreConflictError) throw new ScimError(409, `An admin named "${name}" already exists.`);
    throw error;
  }
  return admin;
}

/** Set a new password for an admin by name (CLI recovery); ends every session of that admin. */
export async function resetAdminPassword(
  accounts: AdminAccountStore,
  username: string,
  password: unknown,
): Promise<void> {
  const admin = await accounts.read((repo) => repo.getAdminByUsername(username));
  if (!admin) throw new ScimError(404, `No admin is named "${username}". See: library-scim admin list`);
  const hash = await hashPassword(checkPasswordPolicy(password, admin.username));
  await accounts.write(async (repo) => {
    await repo.setPassword(admin.id, hash, new Date().toISOString());
    await repo.deleteSessionsOf(admin.id);
  });
}
