/**
 * Adversarial queries over real HTTP, on SQLite and on PostgreSQL: filters with every kind of
 * syntax error and type mismatch, values made of SQL and LIKE metacharacters, unicode and very
 * long values; `startIndex`/`count` out of every range; `sortBy`, `attributes` and cursors of
 * garbage; resource ids that are not ids; and totalResults that stay consistent while paging.
 * Every refusal must be a SCIM 400 with the right `scimType` and a detail without internals;
 * nothing here may answer 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScimReply as Reply, expectScimErrorReply, scimRequest } from '../support/scim-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const LEAK =
  /\bat [\w.<>]+ \(|\.[cm]?[jt]s:\d+|node_modules|SQLITE_|better-sqlite3|\bselect\b.{0,200}\bfrom\b|\binsert into\b|syntax error at|violates|duplicate key|TypeError|RangeError|ReferenceError|\bundefined\b|\[object Object\]/i;

/** userNames a naive store would mistake for SQL or LIKE syntax. */
const HOSTILE_NAMES = [
  "o'brien@example.com",
  'quote"reader@example.com',
  'back\\slash@example.com',
  '100%real@example.com',
  'under_score@example.com',
  'robert"); DROP TABLE users;--@example.com',
  'ünïcødé.😀@example.com',
  'plain@example.com',
];

function expectScimError(reply: Reply, status: number, scimType?: string): string {
  return expectScimErrorReply(reply, status, { scimType, leak: LEAK });
}

function resources(reply: Reply): Record<string, unknown>[] {
  return (reply.body?.['Resources'] ?? []) as Record<string, unknown>[];
}

