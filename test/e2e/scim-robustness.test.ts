/**
 * Adversarial request bodies over real HTTP, on SQLite and on PostgreSQL: wrong JSON types in
 * every place, PATCH messages and paths of every shape filled with garbage, deeply nested and
 * very large JSON, one attribute named twice in different case, empty bodies, and text no
 * database can store. The product rule: a SCIM error with the right status, `scimType` and an
 * actionable `detail` (no stack trace, no SQL), never a 500, and a failed write changes nothing
 * (every failing write below is followed by a read-back of the resource).
 *
 * Sibling files: scim-robustness-queries (filters, paging, ids), scim-robustness-concurrency
 * (racing writes, big groups, nesting, deletes), scim-robustness-transport (cut and chunked
 * bodies, malformed URLs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ScimReply as Reply,
  type ScimRequest,
  expectScimErrorReply,
  scimRequest,
} from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** What a detail must never show: stack frames, source files, driver or SQL text. */
const LEAK =
  /\bat [\w.<>]+ \(|\.[cm]?[jt]s:\d+|node_modules|SQLITE_|better-sqlite3|\bselect\b.{0,200}\bfrom\b|\binsert into\b|syntax error at|violates|duplicate key|constraint failed|TypeError|RangeError|ReferenceError|\bundefined\b|\[object Object\]/i;

type Send = Pick<ScimRequest, 'body' | 'raw' | 'headers'>;

function expectScimError(reply: Reply, status: number, scimType?: string): string {
  return expectScimErrorReply(reply, status, { scimType, leak: LEAK });
}

function patch(...operations: unknown[]): Record<string, unknown> {
  return { schemas: [PATCH_OP], Operations: operations };
}

describe.each(['sqlite', 'postgres'] as const)('hostile request bodies on %s', (dialect) => {
  let server: TestServer;
  let userId: string;
  let groupId: string;

  function call(method: string, path: string, options: Send = {}): Promise<Reply> {
    return scimRequest(server, method, path, { ...options, token: server.token, timeoutMs: 30_000 });
  }

  /** The resource exactly as served, meta.version and lastModified included. */
  async function snapshot(path: string): Promise<string> {
    const reply = await call('GET', path);
    expect(reply.status, reply.text).toBe(200);
    return reply.text;
  }

  async function total(endpoint: '/Users' | '/Groups'): Promise<number> {
    return Number((await call('GET', `${endpoint}?count=0`)).body?.['totalResults']);
  }

  /** Send a write that must fail with `status`/`scimType` and prove that nothing changed. */
  async function refused(
    method: string,
    path: string,
    options: Send,
    status: number,
    scimType?: string,
  ): Promise<string> {
    const watched = method === 'POST' ? undefined : path;
    const before = watched === undefined ? undefined : await snapshot(watched);
    const users = await total('/Users');
    const groups = await total('/Groups');
    const detail = expectScimError(await call(method, path, options), status, scimType);
    if (watched !== undefined) expect(await snapshot(watched)).toBe(before);
    expect(await total('/Users')).toBe(users);
    expect(await total('/Groups')).toBe(groups);
    return detail;
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    const created = await call('POST', '/Users', {
      body: {
        userName: 'reader@example.com',
        name: { givenName: 'Ada' },
        emails: [{ value: 'reader@example.com', type: 'work', primary: true }],
        title: 'Reader',
      },
    });
    expect(created.status, created.text).toBe(201);
    userId = String(created.body?.['id']);
    const group = await call('POST', '/Groups', {
      body: { displayName: 'Reading Room', members: [{ value: userId }] },
    });
    expect(group.status, group.text).toBe(201);
    groupId = String(group.body?.['id']);
  });

  afterAll(async () => {
    await server.close();
  });

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
      const detail = await refused('PUT', `/Users/${userId}`, { body }, 400, 'invalidValue');
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
      await refused('PUT', `/Users/${userId}`, { raw: JSON.stringify(body) }, 400, 'invalidSyntax');
      await refused('PUT', `/Groups/${groupId}`, { raw: JSON.stringify(body) }, 400, 'invalidSyntax');
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
        `/Groups/${groupId}`,
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
      await refused('PUT', `/Groups/${groupId}`, { body: { displayName } }, 400, 'invalidValue');
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
      await refused('PATCH', `/Users/${userId}`, { raw: JSON.stringify(body) }, 400, scimType);
      await refused('PATCH', `/Groups/${groupId}`, { raw: JSON.stringify(body) }, 400, scimType);
    });

    it('a failing operation after good ones applies none of them', async () => {
      const body = patch(
        { op: 'replace', path: 'title', value: 'Changed' },
        { op: 'add', path: 'emails', value: [{ value: 'second@example.com' }] },
        { op: 'replace', path: 'active', value: 'perhaps' },
      );
      const detail = await refused('PATCH', `/Users/${userId}`, { body }, 400, 'invalidValue');
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
              const before = await snapshot(`/Users/${userId}`);
              const reply = await call('PATCH', `/Users/${userId}`, { body: patch({ op, path, value }) });
              outcomes.set(reply.status, (outcomes.get(reply.status) ?? 0) + 1);
              if (reply.status === 200) {
                // Accepted (an empty value unassigns, for example): put the user back for the next case.
                const restored = await call('PUT', `/Users/${userId}`, {
                  raw: before.replace(/"meta":\{[^}]*\}/, '"meta":{}'),
                });
                expect(restored.status, `${op} ${path} ${JSON.stringify(value)}: ${restored.text}`).toBe(200);
                continue;
              }
              expect([400], `${op} ${path} ${JSON.stringify(value)}: ${reply.text}`).toContain(reply.status);
              expectScimError(reply, 400);
              expect(await snapshot(`/Users/${userId}`)).toBe(before);
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
        `/Users/${userId}`,
        { body: patch({ op: 'replace', path, value: 'x' }) },
        400,
        scimType,
      );
      expect(detail).toContain(path.slice(0, 8).replace('\\u0000', ''));
    });

    it('a path of 10,001 characters: 400 invalidPath giving the limit', async () => {
      const detail = await refused(
        'PATCH',
        `/Users/${userId}`,
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
      await refused('PATCH', `/Groups/${groupId}`, { body: patch(operation) }, 400);
    });
  });

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
        `/Users/${userId}`,
        { raw: `{"userName":"reader@example.com","name":{"givenName":${deep(5_000)}}}` },
        400,
        'invalidValue',
      );
    });

    it('100,000 levels of nesting in a PATCH value: 400 invalidValue saying it is nested too deep', async () => {
      const raw = `{"Operations":[{"op":"add","path":"title","value":${deep(100_000)}}]}`;
      const detail = await refused('PATCH', `/Users/${userId}`, { raw }, 400, 'invalidValue');
      expect(detail).toMatch(/nested more than \d+ levels deep/);
      const noPath = `{"Operations":[{"op":"add","value":{"title":${deep(100_000)}}}]}`;
      await refused('PATCH', `/Users/${userId}`, { raw: noPath }, 400, 'invalidValue');
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
            `/Users/${userId}`,
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
      expect(await refused('PATCH', `/Users/${userId}`, { body }, 400, 'invalidSyntax')).toMatch(/both/);
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
      expect(await refused('PUT', `/Users/${userId}`, { raw: put }, 400, 'invalidValue')).toContain(named);
    });

    it('an unpaired surrogate in a PATCH value or a group name: 400 invalidValue', async () => {
      const raw = '{"Operations":[{"op":"replace","path":"title","value":"Head \\ud800"}]}';
      expect(await refused('PATCH', `/Users/${userId}`, { raw }, 400, 'invalidValue')).toMatch(/surrogate/);
      await refused('POST', '/Groups', { raw: '{"displayName":"Room \\udc00"}' }, 400, 'invalidValue');
      await refused(
        'PATCH',
        `/Groups/${groupId}`,
        { raw: '{"Operations":[{"op":"replace","path":"displayName","value":"\\ud800"}]}' },
        400,
        'invalidValue',
      );
    });

    it('a NUL character in a body: 400 invalidValue, nothing written', async () => {
      await refused('POST', '/Users', { raw: '{"userName":"nul\\u0000@example.com"}' }, 400, 'invalidValue');
      await refused(
        'PATCH',
        `/Users/${userId}`,
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
