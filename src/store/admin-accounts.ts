/**
 * Admin accounts of the console (Workstation): the admins who sign in, and their sessions.
 *
 * Nothing secret is stored in clear: passwords are scrypt hashes (see `src/admin/password-hash.ts`)
 * and a session is stored under the SHA-256 of its id, so that a copy of the database opens no
 * console. Sessions live in the database so that any replica accepts any session and a sign-out
 * takes effect everywhere.
 */

export interface AdminUserRecord {
  id: string;
  /** As typed at set-up; unique ignoring case. */
  username: string;
  /** `scrypt$<N>$<r>$<p>$<salt>$<hash>`, never the password. */
  passwordHash: string;
  created: string;
  /** When the password was last set. */
  passwordChanged: string;
  lastLogin: string | null;
  /** Failed sign-ins since the last success; drives the per-account throttle. */
  failedLogins: number;
  /** ISO time until which sign-in is refused after too many failures, or null. */
  lockedUntil: string | null;
}

export interface AdminSessionRecord {
  /** Hex SHA-256 of the session id; the id itself is only in the admin's cookie. */
  idHash: string;
  adminId: string;
  created: string;
  /** Last request seen (written at most about once a minute). */
  lastSeen: string;
  /** The session is refused from this time on. */
  expires: string;
  /** The browser's User-Agent at sign-in, to let an admin recognise their sessions. */
  userAgent: string | null;
}

export interface AdminAccountRepository {
  countAdmins(): Promise<number>;
  /** Throws StoreConflictError('other') when the username is taken (ignoring case). */
  insertAdmin(admin: AdminUserRecord): Promise<void>;
  getAdmin(id: string): Promise<AdminUserRecord | undefined>;
  /** Case-insensitive. */
  getAdminByUsername(username: string): Promise<AdminUserRecord | undefined>;
  listAdmins(): Promise<AdminUserRecord[]>;
  setPassword(id: string, passwordHash: string, at: string): Promise<boolean>;
  /**
   * A failed sign-in: increments the counter, then locks the account until `lockUntilFor(count)`
   * (null: no lock) unless it is locked longer already. Returns the new count.
   */
  recordFailedLogin(id: string, lockUntilFor: (failures: number) => string | null): Promise<number>;
  /** A successful sign-in: resets the counter and the lock. */
  recordLogin(id: string, at: string): Promise<void>;

  insertSession(session: AdminSessionRecord): Promise<void>;
  getSession(idHash: string): Promise<AdminSessionRecord | undefined>;
  /** Slide the session: new last-seen time and expiry. */
  touchSession(idHash: string, lastSeen: string, expires: string): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Sign an admin out everywhere (after a password change). Returns sessions deleted. */
  deleteSessionsOf(adminId: string): Promise<number>;
  /** Delete sessions that expired before `before`. Returns sessions deleted. */
  pruneSessions(before: string): Promise<number>;
}

/**
 * Transactions over the admin accounts alone. `adminAccountStore(store)` (src/admin) adapts a
 * `Store` whose sessions carry `adminAccounts`; `kyselyAdminAccountStore` (sql/) works on a Kysely
 * instance directly.
 */
export interface AdminAccountStore {
  read<T>(work: (accounts: AdminAccountRepository) => Promise<T>): Promise<T>;
  write<T>(work: (accounts: AdminAccountRepository) => Promise<T>): Promise<T>;
}
