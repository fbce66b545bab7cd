/**
 * Bearer tokens: only the SHA-256 of the secret is stored (`hash`, unique), with a prefix to tell
 * tokens apart in the console.
 */
import type { Selectable } from 'kysely';
import type { TokenRecord, TokenRepository } from '../store.js';
import type { SqlContext } from './sql-context.js';
import { conflictError, mappingConflicts } from './store-errors.js';
import type { TokensTable } from './tables.js';

function toTokenRecord(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    hash: row.hash,
    prefix: row.prefix,
    created: row.created,
    expires: row.expires,
    lastUsed: row.last_used,
    revoked: row.revoked,
  };
}

export function createTokenRepository(ctx: SqlContext): TokenRepository {
  const { db } = ctx;

  return {
    async insert(token) {
      const inserted = await mappingConflicts(() =>
        db
          .insertInto('tokens')
          .values({
            id: token.id,
            name: token.name,
            hash: token.hash,
            prefix: token.prefix,
            created: token.created,
            expires: token.expires,
            last_used: token.lastUsed,
            revoked: token.revoked,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst(),
      );
      if (inserted) return;
      const sameHash = await db.selectFrom('tokens').select('id').where('hash', '=', token.hash).executeTakeFirst();
      if (sameHash) throw conflictError('tokenHash', 'A token with this secret already exists; generate a new secret.');
      throw conflictError('id', `A token with id "${token.id}" already exists.`);
    },

    async getByHash(hash) {
      const row = await db.selectFrom('tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
      return row ? toTokenRecord(row) : undefined;
    },

    async get(id) {
      const row = await db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toTokenRecord(row) : undefined;
    },

    async list() {
      const rows = await db.selectFrom('tokens').selectAll().orderBy('created').orderBy('id').execute();
      return rows.map(toTokenRecord);
    },

    /** True when this call revoked the token; false when it is unknown or already revoked (the first time is kept). */
    async revoke(id, at) {
      const result = await db
        .updateTable('tokens')
        .set({ revoked: at })
        .where('id', '=', id)
        .where('revoked', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Never moves last_used backwards (two replicas may report out of order). */
    async touch(id, at) {
      await db
        .updateTable('tokens')
        .set({ last_used: at })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used', 'is', null), eb('last_used', '<', at)]))
        .execute();
    },
  };
}
