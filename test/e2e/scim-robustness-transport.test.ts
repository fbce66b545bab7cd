/**
 * Broken HTTP framing against a real server, on SQLite and on PostgreSQL, over raw sockets:
 * bodies cut short (Content-Length larger than what arrives), chunked bodies whole, cut and
 * malformed, slow uploads, and URLs the router cannot decode. The server must answer or close
 * (never hang a client that has finished sending), never write a partial request, and keep
 * serving other clients while one upload stalls. Each socket has a hard deadline.
 *
 * Some answers come from Node's HTTP parser or Fastify's router before any route runs; the
 * server's clientErrorHandler and frameworkErrors answer those with SCIM Error messages too.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface RawReply {
  /** Everything the server sent. */
  data: string;
  /** True when the server closed the connection before the deadline. */
  closed: boolean;
  status: number | undefined;
  headers: string;
  body: string;
}

interface RawOptions {
  /** Half-close the socket after writing (the client has nothing more to send). */
  end?: boolean;
  /** Milliseconds between the parts of `payload`. */
  gapMs?: number;
  /** Give up (and destroy the socket) after this long. */
  deadlineMs?: number;
}

describe.each(['sqlite', 'postgres'] as const)('broken HTTP framing on %s', (dialect) => {
  let server: TestServer;
  let small: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    small = await startTestServer({ dialect, config: { maxBodyBytes: 4_096 } });
  });

  afterAll(async () => {
    await server.close();
    await small.close();
  });

  function send(target: TestServer, payload: string | string[], options: RawOptions = {}): Promise<RawReply> {
    const url = new URL(target.origin);
    const parts = Array.isArray(payload) ? payload : [payload];
    return new Promise((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname);
      let data = '';
      const finish = (closed: boolean): void => {
        clearTimeout(deadline);
        const [head = '', body = ''] = data.split('\r\n\r\n', 2);
        const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
        resolve({
          data,
          closed,
          status: status === undefined ? undefined : Number(status),
          headers: head.toLowerCase(),
          body,
        });
      };
      const deadline = setTimeout(() => {
        socket.destroy();
        finish(false);
      }, options.deadlineMs ?? 5_000);
      socket.on('data', (chunk) => {
        data += chunk.toString('utf8');
      });
      socket.on('close', () => finish(true));
      socket.on('error', () => undefined);
      void (async () => {
        for (const part of parts) {
          if (socket.destroyed) return;
          socket.write(part);
          if (options.gapMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.gapMs));
        }
        if (options.end === true && !socket.destroyed) socket.end();
      })();
    });
  }

  function head(target: TestServer, method: string, path: string, extra: string): string {
    return `${method} /api/scim/v2${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${target.token}\r\nContent-Type: application/scim+json\r\n${extra}\r\n`;
  }

  function chunk(text: string): string {
    return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
  }

  async function usersNamed(prefix: string): Promise<number> {
    const filter = encodeURIComponent(`userName sw "${prefix}"`);
    const response = await fetch(`${server.scimBase}/Users?filter=${filter}&count=0`, {
      headers: { Authorization: `Bearer ${server.token}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { totalResults: number }).totalResults;
  }

  function expectScimErrorReply(reply: RawReply, status: number): void {
    expect(reply.status, reply.data.slice(0, 300)).toBe(status);
    expect(reply.headers).toContain('content-type: application/scim+json');
    expect((JSON.parse(reply.body) as { schemas: string[] }).schemas).toEqual([ERROR_SCHEMA]);
  }

  it('a body cut short, then the client finishes sending: answered or closed at once, nothing written', async () => {
    const body = '{"userName":"cut.short@example.com"}';
    const reply = await send(server, head(server, 'POST', '/Users', `Content-Length: ${body.length + 40}\r\n`) + body, {
      end: true,
    });
    expect(reply.closed).toBe(true);
    expect(reply.status === undefined || reply.status === 400).toBe(true);
    expect(await usersNamed('cut.short')).toBe(0);
  });

  it('a stalled upload writes nothing and does not hold up other clients', async () => {
    const body = '{"userName":"stalled@example.com"}';
    const stalled = send(server, head(server, 'POST', '/Users', `Content-Length: ${body.length + 40}\r\n`) + body, {
      deadlineMs: 2_000,
    });
    const started = performance.now();
    const other = await fetch(`${server.scimBase}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ userName: 'not.held.up@example.com' }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(other.status).toBe(201);
    expect(performance.now() - started).toBeLessThan(1_500);
    const reply = await stalled;
    expect(reply.status).toBeUndefined();
    expect(await usersNamed('stalled')).toBe(0);
  });

  it('a chunked body is read whole, even when its chunks arrive slowly', async () => {
    const body = JSON.stringify({ userName: 'chunked@example.com', title: 'Sent in pieces' });
    const pieces = [body.slice(0, 7), body.slice(7, 20), body.slice(20)].map(chunk);
    const reply = await send(
      server,
      [head(server, 'POST', '/Users', 'Transfer-Encoding: chunked\r\nConnection: close\r\n'), ...pieces, '0\r\n\r\n'],
      { gapMs: 50 },
    );
    expect(reply.status, reply.data.slice(0, 300)).toBe(201);
    expect(JSON.parse(reply.body)).toMatchObject({ userName: 'chunked@example.com', title: 'Sent in pieces' });
  });

  it('a body sent one byte at a time is read whole', async () => {
    const body = '{"userName":"byte.by.byte@example.com"}';
    const reply = await send(
      server,
      [head(server, 'POST', '/Users', `Content-Length: ${body.length}\r\nConnection: close\r\n`), ...body.split('')],
      { gapMs: 5 },
    );
    expect(reply.status, reply.data.slice(0, 300)).toBe(201);
  });

  it('a chunked body cut short, then the client finishes sending: closed at once, nothing written', async () => {
    const body = '{"userName":"chunk.cut@example.com"}';
    const reply = await send(
      server,
      [head(server, 'POST', '/Users', 'Transfer-Encoding: chunked\r\n'), chunk(body.slice(0, 12))],
      { end: true, gapMs: 20 },
    );
    expect(reply.closed).toBe(true);
    expect(await usersNamed('chunk.cut')).toBe(0);
  });

  it('a chunked body larger than the limit: 413 tooMany as a SCIM error, nothing written', async () => {
    const body = JSON.stringify({ userName: 'too.big@example.com', title: 'x'.repeat(8_000) });
    const pieces = Array.from({ length: Math.ceil(body.length / 1_000) }, (_, n) =>
      chunk(body.slice(n * 1_000, (n + 1) * 1_000)),
    );
    const reply = await send(small, [
      head(small, 'POST', '/Users', 'Transfer-Encoding: chunked\r\nConnection: close\r\n'),
      ...pieces,
      '0\r\n\r\n',
    ]);
    expectScimErrorReply(reply, 413);
    expect((JSON.parse(reply.body) as { scimType: string }).scimType).toBe('tooMany');
  });

  it('a PATCH whose chunked body is cut short changes nothing', async () => {
    const created = await fetch(`${server.scimBase}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ userName: 'patched.halfway@example.com', title: 'Before' }),
    });
    const id = ((await created.json()) as { id: string }).id;
    const body = JSON.stringify({ Operations: [{ op: 'replace', path: 'title', value: 'After' }] });
    await send(
      server,
      [head(server, 'PATCH', `/Users/${id}`, 'Transfer-Encoding: chunked\r\n'), chunk(body.slice(0, body.length - 3))],
      { end: true, gapMs: 20 },
    );
    const read = await fetch(`${server.scimBase}/Users/${id}`, {
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(((await read.json()) as { title: string }).title).toBe('Before');
  });

  // Regression, now fixed (src/http/server.ts, buildServer): errors raised by Node's HTTP parser (a body cut short,
  // a malformed chunk size, both Content-Length and Transfer-Encoding) are answered by Fastify's
  // default clientErrorHandler with {"error":"Bad Request","message":"Client Error"} as
  // application/json. Fix: pass a `clientErrorHandler` that writes a SCIM Error message.
  it('malformed framing is answered with a SCIM Error message', async () => {
    const body = '{"userName":"framing@example.com"}';
    const cases = [
      [head(server, 'POST', '/Users', `Content-Length: ${body.length + 40}\r\n`) + body],
      [head(server, 'POST', '/Users', 'Transfer-Encoding: chunked\r\nConnection: close\r\n'), 'ZZ\r\nabc\r\n0\r\n\r\n'],
      [
        head(server, 'POST', '/Users', 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n'),
        '0\r\n\r\n',
      ],
    ];
    for (const payload of cases) expectScimErrorReply(await send(server, payload, { end: true }), 400);
  });

  // Regression, now fixed (src/http/server.ts, buildServer): the router rejects a malformed percent-encoding
  // (FST_ERR_BAD_URL) and an id longer than maxParamLength (FST_ERR_MAX_PARAM_LENGTH) before the
  // SCIM error handler runs, with Fastify's own JSON. Fix: pass `frameworkErrors` that maps the
  // error with toScimError (add FST_ERR_MAX_PARAM_LENGTH: 404 "no resource has this id") and
  // sends it with sendScimError.
  it('an undecodable URL and an over-long id are answered with SCIM Error messages', async () => {
    const badEncoding = await send(
      server,
      `GET /api/scim/v2/Users/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.token}\r\nConnection: close\r\n\r\n`,
    );
    expectScimErrorReply(badEncoding, 400);
    const longId = await send(
      server,
      `GET /api/scim/v2/Users/${'a'.repeat(200)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.token}\r\nConnection: close\r\n\r\n`,
    );
    expect(longId.headers).toContain('content-type: application/scim+json');
  });

  // Regression, now fixed (src/http/server.ts, buildServer): a request line over Node's 16 KB header limit (a long
  // filter sent by GET) gets a bare 431 from Node. Fix: the same clientErrorHandler, answering
  // 431 with a SCIM Error whose detail says to send long filters with POST /.search.
  it('a request line over the header limit is answered with a SCIM Error message', async () => {
    const filter = encodeURIComponent(`userName eq "${'a'.repeat(9_000)}" or userName eq "${'b'.repeat(9_000)}"`);
    const reply = await send(
      server,
      `GET /api/scim/v2/Users?filter=${filter} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.token}\r\nConnection: close\r\n\r\n`,
    );
    expectScimErrorReply(reply, 431);
  });

  it('still answers ordinary requests after all of the above', async () => {
    const response = await fetch(`${server.scimBase}/Users?count=1`, {
      headers: { Authorization: `Bearer ${server.token}` },
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(200);
  });
});
