/**
 * Tests of the replay harness itself: the matcher, variables, fixture validation, and a replay
 * against a small scripted HTTP endpoint (so that we know a wrong server response fails the
 * replay, and says where). The real server is exercised by conformance-replay.test.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { matchExpected } from './expectation-matcher.js';
import { parseFixture, type JsonValue } from './fixture-format.js';
import { loadFixtures, replayFixture, ReplayFailure, type LoadedFixture, type ReplayServer } from './replay-harness.js';
import { interpolateValue, readPath, splitPath, UndefinedVariableError, type Variables } from './template-variables.js';

const paths = (expected: JsonValue, actual: JsonValue | undefined): string[] =>
  matchExpected(expected, actual, 'body').map((m) => m.path);

describe('expectation matcher', () => {
  it.each<[string, JsonValue, JsonValue | undefined, string[]]>([
    ['object subset ignores unlisted keys', { a: 1 }, { a: 1, b: 2 }, []],
    ['object key mismatch names the key', { a: 1 }, { a: 2 }, ['body.a']],
    ['missing key fails', { a: 1 }, {}, ['body.a']],
    ['string status is not a number', { status: '404' }, { status: 404 }, ['body.status']],
    ['arrays need the same length', [1, 2], [1, 2, 3], ['body']],
    ['arrays match element by element', [{ v: 1 }, { v: 2 }], [{ v: 1, x: 0 }, { v: 3 }], ['body[1].v']],
    ['{{any}} accepts any present value', { id: '{{any}}' }, { id: null }, []],
    ['{{any}} rejects an absent value', { id: '{{any}}' }, {}, ['body.id']],
    ['$absent accepts a missing key', { password: { $absent: true } }, { userName: 'x' }, []],
    ['$absent rejects a present key', { password: { $absent: true } }, { password: 'p' }, ['body.password']],
    [
      '$matches with flags',
      { d: { $matches: '^resource .* NOT found$', $flags: 'i' } },
      { d: 'Resource x not found' },
      [],
    ],
    ['$matches on a non-string fails', { d: { $matches: '.*' } }, { d: 3 }, ['body.d']],
    [
      '$includes is case-insensitive, all needles',
      { d: { $includes: ['TOKEN', 'console'] } },
      { d: 'the token … console' },
      [],
    ],
    ['$includes reports a missing needle', { d: { $includes: ['token', 'okta'] } }, { d: 'the token' }, ['body.d']],
    ['$not inverts', { d: { $not: { $includes: 'secret' } } }, { d: 'a SECRET leaked' }, ['body.d']],
    ['$anyOf', { s: { $anyOf: [200, 204] } }, { s: 204 }, []],
    [
      '$contains finds distinct elements in any order',
      { r: { $contains: [{ v: 'b' }, { v: 'a' }] } },
      { r: [{ v: 'a' }, { v: 'c' }, { v: 'b' }] },
      [],
    ],
    [
      '$contains needs distinct matches',
      { r: { $contains: [{ v: 'a' }, { v: 'a' }] } },
      { r: [{ v: 'a' }] },
      ['body.r'],
    ],
    ['$unordered needs equal length', { r: { $unordered: [1, 2] } }, { r: [2, 1, 3] }, ['body.r']],
    ['$unordered in any order', { r: { $unordered: [1, 2] } }, { r: [2, 1] }, []],
    ['$length and $type combine', { r: { $type: 'array', $length: 2 } }, { r: [1] }, ['body.r']],
    ['$type integer', { n: { $type: 'integer' } }, { n: 1.5 }, ['body.n']],
    ['$eq is exact', { m: { $eq: { a: 1 } } }, { m: { a: 1, b: 2 } }, ['body.m']],
    [
      'URN keys are quoted in paths',
      { 'urn:x:2.0:User': { a: 1 } },
      { 'urn:x:2.0:User': { a: 2 } },
      ["body['urn:x:2.0:User'].a"],
    ],
  ])('%s', (_name, expected, actual, expectedPaths) => {
    expect(paths(expected, actual)).toEqual(expectedPaths);
  });
});

describe('variables', () => {
  const vars: Variables = new Map<string, JsonValue>([
    ['id', 'a.b'],
    ['ids', ['1', '2']],
    ['n', 3],
  ]);

  it('replaces placeholders inside strings and keeps {{any}}', () => {
    expect(interpolateValue({ p: '/Users/{{id}}?n={{n}}', q: '{{any}}' }, vars)).toEqual({
      p: '/Users/a.b?n=3',
      q: '{{any}}',
    });
  });

  it('a whole-string placeholder takes the variable value itself', () => {
    expect(interpolateValue({ list: '{{ids}}', count: '{{n}}' }, vars)).toEqual({ list: ['1', '2'], count: 3 });
  });

  it('regex-escapes values inserted into $matches', () => {
    expect(interpolateValue({ $matches: '/Users/{{id}}$' }, vars)).toEqual({ $matches: '/Users/a\\.b$' });
  });

  it('an undefined variable is an error that names it', () => {
    expect(() => interpolateValue('/Groups/{{groupId}}', vars)).toThrow(UndefinedVariableError);
    expect(() => interpolateValue('/Groups/{{groupId}}', vars)).toThrow(/groupId/);
  });

  it('reads capture paths from status, headers and body', () => {
    const response = {
      status: 201,
      headers: { location: 'http://x/Users/1' },
      body: { Resources: [{ id: 'u1' }, { id: 'u2' }], 'urn:e:2.0:User': { manager: { value: 'm' } } },
    };
    expect(readPath(response, 'status')).toBe(201);
    expect(readPath(response, 'headers.Location')).toBe('http://x/Users/1');
    expect(readPath(response, 'body.Resources.1.id')).toBe('u2');
    expect(readPath(response, 'body.Resources.*.id')).toEqual(['u1', 'u2']);
    expect(readPath(response, "body['urn:e:2.0:User'].manager.value")).toBe('m');
    expect(readPath(response, 'body.Resources.5.id')).toBeUndefined();
    expect(splitPath("body['a.b'].c")).toEqual(['body', 'a.b', 'c']);
  });
});

describe('fixture validation', () => {
  const minimal = {
    description: 'd',
    client: 'okta',
    dialect: 'aiw',
    source: 's',
    steps: [{ name: 'list', request: { method: 'GET', path: '/Users' }, response: { status: 200 } }],
  };

  it('accepts a minimal fixture', () => {
    expect(parseFixture('x.json', minimal).steps).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['unknown top-level key', { ...minimal, extra: 1 }, /unknown key "extra"/],
    ['missing source', { ...minimal, source: '' }, /source/],
    ['unknown client', { ...minimal, client: 'ping' }, /client/],
    [
      'request without response',
      { ...minimal, steps: [{ name: 'x', request: { method: 'GET', path: '/Users' } }] },
      /needs a "response"/,
    ],
    [
      'path not relative to the base',
      { ...minimal, steps: [{ name: 'x', request: { method: 'GET', path: 'Users' }, response: { status: 200 } }] },
      /path/,
    ],
    [
      'bad auth mode',
      {
        ...minimal,
        steps: [{ name: 'x', auth: 'basic', request: { method: 'GET', path: '/Users' }, response: { status: 200 } }],
      },
      /auth/,
    ],
    [
      'two kinds in one step',
      {
        ...minimal,
        steps: [
          { name: 'x', check: { var: 'a' }, request: { method: 'GET', path: '/Users' }, response: { status: 200 } },
        ],
      },
      /exactly one/,
    ],
  ])('rejects %s', (_name, document, message) => {
    expect(() => parseFixture('x.json', document)).toThrow(message);
  });

  it('every fixture in the repository is valid and sits in its client folder', () => {
    const root = dirname(fileURLToPath(import.meta.url));
    const loaded = loadFixtures(root);
    expect(loaded.length).toBeGreaterThan(40);
    for (const { fixture, name } of loaded) {
      expect(name).toMatch(/^(okta|entra|other)\/[a-z0-9-]+(-[A-Za-z0-9]+)*\.json$/);
      expect(fixture.steps.some((step) => !step.setup)).toBe(true);
    }
  });
});

/** A scripted endpoint: answers from a table and records what it received. */
async function scriptedServer(
  answer: (req: IncomingMessage, body: string) => { status: number; body?: unknown; headers?: Record<string, string> },
): Promise<
  ReplayServer & {
    received: { method: string; url: string; auth: string | undefined; body: string }[];
    close(): Promise<void>;
  }
