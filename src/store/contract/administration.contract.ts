/**
 * Store contract, part 3: tokens, settings, custom attributes, field mappings and the activity log.
 */
import { describe, expect, it } from 'vitest';
import { StoreConflictError } from '../store.js';
import type { ActivityQuery, CustomAttributeRecord, Store } from '../store.js';
import { activity, at, token } from './fixtures.js';
import type { JsonValue } from '../../scim/json.js';

const DEPARTMENT: CustomAttributeRecord = {
  id: 'attr-1',
  resourceType: 'User',
  schema: 'urn:example:params:scim:schemas:extension:library:2.0:User',
  name: 'readerCard',
  type: 'string',
  multiValued: false,
  caseExact: true,
  description: 'Reader card number',
  created: at(1),
};

export function describeAdministrationContract(store: () => Store): void {
  describe('tokens', () => {
    it('stores a token and finds it by id and by hash', async () => {
      await store().write((s) => s.tokens.insert(token(1, { expires: at(999) })));
      await store().write((s) => s.tokens.insert(token(2)));
      const byHash = await store().read((s) => s.tokens.getByHash(token(1).hash));
      expect(byHash).toEqual(token(1, { expires: at(999) }));
      expect(await store().read((s) => s.tokens.get('token-2'))).toEqual(token(2));
      expect(await store().read((s) => s.tokens.get('token-9'))).toBeUndefined();
      expect(await store().read((s) => s.tokens.getByHash('0'.repeat(64)))).toBeUndefined();
      expect((await store().read((s) => s.tokens.list())).map((t) => t.id)).toEqual(['token-1', 'token-2']);
    });

    it('rejects a second token with the same hash or id', async () => {
      await store().write((s) => s.tokens.insert(token(1)));
      await expect(store().write((s) => s.tokens.insert(token(2, { hash: token(1).hash })))).rejects.toMatchObject({
        constraint: 'tokenHash',
      });
      await expect(store().write((s) => s.tokens.insert(token(1, { hash: token(3).hash })))).rejects.toMatchObject({
        constraint: 'id',
      });
    });

    it('revokes once, keeping the first revocation time', async () => {
      await store().write((s) => s.tokens.insert(token(1)));
      expect(await store().write((s) => s.tokens.revoke('token-1', at(10)))).toBe(true);
      expect(await store().write((s) => s.tokens.revoke('token-1', at(20)))).toBe(false);
      expect(await store().write((s) => s.tokens.revoke('token-9', at(20)))).toBe(false);
      expect((await store().read((s) => s.tokens.get('token-1')))?.revoked).toBe(at(10));
    });

    it('records the last use, never moving it backwards', async () => {
      await store().write((s) => s.tokens.insert(token(1)));
      await store().write((s) => s.tokens.touch('token-1', at(30)));
      expect((await store().read((s) => s.tokens.get('token-1')))?.lastUsed).toBe(at(30));
      await store().write((s) => s.tokens.touch('token-1', at(20)));
      expect((await store().read((s) => s.tokens.get('token-1')))?.lastUsed).toBe(at(30));
      await store().write((s) => s.tokens.touch('token-1', at(40)));
      expect((await store().read((s) => s.tokens.get('token-1')))?.lastUsed).toBe(at(40));
    });
  });

  describe('settings and field mappings', () => {
    it('round-trips JSON values and overwrites them', async () => {
      const values: Record<string, JsonValue> = {
        object: { enabled: true, nested: { list: [1, 'two', null] } },
        array: ['a', 1.5, false],
        text: 'hello "world"',
        number: 42,
        boolean: false,
        nothing: null,
      };
      await store().write(async (s) => {
        for (const [key, value] of Object.entries(values)) await s.settings.set(key, value);
      });
      await store().read(async (s) => {
        for (const [key, value] of Object.entries(values)) expect(await s.settings.get(key)).toEqual(value);
        expect(await s.settings.get('missing')).toBeUndefined();
      });
      await store().write((s) => s.settings.set('number', { replaced: true }));
      expect(await store().read((s) => s.settings.get('number'))).toEqual({ replaced: true });
    });

    it('keeps the first value of a setting written only if absent, also under concurrency', async () => {
      const stored = await Promise.all(
        Array.from({ length: 8 }, (_, n) => store().write((s) => s.settings.setIfAbsent('secret', `candidate-${n}`))),
      );
      expect(new Set(stored).size).toBe(1);
      expect(await store().read((s) => s.settings.get('secret'))).toEqual(stored[0]);
      expect(await store().write((s) => s.settings.setIfAbsent('secret', 'late'))).toEqual(stored[0]);
    });

    it('sets field mappings, one per field', async () => {
      await store().write(async (s) => {
        await s.fieldMappings.set({ field: 'user.fullName', scimPath: 'displayName' });
        await s.fieldMappings.set({ field: 'user.email', scimPath: 'emails' });
        await s.fieldMappings.set({ field: 'user.fullName', scimPath: 'name.formatted' });
      });
      expect(await store().read((s) => s.fieldMappings.list())).toEqual([
        { field: 'user.email', scimPath: 'emails' },
        { field: 'user.fullName', scimPath: 'name.formatted' },
      ]);
    });
  });

  describe('custom attributes', () => {
    it('inserts, lists and deletes, refusing a name that differs only in case within a schema', async () => {
      await store().write((s) => s.schemaAttributes.insert(DEPARTMENT));
      const otherSchema = {
        ...DEPARTMENT,
        id: 'attr-2',
        schema: 'urn:example:other:2.0:User',
        multiValued: true,
        caseExact: false,
      };
      await store().write((s) => s.schemaAttributes.insert(otherSchema));
      const error = await store()
        .write((s) => s.schemaAttributes.insert({ ...DEPARTMENT, id: 'attr-3', name: 'READERCARD' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreConflictError);
      expect(error).toMatchObject({ constraint: 'customAttribute' });
      expect(await store().read((s) => s.schemaAttributes.list())).toEqual([DEPARTMENT, otherSchema]);
      expect(await store().write((s) => s.schemaAttributes.delete('attr-1'))).toBe(true);
      expect(await store().write((s) => s.schemaAttributes.delete('attr-1'))).toBe(false);
      expect(await store().read((s) => s.schemaAttributes.list())).toEqual([otherSchema]);
    });
  });

  describe('activity', () => {
    it('lists newest first with filters and id paging', async () => {
      await store().write(async (s) => {
        await s.activity.insert(activity(1));
        await s.activity.insert(activity(2, { status: 409, scimType: 'uniqueness', detail: 'taken', client: 'Entra' }));
        await s.activity.insert(activity(3, { status: 404, resourceType: 'Group', summary: null, requestBody: null }));
        await s.activity.insert(activity(4, { status: 500 }));
      });
      const all = await store().read((s) => s.activity.list({ limit: 10 }));
      expect(all.map((a) => a.requestId)).toEqual(['req-4', 'req-3', 'req-2', 'req-1']);
      expect(all[3]).toEqual({ ...activity(1), id: all[3]?.id });
      expect(all[1]).toMatchObject({ summary: null, requestBody: null });
      const ids = async (query: Omit<ActivityQuery, 'limit'>) =>
        (await store().read((s) => s.activity.list({ limit: 10, ...query }))).map((a) => a.requestId);
      expect(await ids({ statusClass: 4 })).toEqual(['req-3', 'req-2']);
      expect(await ids({ status: 409 })).toEqual(['req-2']);
      expect(await ids({ client: 'Entra' })).toEqual(['req-2']);
      expect(await ids({ resourceType: 'Group' })).toEqual(['req-3']);
      const resourceId = activity(1).resourceId ?? '';
      expect(await ids({ resourceId })).toEqual(['req-1']);
      expect(await ids({ since: at(2), until: at(4) })).toEqual(['req-3', 'req-2']);
      const beforeId = all[1]?.id;
      expect((await store().read((s) => s.activity.list({ limit: 1, beforeId }))).map((a) => a.requestId)).toEqual([
        'req-2',
      ]);
    });

    it('prunes by age and by count', async () => {
      await store().write(async (s) => {
        for (let n = 1; n <= 10; n += 1) await s.activity.insert(activity(n));
      });
      expect(await store().write((s) => s.activity.prune({ before: at(3) }))).toBe(2);
      expect(await store().write((s) => s.activity.prune({ keep: 5 }))).toBe(3);
      const left = await store().read((s) => s.activity.list({ limit: 100 }));
      expect(left.map((a) => a.requestId)).toEqual(['req-10', 'req-9', 'req-8', 'req-7', 'req-6']);
      expect(await store().write((s) => s.activity.prune({ keep: 5, before: at(1) }))).toBe(0);
      expect(await store().write((s) => s.activity.prune({ keep: 0 }))).toBe(5);
    });
  });
}