describe.each(['sqlite', 'postgres'] as const)('hostile queries on %s', (dialect) => {
  let server: TestServer;
  const ids = new Map<string, string>();

  function call(method: string, path: string, body?: unknown): Promise<Reply> {
    return scimRequest(server, method, path, { body, token: server.token, timeoutMs: 30_000 });
  }

  const users = (filter: string, extra = ''): Promise<Reply> =>
    call('GET', `/Users?filter=${encodeURIComponent(filter)}${extra}`);

  async function userNames(filter: string): Promise<string[]> {
    const reply = await users(filter);
    expect(reply.status, reply.text).toBe(200);
    return resources(reply)
      .map((user) => String(user['userName']))
      .sort();
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    for (const userName of HOSTILE_NAMES) {
      const created = await call('POST', '/Users', {
        userName,
        title: userName.includes('plain') ? "x' OR '1'='1" : 'Reader',
      });
      expect(created.status, created.text).toBe(201);
      ids.set(userName, String(created.body?.['id']));
    }
    for (let n = 1; n <= 23; n += 1) {
      const created = await call('POST', '/Users', {
        userName: `page.${String(n).padStart(2, '0')}@example.com`,
        active: n % 3 !== 0,
      });
      expect(created.status, created.text).toBe(201);
    }
    const group = await call('POST', '/Groups', {
      displayName: 'Readers\' "Club" 100%',
      members: [{ value: ids.get('plain@example.com') }],
    });
    expect(group.status, group.text).toBe(201);
  });

  afterAll(async () => {
    await server.close();
  });

  describe('values made of SQL and LIKE metacharacters are plain text', () => {
    it.each([
      ['userName co "%"', ['100%real@example.com']],
      ['userName co "_"', ['under_score@example.com']],
      ['userName co "u_der"', []],
      ['userName co "%%"', []],
      ['userName sw "%"', []],
      ['userName co "\\\\"', ['back\\slash@example.com']],
      ['userName co "\'"', ["o'brien@example.com"]],
      ['userName co "\\""', ['quote"reader@example.com', 'robert"); DROP TABLE users;--@example.com']],
      ['userName eq "o\'brien@example.com"', ["o'brien@example.com"]],
      ['userName eq "\' or 1=1 --"', []],
      ['userName sw "robert\\"); DROP TABLE users;--"', ['robert"); DROP TABLE users;--@example.com']],
      ["title eq \"x' OR '1'='1\"", ['plain@example.com']],
      ['userName eq "ünïcødé.😀@example.com"', ['ünïcødé.😀@example.com']],
      ['userName co "😀"', ['ünïcødé.😀@example.com']],
      ['userName ew "%real@example.com"', ['100%real@example.com']],
    ])('%s', async (filter, expected) => {
      expect(await userNames(filter)).toEqual(expected);
    });

    it('leaves the users table whole, and finds a group whose name is full of quotes', async () => {
      expect((await call('GET', '/Users?count=0')).body?.['totalResults']).toBe(HOSTILE_NAMES.length + 23);
      const found = await call(
        'GET',
        `/Groups?filter=${encodeURIComponent('displayName eq "readers\' \\"club\\" 100%"')}`,
      );
      expect(found.body?.['totalResults']).toBe(1);
    });

    it('answers a 9,000-character value, and a 250-term or-chain sent to /.search', async () => {
      expect(await userNames(`userName eq "${'a'.repeat(9_000)}"`)).toEqual([]);
      const chain = Array.from({ length: 250 }, (_, n) => `userName eq "nobody${n}@example.com"`);
      chain.push('userName eq "plain@example.com"');
      const found = await call('POST', '/Users/.search', { filter: chain.join(' or ') });
      expect(found.status, found.text.slice(0, 300)).toBe(200);
      expect(resources(found).map((user) => user['userName'])).toEqual(['plain@example.com']);
    });
  });

  describe('malformed filters: 400 invalidFilter that quotes the filter', () => {
    it.each([
      '(userName eq "a"',
      'userName eq "a")',
      '((((',
      ')',
      'userName eq',
      'userName eq "unterminated',
      'userName "a"',
      'userName equals "a"',
      'userName eq "a" and',
      'and userName eq "a"',
      'userName eq "a" or or userName eq "b"',
      'not userName eq "a"',
      'userName pr "a"',
      'emails[type eq "work"',
      'emails[type eq "work"]]',
      'emails[type eq "work" and addresses[type eq "home"]]',
      'userName eq "\\q"',
      'userName eq "\\uZZZZ"',
      'userName.givenName.extra eq "a"',
      'urn: eq "a"',
    ])('%s', async (filter) => {
      const detail = expectScimError(await users(filter), 400, 'invalidFilter');
      expect(detail).toMatch(/^The filter '/);
    });

    it.each([
      ['a NUL escape', 'userName eq "\\u0000"', /NUL character/],
      ['an unpaired surrogate escape', 'displayName co "\\ud800"', /unpaired UTF-16 surrogate/],
      ['10,001 characters', `userName eq "${'a'.repeat(9_990)}"`, /at most 10000/],
      ['60 nested parentheses', `${'('.repeat(60)}userName pr${')'.repeat(60)}`, /nested more than/],
    ])('%s', async (_name, filter, detail) => {
      expect(expectScimError(await users(filter), 400, 'invalidFilter')).toMatch(detail);
    });

    it('a raw NUL (%00) in the filter parameter: 400 invalidValue', async () => {
      expectScimError(await call('GET', '/Users?filter=userName%20eq%20%22a%00%22'), 400, 'invalidValue');
    });
  });

  describe('operators that do not fit the type: 400 invalidFilter naming the attribute', () => {
    it.each([
      ['active gt true', 'active'],
      ['active co "t"', 'active'],
      ['active eq "maybe"', 'active'],
      ['meta.created gt "yesterday"', 'meta.created'],
      ['meta.created co "2020"', 'meta.created'],
      ['meta.lastModified ge 5', 'meta.lastModified'],
      ['meta.created eq "2020-02-30T00:00:00Z"', 'meta.created'],
      ['emails.primary sw "t"', 'emails.primary'],
      ['x509Certificates.value co "TWFu"', 'x509Certificates.value'],
      ['name eq "Ada"', 'name'],
      ['addresses eq "x"', 'addresses'],
      ['userName[value eq "x"]', 'userName'],
      ['userName gt null', 'userName'],
      ['favouriteColour eq "blue"', 'favouriteColour'],
      ['password eq "secret"', 'password'],
      ['meta.location eq "x"', 'meta.location'],
      ['groups.type eq "direct"', 'groups.type'],
      ['emails[colour eq "red"]', 'colour'],
    ])('%s', async (filter, attribute) => {
      expect(expectScimError(await users(filter), 400, 'invalidFilter')).toContain(attribute);
    });

    it('the same through POST /Users/.search, and wrong types in the search body: 400', async () => {
      expectScimError(await call('POST', '/Users/.search', { filter: 'active gt true' }), 400, 'invalidFilter');
      for (const body of [
        { filter: 5 },
        { count: '10' },
        { startIndex: 1.5 },
        { attributes: 5 },
        { sortBy: {} },
        { cursor: [] },
      ]) {
        expectScimError(await call('POST', '/Users/.search', body), 400, 'invalidValue');
      }
      expectScimError(await call('POST', '/Users/.search', ['filter']), 400, 'invalidSyntax');
    });
  });

  describe('paging, sorting and projection parameters', () => {
    const everyone = HOSTILE_NAMES.length + 23;

    it.each([
      ['startIndex=-5', 1, everyone],
      ['startIndex=0', 1, everyone],
      ['startIndex=1e20', 1e20, 0],
      ['startIndex=9223372036854775807', Number('9223372036854775807'), 0],
      ['startIndex=99999999999999999999', Number('99999999999999999999'), 0],
      ['startIndex=32', 32, 0],
      ['count=0', 1, 0],
      ['count=100000', 1, everyone],
    ])('%s: 200 with the true total', async (query, startIndex, returned) => {
      const reply = await call('GET', `/Users?${query}`);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body?.['totalResults']).toBe(everyone);
      expect(reply.body?.['startIndex']).toBe(startIndex);
      expect(resources(reply)).toHaveLength(returned);
      expect(reply.body?.['itemsPerPage']).toBe(returned);
    });

    // Regression, now fixed (src/directory/list-paging.ts, parseCount): a negative count gives the default page
    // size, but RFC 7644 section 3.4.2.4 says "A negative value SHALL be interpreted as 0".
    it('count=-3 is read as 0 (RFC 7644 section 3.4.2.4)', async () => {
      const reply = await call('GET', '/Users?count=-3');
      expect(reply.status).toBe(200);
      expect(reply.body?.['totalResults']).toBe(everyone);
      expect(resources(reply)).toHaveLength(0);
    });

    it.each(['count=1.5', 'count=ten', 'count=NaN', 'count=Infinity', 'startIndex=abc', 'startIndex=2.5', 'count=--1'])(
      '%s: 400 invalidValue naming the parameter',
      async (query) => {
        const detail = expectScimError(await call('GET', `/Users?${query}`), 400, 'invalidValue');
        expect(detail).toContain(query.split('=')[0]);
      },
    );

    it.each([
      ['sortBy=favouriteColour', 'invalidPath'],
      ['sortBy=emails[type eq "work"]', 'invalidPath'],
      ['sortBy=userName&sortOrder=sideways', 'invalidValue'],
      ['cursor=garbage', 'invalidCursor'],
      ['cursor=a.b', 'invalidCursor'],
      [`cursor=${'x'.repeat(5_000)}`, 'invalidCursor'],
      ['cursor=&startIndex=5', 'invalidValue'],
      ['attributes=%00', 'invalidValue'],
    ])('%s: 400 %s', async (query, scimType) => {
      expectScimError(await call('GET', `/Users?${query}`), 400, scimType);
    });

    it.each([
      'sortBy=name',
      'sortBy=emails',
      'sortBy=groups',
      'sortBy=addresses',
      'sortBy=password',
      'attributes=favouriteColour',
      'attributes=,,,',
      'excludedAttributes=id,schemas',
      'attributes=emails[type eq "work"]',
    ])('%s: 200, every resource still with its id', async (query) => {
      const reply = await call('GET', `/Users?${query}`);
      expect(reply.status, reply.text.slice(0, 300)).toBe(200);
      expect(reply.body?.['totalResults']).toBe(everyone);
      for (const resource of resources(reply)) expect(typeof resource['id']).toBe('string');
    });

    it('rejects a cursor that was tampered with or issued for another filter', async () => {
      const first = await call('GET', '/Users?cursor=&count=5');
      const cursor = String(first.body?.['nextCursor']);
      expect(cursor.length).toBeGreaterThan(10);
      const flipped = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`;
      expectScimError(await call('GET', `/Users?count=5&cursor=${encodeURIComponent(flipped)}`), 400, 'invalidCursor');
      const other = await users('active eq true', `&count=5&cursor=${encodeURIComponent(cursor)}`);
      expectScimError(other, 400, 'invalidCursor');
    });
  });

  describe('totalResults while paging', () => {
    async function pages(query: string, count: number): Promise<{ totals: number[]; userNames: string[] }> {
      const totals: number[] = [];
      const names: string[] = [];
      for (let startIndex = 1; startIndex <= 40; startIndex += count) {
        const reply = await call('GET', `/Users?${query}&startIndex=${startIndex}&count=${count}`);
        expect(reply.status, reply.text).toBe(200);
        totals.push(Number(reply.body?.['totalResults']));
        names.push(...resources(reply).map((user) => String(user['userName'])));
      }
      return { totals, userNames: names };
    }

    it.each([
      ['a filter', `filter=${encodeURIComponent('userName sw "page."')}`, 23],
      ['a filter on a boolean', `filter=${encodeURIComponent('userName sw "page." and active eq false')}`, 7],
      ['a sort', `filter=${encodeURIComponent('userName sw "page."')}&sortBy=userName&sortOrder=descending`, 23],
    ])('with %s: the same total on every page, every match exactly once', async (_name, query, expected) => {
      const { totals, userNames: names } = await pages(query, 5);
      expect(new Set(totals)).toEqual(new Set([expected]));
      expect(names).toHaveLength(expected);
      expect(new Set(names).size).toBe(expected);
    });

    it('keeps the total of a filtered query while non-matching users are created between pages', async () => {
      const query = `filter=${encodeURIComponent('userName sw "page."')}`;
      const names: string[] = [];
      for (let startIndex = 1; startIndex <= 23; startIndex += 4) {
        await call('POST', '/Users', { userName: `between.${startIndex}@example.com` });
        const reply = await call('GET', `/Users?${query}&startIndex=${startIndex}&count=4`);
        expect(reply.body?.['totalResults']).toBe(23);
        names.push(...resources(reply).map((user) => String(user['userName'])));
      }
      expect(new Set(names).size).toBe(23);
    });

    it('pages with RFC 9865 cursors to the same set, each exactly once', async () => {
      const names: string[] = [];
      let cursor = '';
      for (let page = 0; page < 10; page += 1) {
        const reply = await users('userName sw "page."', `&count=6&cursor=${encodeURIComponent(cursor)}`);
        expect(reply.status, reply.text).toBe(200);
        expect(reply.body?.['totalResults']).toBe(23);
        names.push(...resources(reply).map((user) => String(user['userName'])));
        const next = reply.body?.['nextCursor'];
        if (typeof next !== 'string') break;
        cursor = next;
      }
      expect(names).toHaveLength(23);
      expect(new Set(names).size).toBe(23);
    });
  });

  describe('ids that are not ids', () => {
    it.each([
      ['not a uuid', 'not-a-uuid', 'not-a-uuid'],
      ['an upper-case copy of a real id', 'UPPER', 'UPPER'],
      ['a percent-encoded slash', 'a%2Fb', 'a/b'],
      ['SQL', encodeURIComponent("' OR '1'='1"), "' OR '1'='1"],
      ['a percent-encoded NUL', '%00', undefined],
      ['an emoji', encodeURIComponent('😀'), '😀'],
    ])('%s: 404 on GET, PUT, PATCH and DELETE of Users and Groups', async (_name, raw, shown) => {
      const id = raw === 'UPPER' ? String(ids.get('plain@example.com')).toUpperCase() : raw;
      const named = shown === 'UPPER' ? id : shown;
      for (const endpoint of ['/Users', '/Groups']) {
        const bodies: Record<string, unknown> = {
          GET: undefined,
          DELETE: undefined,
          PUT: endpoint === '/Users' ? { userName: 'nobody@example.com' } : { displayName: 'Nobody' },
          PATCH: { Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] },
        };
        for (const [method, body] of Object.entries(bodies)) {
          const detail = expectScimError(await call(method, `${endpoint}/${id}`, body), 404);
          if (named !== undefined) expect(detail).toContain(named);
        }
      }
      expect((await call('GET', '/Users?count=0')).body?.['totalResults']).toBeGreaterThanOrEqual(
        HOSTILE_NAMES.length + 23,
      );
    });

    it('an id with a slash reaches no resource: 404 naming the endpoints', async () => {
      const detail = expectScimError(await call('GET', '/Users/a/b'), 404);
      expect(detail).toMatch(/\/Users/);
    });
  });
});
