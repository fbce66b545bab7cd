/**
 * Adversarial request bodies over real HTTP, on SQLite and on PostgreSQL: wrong JSON types in
 * every place, and PATCH messages and paths of every shape filled with garbage. The product rule:
 * a SCIM error with the right status, `scimType` and an actionable `detail` (no stack trace, no
 * SQL), never a 500, and a failed write changes nothing (every failing write below is followed by
 * a read-back of the resource).
 *
 * Sibling files: scim-robustness-json (deep, large and ambiguous JSON, unstorable text),
 * scim-robustness-queries (filters, paging, ids), scim-robustness-concurrency
 * (racing writes, big groups, nesting, deletes), scim-robustness-transport (cut and chunked
 * bodies, malformed URLs).
 */
import { describe, expect, it } from 'vitest';
import { ENTERPRISE, PATCH_OP, expectScimError, hostileTarget, patch } from '../support/hostile-requests.js';

describe.each(['sqlite', 'postgres'] as const)('hostile request bodies on %s', (dialect) => {
  const target = hostileTarget(dialect);
  const call = target.call;
  const refused = target.refused;
  const snapshot = target.snapshot;

  describe('wrong JSON types in POST and PUT', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['userName as a number', { userName: 42 }, 'userName'],
      ['userName as an array', { userName: ['a@example.com'] }, 'userName'],
      ['userName as an object', { userName: { value: 'a@example.com' } }, 'userName'],
      ['name as a string', { name: 'Ada Lovelace' }, 'name'],
      ['name.givenName as a number', { name: { givenName: 7 } }, 'name.givenName'],
      ['emails as a string', { emails: 'a@example.com' }, 'emails'],
      ['emails as an array of numbers', { emails: [5] }, 'emails'],
      ['emails nested in arrays', { emails: [[{ value: 'a@example.com' }]] }, 'emails'],
      ['emails.value as a number', { emails: [{ value: 5 }] }, 'emails.value'],
      ['emails.primary as a string', { emails: [{ value: 'a@example.com', primary: 'yes' }] }, 'emails.primary'],
      ['active as "yes"', { active: 'yes' }, 'active'],
      ['active as a number', { active: 1 }, 'active'],
      ['displayName as an object', { displayName: { text: 'Ada' } }, 'displayName'],
      ['the enterprise extension as a string', { [ENTERPRISE]: 'Sales' }, ENTERPRISE],
      ['the enterprise extension as an array', { [ENTERPRISE]: [{ department: 'Sales' }] }, ENTERPRISE],
      ['manager as a number', { [ENTERPRISE]: { manager: 5 } }, 'manager'],
      ['phoneNumbers as an object of arrays', { phoneNumbers: { value: ['1'] } }, 'phoneNumbers'],
    ];

    it.each(cases)(
      'POST with %s: 400 invalidValue naming the attribute, nothing created',
      async (_name, fields, named) => {
        const detail = await refused(
          'POST',
          '/Users',
          { body: { userName: 'new.reader@example.com', ...fields } },
          400,
          'invalidValue',
        );
        expect(detail).toContain(named);
      },
    );

    it.each(cases)('PUT with %s: 400 invalidValue, the user unchanged', async (_name, fields, named) => {
      const body = { userName: 'reader@example.com', ...fields };
      const detail = await refused('PUT', `/Users/${target.userId}`, { body }, 400, 'invalidValue');
      expect(detail).toContain(named);
    });

    it.each([
      ['null', null],
      ['an array', [{ userName: 'x@example.com' }]],
      ['a string', 'userName=x@example.com'],
      ['a number', 42],
      ['true', true],
    ])('a body that is %s: 400 invalidSyntax', async (_name, body) => {
      await refused('POST', '/Users', { raw: JSON.stringify(body) }, 400, 'invalidSyntax');
      await refused('PUT', `/Users/${target.userId}`, { raw: JSON.stringify(body) }, 400, 'invalidSyntax');
      await refused('PUT', `/Groups/${target.groupId}`, { raw: JSON.stringify(body) }, 400, 'invalidSyntax');
    });

    it('an empty or blank body says that the request has no body', async () => {
      for (const raw of ['', '   \n ']) {
        const detail = await refused('POST', '/Users', { raw }, 400, 'invalidSyntax');
        expect(detail).toMatch(/no body/);
        expect(detail).not.toMatch(/but it is a JSON object/);
      }
    });

    it.each([
      ['members as a number', 5],
      ['members as a string', 'reader@example.com'],
      ['a member that is a number', [5]],
      ['a member without value', [{ display: 'Ada' }]],
      ['a member with an empty value', [{ value: '' }]],
      ['a member value that is a number', [{ value: 42 }]],
      ['a member type that is a number', [{ value: 'x', type: 7 }]],
    ])('a group with %s: 400 invalidValue on POST and PUT, nothing written', async (_name, members) => {
      await refused('POST', '/Groups', { body: { displayName: 'Bad Members', members } }, 400, 'invalidValue');
      await refused(
        'PUT',
        `/Groups/${target.groupId}`,
        { body: { displayName: 'Reading Room', members } },
        400,
        'invalidValue',
      );
    });

    it.each([
      ['a number', 5],
      ['an object', { text: 'x' }],
      ['an empty string', ''],
      ['white space', '   '],
      ['null', null],
    ])('a group displayName that is %s: 400 invalidValue', async (_name, displayName) => {
      await refused('POST', '/Groups', { body: { displayName } }, 400, 'invalidValue');
      await refused('PUT', `/Groups/${target.groupId}`, { body: { displayName } }, 400, 'invalidValue');
    });
  });

  describe('PATCH messages of the wrong shape', () => {
    it.each([
      ['null', 'invalidSyntax', null],
      ['an array', 'invalidSyntax', [{ op: 'replace', path: 'title', value: 'x' }]],
      ['no Operations', 'invalidSyntax', { schemas: [PATCH_OP] }],
      ['Operations as an object', 'invalidSyntax', { Operations: { op: 'replace', path: 'title', value: 'x' } }],
      ['Operations as a string', 'invalidSyntax', { Operations: 'replace title' }],
      ['an operation that is null', 'invalidSyntax', { Operations: [null] }],
      ['an operation that is an array', 'invalidSyntax', { Operations: [['replace', 'title', 'x']] }],
      ['an operation without op', 'invalidSyntax', { Operations: [{ path: 'title', value: 'x' }] }],
      ['op as a number', 'invalidSyntax', { Operations: [{ op: 1, path: 'title', value: 'x' }] }],
      ['op "move"', 'invalidSyntax', { Operations: [{ op: 'move', path: 'title', value: 'x' }] }],
      ['path as a number', 'invalidPath', { Operations: [{ op: 'replace', path: 5, value: 'x' }] }],
      ['path as an array', 'invalidPath', { Operations: [{ op: 'replace', path: ['title'], value: 'x' }] }],
      ['add without value', 'invalidValue', { Operations: [{ op: 'add', path: 'title' }] }],
      ['remove without path', 'noTarget', { Operations: [{ op: 'remove' }] }],
      ['replace without path and a string value', 'invalidValue', { Operations: [{ op: 'replace', value: 'x' }] }],
      [
        'replace without path and an array value',
        'invalidValue',
        { Operations: [{ op: 'replace', value: [{ title: 'x' }] }] },
      ],
      [
        '10,001 operations',
        'invalidValue',
        { Operations: Array.from({ length: 10_001 }, () => ({ op: 'replace', path: 'title', value: 'x' })) },
      ],
      [
        '"value" and "Value" in one operation',
        'invalidSyntax',
        { Operations: [{ op: 'replace', path: 'title', value: 'a', Value: 'b' }] },
      ],
      [
        '"Operations" and "operations"',
        'invalidSyntax',
        { Operations: [], operations: [{ op: 'remove', path: 'title' }] },
      ],
    ])('a PATCH with %s: 400 %s, user and group unchanged', async (_name, scimType, body) => {
      await refused('PATCH', `/Users/${target.userId}`, { raw: JSON.stringify(body) }, 400, scimType);
      await refused('PATCH', `/Groups/${target.groupId}`, { raw: JSON.stringify(body) }, 400, scimType);
    });

    it('a failing operation after good ones applies none of them', async () => {
      const body = patch(
        { op: 'replace', path: 'title', value: 'Changed' },
        { op: 'add', path: 'emails', value: [{ value: 'second@example.com' }] },
        { op: 'replace', path: 'active', value: 'perhaps' },
      );
      const detail = await refused('PATCH', `/Users/${target.userId}`, { body }, 400, 'invalidValue');
      expect(detail).toMatch(/^Operation 3 /);
    });
  });

  describe('PATCH paths of every form, with garbage values', () => {
    const paths = [
      'title',
      'name.givenName',
      'name',
      'emails',
      'emails.value',
      'emails[type eq "work"]',
      'emails[type eq "work"].value',
      'emails[value co "@"].primary',
      'addresses[type eq "home"].postalCode',
      `${ENTERPRISE}:manager`,
      `${ENTERPRISE}:manager.value`,
      `${ENTERPRISE}:department`,
      ENTERPRISE,
      'active',
      'x509Certificates[value eq "TWFu"].value',
    ];
    const garbage: unknown[] = [
      7,
      -1.5,
      true,
      'text',
      '',
      null,
      [],
      [7],
      [[]],
      [null],
      {},
      { value: 7 },
      [{ value: {} }],
      { a: { b: { c: 1 } } },
    ];

    it(
      'never answers 500; every refusal is a SCIM 400 that leaves the user unchanged',
      { timeout: 180_000 },
      async () => {
        const outcomes = new Map<number, number>();
        for (const path of paths) {
          for (const value of garbage) {
            for (const op of ['add', 'replace', 'remove']) {
              const before = await snapshot(`/Users/${target.userId}`);
              const reply = await call('PATCH', `/Users/${target.userId}`, { body: patch({ op, path, value }) });
              outcomes.set(reply.status, (outcomes.get(reply.status) ?? 0) + 1);
              if (reply.status === 200) {
                // Accepted (an empty value unassigns, for example): put the user back for the next case.
                const restored = await call('PUT', `/Users/${target.userId}`, {
                  raw: before.replace(/"meta":\{[^}]*\}/, '"meta":{}'),
                });
                expect(restored.status, `${op} ${path} ${JSON.stringify(value)}: ${restored.text}`).toBe(200);
                continue;
              }
              expect([400], `${op} ${path} ${JSON.stringify(value)}: ${reply.text}`).toContain(reply.status);
              expectScimError(reply, 400);
              expect(await snapshot(`/Users/${target.userId}`)).toBe(before);
            }
          }
        }
        expect(outcomes.get(400)).toBeGreaterThan(100);
        expect([...outcomes.keys()].sort()).toEqual([200, 400]);
      },
    );

    it.each([
      ['[', 'invalidPath'],
      ['emails[type eq "work"', 'invalidPath'],
      ['emails[type eq "work"]]', 'invalidPath'],
      ['emails[]', 'invalidPath'],
      ['emails[type]', 'invalidPath'],
      ['emails[type eq "work"].value.extra', 'invalidPath'],
      ['emails[type eq "work"][value eq "x"]', 'invalidPath'],
      ['title eq "x"', 'invalidPath'],
      ['two words', 'invalidPath'],
      ['.title', 'invalidPath'],
      ['urn:example:unknown:2.0:User:title', 'invalidPath'],
      ['favouriteColour', 'invalidPath'],
      ['name.nickname.first', 'invalidPath'],
      ['emails[value eq "\\u0000"].type', 'invalidPath'],
      ['meta.lastModified', 'mutability'],
      ['id', 'mutability'],
    ])('the path %s: 400 %s quoting it', async (path, scimType) => {
      const detail = await refused(
        'PATCH',
        `/Users/${target.userId}`,
        { body: patch({ op: 'replace', path, value: 'x' }) },
        400,
        scimType,
      );
      expect(detail).toContain(path.slice(0, 8).replace('\\u0000', ''));
    });

    it('a path of 10,001 characters: 400 invalidPath giving the limit', async () => {
      const detail = await refused(
        'PATCH',
        `/Users/${target.userId}`,
        { body: patch({ op: 'replace', path: 'x'.repeat(10_001), value: 'x' }) },
        400,
        'invalidPath',
      );
      expect(detail).toMatch(/10001 characters/);
    });

    it.each([
      ['members as a number', { op: 'add', path: 'members', value: 5 }],
      ['a member that is an array', { op: 'add', path: 'members', value: [[]] }],
      ['a member value that is a number', { op: 'add', path: 'members', value: [{ value: 5 }] }],
      ['a member of type "Alien"', { op: 'add', path: 'members', value: [{ value: 'x', type: 'Alien' }] }],
      ['a member given with "value" and "VALUE"', { op: 'add', path: 'members', value: [{ value: 'x', VALUE: 'y' }] }],
      ['an unknown member id', { op: 'add', path: 'members', value: [{ value: 'no-such-member' }] }],
      ['replace with an unknown member id', { op: 'replace', path: 'members', value: [{ value: 'no-such-member' }] }],
      ['a filter on an unknown member sub-attribute', { op: 'remove', path: 'members[colour eq "x"]' }],
      ['a nested value filter', { op: 'remove', path: 'members[value eq "x" and emails[type eq "work"]]' }],
    ])('a group PATCH with %s: 400, the group and its members unchanged', async (_name, operation) => {
      await refused('PATCH', `/Groups/${target.groupId}`, { body: patch(operation) }, 400);
    });
  });
});
