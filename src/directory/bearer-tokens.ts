/**
 * Bearer tokens for the SCIM API: created with a name and an optional expiry, stored only as a
 * SHA-256 hash, compared in constant time, revocable, and several may be active at once so that
 * rotation has no downtime.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../scim/errors.js';
import type { Store, TokenRecord } from '../store/store.js';
import type { TokenSummary } from './token-summary.js';

export type { TokenSummary } from './token-summary.js';

/** Secrets look like `lsc_<43 base64url chars>`; the prefix makes leaked tokens easy to scan for. */
export const TOKEN_PREFIX = 'lsc_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** `last_used` is written at most this often per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedToken {
  summary: TokenSummary;
  /** The secret; shown once and never stored. */
  token: string;
}

export interface AuthenticatedToken {
  id: string;
  name: string;
}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function summarizeToken(record: TokenRecord, now: Date = new Date()): TokenSummary {
  const status =
    record.revoked !== null
      ? 'revoked'
      : record.expires !== null && Date.parse(record.expires) <= now.getTime()
        ? 'expired'
        : 'active';
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    created: record.created,
    expires: record.expires,
    lastUsed: record.lastUsed,
    revoked: record.revoked,
    status,
  };
}

/** Parse `30s`, `15m`, `12h`, `90d`, `2w` into seconds. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+)\s*([smhdw])\s*$/i.exec(text);
  if (!match) {
    throw new Error(`"${text}" is not a duration. Write a number and a unit: 30s, 15m, 12h, 90d or 2w.`);
  }
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const seconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
  const total = amount * (seconds[unit] ?? 1);
  if (total <= 0) throw new Error(`The duration "${text}" must be longer than zero.`);
  return total;
}

interface CachedToken {
  record: TokenRecord;
  fetchedAt: number;
}

/**
 * Token lifecycle and authentication. The small cache (per instance, with a short time to live)
 * keeps hashing and lookups off the hot path; revocation takes effect within `cacheTtlMs`.
 */
export class BearerTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly cacheTtlMs: number,
  ) {}

  async create(
    options: { name?: string | undefined; expiresInSeconds?: number | undefined } = {},
  ): Promise<CreatedToken> {
    const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const now = new Date();
    const record: TokenRecord = {
      id: randomUUID(),
      name: options.name?.trim() || `token ${now.toISOString().slice(0, 10)}`,
      hash: hashToken(secret),
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      created: now.toISOString(),
      expires:
        options.expiresInSeconds === undefined
          ? null
          : new Date(now.getTime() + options.expiresInSeconds * 1000).toISOString(),
      lastUsed: null,
      revoked: null,
    };
    await this.store.write((session) => session.tokens.insert(record));
    return { summary: summarizeToken(record, now), token: secret };
  }

  async list(): Promise<TokenSummary[]> {
    const now = new Date();
    const records = await this.store.read((session) => session.tokens.list());
    return records.map((record) => summarizeToken(record, now));
  }

  async revoke(id: string): Promise<TokenSummary | undefined> {
    const record = await this.store.write(async (session) => {
      const existing = await session.tokens.get(id);
      if (!existing) return undefined;
      if (existing.revoked === null) await session.tokens.revoke(id, new Date().toISOString());
      return session.tokens.get(id);
    });
    this.cache.clear();
    return record ? summarizeToken(record) : undefined;
  }

  async hasAny(): Promise<boolean> {
    const records = await this.store.read((session) => session.tokens.list());
    return records.length > 0;
  }

  /**
   * Check an `Authorization` header value. Throws a 401 ScimError whose detail names the case
   * (missing, malformed, unknown, expired, revoked) and never repeats the secret.
   */
  async authenticate(authorization: string | undefined): Promise<AuthenticatedToken> {
    const renew =
      'Generate a new token in the admin console (Workstation > SCIM > Tokens) or with "library-scim token create", and paste it into the identity provider (in Okta: Provisioning > Integration > API Token).';
    if (authorization === undefined || authorization.trim() === '') {
      throw ScimError.unauthorized(
        `The request has no Authorization header. Send "Authorization: Bearer <token>". ${renew}`,
      );
    }
    const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || match[1] === undefined) {
      throw ScimError.unauthorized(
        `The Authorization header is not a bearer token. Library SCIM accepts only "Authorization: Bearer <token>" (in Okta: authentication mode "HTTP Header"). ${renew}`,
      );
    }
    const hash = hashToken(match[1]);
    const record = await this.lookup(hash);
    if (!record || !constantTimeEqualHex(record.hash, hash)) {
      throw ScimError.unauthorized(
        `The bearer token is not known to this server: it may have been mistyped, or it belongs to another server. ${renew}`,
      );
    }
    const now = Date.now();
    if (record.revoked !== null) {
      throw ScimError.unauthorized(
        `The bearer token "${record.name}" (${record.prefix}…) was revoked on ${record.revoked}. ${renew}`,
      );
    }
    if (record.expires !== null && Date.parse(record.expires) <= now) {
      throw ScimError.unauthorized(
        `The bearer token "${record.name}" (${record.prefix}…) expired on ${record.expires}. ${renew}`,
      );
    }
    await this.noteUse(record.id, now);
    return { id: record.id, name: record.name };
  }

  private async lookup(hash: string): Promise<TokenRecord | undefined> {
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && now - cached.fetchedAt < this.cacheTtlMs) return cached.record;
    const record = await this.store.read((session) => session.tokens.getByHash(hash));
    if (record) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(hash, { record, fetchedAt: now });
    }
    return record;
  }

  private async noteUse(id: string, now: number): Promise<void> {
    const last = this.lastUsedWritten.get(id) ?? 0;
    if (now - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now);
    await this.store.write((session) => session.tokens.touch(id, new Date(now).toISOString()));
  }
}

function constantTimeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
