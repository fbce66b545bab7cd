/**
 * The console's files (built by Vite into web/dist) at `/admin`. Hashed assets are cached for a
 * year; `index.html` answers every other path under `/admin` (client-side routes) and is never
 * cached. A strict Content-Security-Policy allows nothing but this origin: no CDN, no inline
 * script, no framing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const CONSOLE_PATH = '/admin';

/** `web/dist` of the project, from `src/admin/http` or `dist/admin/http` alike. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../../web/dist', import.meta.url));
}

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Frame-Options', 'DENY')
    .header('Referrer-Policy', 'no-referrer');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Library SCIM console not built</title></head>
<body><h1>The admin console has not been built</h1><p>Build it with <code>npm run build</code> (or <code>npx vite build --config web/vite.config.ts</code>) and restart the server. The admin API at <code>/api/admin</code> works without it.</p></body></html>`;

export async function registerConsoleAssets(app: FastifyInstance, webRoot: string): Promise<void> {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) {
    app.get(CONSOLE_PATH, async (_request, reply) =>
      securityHeaders(reply).code(503).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    app.get(`${CONSOLE_PATH}/*`, async (_request, reply) =>
      securityHeaders(reply).code(503).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    return;
  }
  const topLevelFiles = new Set(
    readdirSync(webRoot, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name),
  );
  await app.register(fastifyStatic, {
    root: join(webRoot, 'assets'),
    prefix: `${CONSOLE_PATH}/assets/`,
    decorateReply: true,
    index: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (response) => {
      response.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  const sendIndex = (reply: FastifyReply): FastifyReply =>
    securityHeaders(reply).header('Cache-Control', 'no-store').sendFile('index.html', webRoot, { cacheControl: false });
  app.get(CONSOLE_PATH, async (_request, reply) => sendIndex(reply));
  app.get<{ Params: { '*': string } }>(`${CONSOLE_PATH}/*`, async (request, reply) => {
    const name = request.params['*'];
    if (topLevelFiles.has(name) && name !== 'index.html') {
      return securityHeaders(reply).header('Cache-Control', 'public, max-age=3600').sendFile(name, webRoot);
    }
    if (name.startsWith('assets/')) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return sendIndex(reply);
  });
}