> {
  const received: { method: string; url: string; auth: string | undefined; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const out = answer(req, body);
      res.writeHead(out.status, { 'content-type': 'application/scim+json', ...out.headers });
      res.end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    origin,
    scimBase: `${origin}/api/scim/v2`,
    token: 'lsc_valid',
    received,
    createToken: () => Promise.resolve({ id: 't1', token: 'lsc_other' }),
    revokeToken: () => Promise.resolve(),
  };
}

function loaded(document: Record<string, unknown>): LoadedFixture {
  return {
    name: 'okta/test.json',
    folder: 'okta',
    fixture: parseFixture('okta/test.json', {
      description: 'd',
      client: 'okta',
      dialect: 'aiw',
      source: 's',
      ...document,
    }),
  };
}

describe('replayFixture', () => {
  it('sends headers, auth and bodies, captures, seeds and checks', async () => {
    let next = 0;
    const server = await scriptedServer((req) => {
      if (req.method === 'POST') {
        next += 1;
        return { status: 201, body: { id: `u${next}` }, headers: { location: `/api/scim/v2/Users/u${next}` } };
      }
      return {
        status: 200,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          Resources: [{ id: 'u1' }, { id: 'u2' }, { id: 'u3' }],
        },
      };
    });
    try {
      const report = await replayFixture(
        loaded({
          defaults: {
            headers: { 'User-Agent': 'Okta SCIM Client 1.0.0', 'Content-Type': 'application/scim+json; charset=utf-8' },
          },
          steps: [
            {
              name: 'create',
              request: { method: 'POST', path: '/Users', body: { userName: 'a' } },
              response: { status: 201, headers: { Location: { $matches: '/Users/{{userId}}$' } } },
              capture: { userId: 'body.id' },
            },
            {
              name: 'seed',
              seed: {
                count: 2,
                request: { method: 'POST', path: '/Users', body: { userName: 'u{{n}}' } },
                response: { status: 201 },
                collect: { seeded: 'body.id' },
              },
            },
            {
              name: 'list',
              request: { method: 'GET', path: '/Users?filter=userName eq "{{userId}}"' },
              response: { status: 200, body: { Resources: { $contains: [{ id: '{{userId}}' }] } } },
              collect: { listed: 'body.Resources.*.id' },
            },
            { name: 'distinct', check: { var: 'listed', length: 3, distinct: true } },
          ],
        }),
        server,
      );
      expect(report).toEqual({ steps: 4, requests: 4 });
      expect(server.received[0]?.auth).toBe('Bearer lsc_valid');
      expect(server.received.slice(1, 3).map((r) => JSON.parse(r.body) as unknown)).toEqual(
        expect.arrayContaining([{ userName: 'u1' }, { userName: 'u2' }]),
      );
      expect(server.received[3]?.url).toBe('/api/scim/v2/Users?filter=userName%20eq%20%22u1%22');
    } finally {
      await server.close();
    }
  });

  it('fails on the first wrong response and shows the step, the mismatch and the exchange', async () => {
    const server = await scriptedServer(() => ({ status: 200, body: { id: 'u1', active: true } }));
    try {
      const replay = replayFixture(
        loaded({
          steps: [
            {
              name: 'deactivate',
              request: { method: 'PUT', path: '/Users/u1', body: { active: false } },
              response: { status: 200, body: { active: false } },
            },
            { name: 'never reached', request: { method: 'GET', path: '/Users/u1' }, response: { status: 200 } },
          ],
        }),
        server,
      );
      await expect(replay).rejects.toThrow(ReplayFailure);
      await expect(replay).rejects.toThrow(
        /step 1\/2 "deactivate" failed:\n {2}- body\.active: expected false, got true/,
      );
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('uses a made-up token for auth "wrong" and can assert it is not echoed', async () => {
    const server = await scriptedServer((req) => ({
      status: 401,
      body: { detail: `bad ${req.headers.authorization ?? ''}` },
    }));
    try {
      const replay = replayFixture(
        loaded({
          steps: [
            {
              name: 'wrong',
              auth: 'wrong',
              request: { method: 'GET', path: '/Users' },
              response: { status: 401, body: { detail: { $not: { $includes: '{{wrongToken}}' } } } },
            },
          ],
        }),
        server,
      );
      await expect(replay).rejects.toThrow(/expected NOT/);
      expect(server.received[0]?.auth).toMatch(/^Bearer lsc_[A-Za-z0-9_-]{43}$/);
    } finally {
      await server.close();
    }
  });
});
