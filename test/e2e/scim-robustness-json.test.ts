/**
 * Adversarial JSON over real HTTP, on SQLite and on PostgreSQL: deeply nested and very large
 * bodies, one attribute named twice in different case, empty bodies, and text no database can
 * store. A SCIM error with the right status and an actionable detail, never a 500, and a failed
 * write changes nothing. Sibling of scim-robustness.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ENTERPRISE, expectScimError, hostileTarget, patch } from '../support/hostile-requests.js';

describe.each(['sqlite', 'postgres'] as const)('hostile JSON on %s', (dialect) => {
  const target = hostileTarget(dialect);
  const call = target.call;
  const refused = target.refused;

  describe('deep, large and ambiguous JSON', () => {
    const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    it('100,000 levels of nesting in an unknown attribute are ignored; in a known one refused', async () => {
      const ignored = await call('POST', '/Users', {
        raw: `{"userName":"deep.unknown@example.com","hobby":${deep(100_000)}}`,
      });
      expect(ignored.status, ignored.text.slice(0, 300)).toBe(201);
      expect(ignored.body).not.toHaveProperty('hobby');
      const arrays = `{"userName":"deep.emails@example.com","emails":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
      expect(expectScimError(await call('POST', '/Users', { raw: arrays }), 400, 'invalidValue')).toContain('emails');
      await refused(
        'PUT',
        `/Users/${target.userId}`,
        { raw: `{"userName":"reader@example.com","name":{"givenName":${deep(5_000)}}}` },
        400,
        'invalidValue',
      );
    });

    it('100,000 levels of nesting in a PATCH value: 400 invalidValue saying it is nested too deep', async () => {
      const raw = `{"Operations":[{"op":"add","path":"title","value":${deep(100_000)}}]}`;
      const detail = await refused('PATCH', `/Users/${target.userId}`, { raw }, 400, 'invalidValue');
      expect(detail).toMatch(/nested more than \d+ levels deep/);
      const noPath = `{"Operations":[{"op":"add","value":{"title":${deep(100_000)}}}]}`;
      await refused('PATCH', `/Users/${target.userId}`, { raw: noPath }, 400, 'invalidValue');
    });

    it('a body with 50,000 unknown keys and a 1 MB title is stored and read back', async () => {
      const body: Record<string, unknown> = { userName: 'wide@example.com', title: 't'.repeat(1_000_000) };
      for (let key = 0; key < 50_000; key += 1) body[`k${key}`] = key;
      const created = await call('POST', '/Users', { body });
      expect(created.status, created.text.slice(0, 300)).toBe(201);
      const read = await call('GET', `/Users/${String(created.body?.['id'])}`);
      expect(String(read.body?.['title']).length).toBe(1_000_000);
      expect(Object.keys(read.body ?? {}).some((key) => key.startsWith('k'))).toBe(false);
    });

    it.each([
      ['a top-level attribute', '{"userName":"a@example.com","USERNAME":"b@example.com"}', /"userName" and "USERNAME"/],
      [
        'a sub-attribute',
        '{"userName":"a@example.com","name":{"givenName":"A","GIVENNAME":"B"}}',
        /"givenName" and "GIVENNAME"/,
      ],
      [
        'an extension URN',
        `{"userName":"a@example.com","${ENTERPRISE}":{"department":"A"},"${ENTERPRISE.toUpperCase()}":{"department":"B"}}`,
        /both/,
      ],
      [
        'an element of emails',
        '{"userName":"a@example.com","emails":[{"value":"a@example.com","Value":"b@example.com"}]}',
        /"value" and "Value"/,
      ],
    ])(
      '%s named twice in different case: 400 invalidSyntax naming both, nothing written',
      async (_name, raw, detail) => {
        expect(await refused('POST', '/Users', { raw }, 400, 'invalidSyntax')).toMatch(detail);
        expect(
          await refused(
            'PUT',
            `/Users/${target.userId}`,
            { raw: raw.replace('a@example.com', 'reader@example.com') },
            400,
            'invalidSyntax',
          ),
        ).toMatch(detail);
      },
    );

    it.each([
      ['a no-path value', patch({ op: 'replace', value: { title: 'A', TITLE: 'B' } })],
      ['an extension block', patch({ op: 'replace', path: ENTERPRISE, value: { department: 'A', Department: 'B' } })],
      ['an operation', patch({ op: 'replace', OP: 'remove', path: 'title', value: 'A' })],
    ])('one attribute named twice in different case in %s of a PATCH: 400 invalidSyntax', async (_name, body) => {
      expect(await refused('PATCH', `/Users/${target.userId}`, { body }, 400, 'invalidSyntax')).toMatch(/both/);
    });
  });

  describe('text no database can store', () => {
    it.each([
      ['an unpaired surrogate in userName', '{"userName":"\\ud800@example.com"}', 'userName'],
      [
        'an unpaired surrogate in name.givenName',
        '{"userName":"s1@example.com","name":{"givenName":"\\udfff"}}',
        'name.givenName',
      ],
      [
        'an unpaired surrogate in an extension',
        `{"userName":"s2@example.com","${ENTERPRISE}":{"department":"R\\ud83d"}}`,
        'department',
      ],
    ])('%s: 400 invalidValue naming the attribute, on POST and PUT', async (_name, raw, named) => {
      expect(await refused('POST', '/Users', { raw }, 400, 'invalidValue')).toContain(named);
      const put = named === 'userName' ? raw : raw.replace(/"userName":"[^"]*"/, '"userName":"reader@example.com"');
      expect(await refused('PUT', `/Users/${target.userId}`, { raw: put }, 400, 'invalidValue')).toContain(named);
    });

    it('an unpaired surrogate in a PATCH value or a group name: 400 invalidValue', async () => {
      const raw = '{"Operations":[{"op":"replace","path":"title","value":"Head \\ud800"}]}';
      expect(await refused('PATCH', `/Users/${target.userId}`, { raw }, 400, 'invalidValue')).toMatch(/surrogate/);
      await refused('POST', '/Groups', { raw: '{"displayName":"Room \\udc00"}' }, 400, 'invalidValue');
      await refused(
        'PATCH',
        `/Groups/${target.groupId}`,
        { raw: '{"Operations":[{"op":"replace","path":"displayName","value":"\\ud800"}]}' },
        400,
        'invalidValue',
      );
    });

    it('a NUL character in a body: 400 invalidValue, nothing written', async () => {
      await refused('POST', '/Users', { raw: '{"userName":"nul\\u0000@example.com"}' }, 400, 'invalidValue');
      await refused(
        'PATCH',
        `/Users/${target.userId}`,
        { raw: '{"Operations":[{"op":"replace","path":"title","value":"a\\u0000"}]}' },
        400,
        'invalidValue',
      );
    });

    it('emoji, accents and right-to-left text round-trip exactly, and are found by filter', async () => {
      const userName = 'ünïcødé.😀.مرحبا@example.com';
      const created = await call('POST', '/Users', { body: { userName, name: { givenName: 'Zoë 😀' } } });
      expect(created.status, created.text).toBe(201);
      const read = await call('GET', `/Users/${String(created.body?.['id'])}`);
      expect(read.body?.['userName']).toBe(userName);
      expect(read.body?.['name']).toEqual({ givenName: 'Zoë 😀' });
      const found = await call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
      expect(found.body?.['totalResults']).toBe(1);
    });
  });
});
