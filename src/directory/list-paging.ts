/**
 * Paging of list queries: RFC 7644 index paging (`startIndex`, `count`) and RFC 9865 cursor
 * paging (`cursor`, `nextCursor`). Cursors are opaque, bound to the query they came from, signed
 * with a secret kept in the database (so any replica accepts another's cursor), and expire.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../scim/errors.js';
import type { Store } from '../store/store.js';

const CURSOR_LIFETIME_MS = 24 * 60 * 60 * 1000;
const CURSOR_SECRET_KEY = 'cursor.secret';

interface CursorPayload {
  /** Query fingerprint. */
  q: string;
  /** Keyset position (seq) or offset. */
  seq?: number;
  off?: number;
  /** Issued at, epoch ms. */
  t: number;
}

export function parseCount(raw: number | undefined, defaultPageSize: number, maxPageSize: number): number {
  if (raw === undefined || !Number.isInteger(raw)) return defaultPageSize;
  // RFC 7644 section 3.4.2.4: a negative count is read as 0.
  if (raw < 0) return 0;
  return Math.min(raw, maxPageSize);
}

export function queryFingerprint(parts: (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\u0000'))
    .digest('base64url')
    .slice(0, 16);
}

export class CursorCodec {
  private secret: Promise<Buffer> | undefined;

  constructor(private readonly store: Store) {}

  async encode(payload: Omit<CursorPayload, 't'>): Promise<string> {
    const body = Buffer.from(JSON.stringify({ ...payload, t: Date.now() })).toString('base64url');
    const signature = createHmac('sha256', await this.key())
      .update(body)
      .digest('base64url');
    return `${body}.${signature}`;
  }

  async decode(cursor: string, fingerprint: string): Promise<{ seq?: number; off?: number }> {
    const invalid = ScimError.badRequest(
      'invalidCursor',
      'The cursor is not one this server issued for this query (it was changed, truncated, or used with a different filter or sort). Start again without a cursor value ("cursor=") to get a fresh first page.',
    );
    const [body, signature] = cursor.split('.');
    if (!body || !signature) throw invalid;
    const expected = createHmac('sha256', await this.key())
      .update(body)
      .digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
    let payload: CursorPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
    } catch {
      throw invalid;
    }
    if (payload.q !== fingerprint) throw invalid;
    if (Date.now() - payload.t > CURSOR_LIFETIME_MS) {
      throw ScimError.badRequest(
        'expiredCursor',
        'The cursor has expired (cursors live 24 hours). Start again with "cursor=" to get a fresh first page.',
      );
    }
    const result: { seq?: number; off?: number } = {};
    if (payload.seq !== undefined) result.seq = payload.seq;
    if (payload.off !== undefined) result.off = payload.off;
    return result;
  }

  /**
   * The signing secret, shared by every replica through the database. The first replica to need
   * it creates it; concurrent creators all end up with the one that was stored first.
   */
  private key(): Promise<Buffer> {
    if (!this.secret) {
      this.secret = this.store
        .write((session) => session.settings.setIfAbsent(CURSOR_SECRET_KEY, randomBytes(32).toString('base64url')))
        .then((stored) => {
          if (typeof stored !== 'string')
            throw new Error(`The setting ${CURSOR_SECRET_KEY} is not a string; delete it to have a new one made.`);
          return Buffer.from(stored, 'base64url');
        });
      this.secret.catch(() => {
        this.secret = undefined;
      });
    }
    return this.secret;
  }
}
