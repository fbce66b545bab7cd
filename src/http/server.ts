/**
 * The HTTP server: health endpoints, the SCIM API under `/api/scim/v2`, and (when registered) the
 * admin console. Built from a Config and a Store that are passed in.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { SCIM_BASE_PATH, type Config } from '../config.js';
import { clientOf, redact, redactDetail } from '../directory/activity-log.js';
import type { AuthenticatedToken } from '../directory/bearer-tokens.js';
import { Directory } from '../directory/directory.js';
import { ScimError } from '../scim/errors.js';
import type { Store } from '../store/store.js';
import { registerClientDialectHooks } from './client-dialect-hooks.js';
import { RateLimiter } from './rate-limiter.js';
import { registerBulkAndSearchRoutes } from './routes/bulk-and-search-routes.js';
import { registerDiscoveryRoutes } from './routes/discovery-routes.js';
import { registerResourceRoutes } from './routes/resource-routes.js';
import { SCIM_MEDIA_TYPE, registerScimBodyParsers, sendScimError, toScimError } from './scim-wire.js';
import { ServerMetrics } from './server-metrics.js';
import type { JsonValue } from '../scim/json.js';

declare module 'fastify' {
  interface FastifyRequest {
    scimActivity: { resourceType: string | null; resourceId: string | null; summary: JsonValue } | null;
    scimToken: AuthenticatedToken | null;
    scimError: ScimError | null;
  }
}

export interface LibraryServer {
  fastify: FastifyInstance;
  directory: Directory;
  metrics: ServerMetrics;
  close(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  store: Store;
  /** `false` silences logs (tests); otherwise pino options go to stdout as JSON. */
  logger?: boolean;
  /** Extra plugins, such as the admin console, registered after the SCIM API. */
  plugins?: ((app: FastifyInstance, directory: Directory) => Promise<void>)[];
}

const DISCOVERY_PATH = /^\/api\/scim\/v2\/(serviceproviderconfig|resourcetypes|schemas)(\/|$|\?)/i;

export async function buildServer(options: ServerOptions): Promise<LibraryServer> {
  const { config, store } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.body'], censor: '[redacted]' },
            serializers: {
              req: (request: { method: string; url: string; host?: string; ip?: string }) => ({
                method: request.method,
                url: redactUrl(request.url),
                host: request.host,
                remoteAddress: request.ip,
              }),
            },
          },
    bodyLimit: config.maxBodyBytes,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    forceCloseConnections: true,
    connectionTimeout: 120_000,
    // Okta gives up after 60 s; a stalled upload must not hold a socket longer than that.
    requestTimeout: 30_000,
    frameworkErrors: (error, _request, reply) => {
      sendScimError(reply, toScimError(error).error);
    },
    clientErrorHandler: answerClientError,
  });
  const directory = new Directory(store, config, (error) => app.log.error({ err: error }, 'activity log write failed'));
  const limiter = new RateLimiter(config.rateLimitPerSecond, config.rateLimitBurst);
  const failedAuthLimiter = new RateLimiter(config.rateLimitPerSecond === 0 ? 0 : 5, 50);
  const metrics = new ServerMetrics();

  app.decorateRequest('scimActivity', null);
  app.decorateRequest('scimToken', null);
  app.decorateRequest('scimError', null);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(
      request.url.startsWith(SCIM_BASE_PATH) ? 'scim' : 'other',
      request.method,
      reply.statusCode,
      reply.elapsedTime,
    );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await store.read((session) => session.settings.get('scim.enabled'));
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', detail: 'The database cannot be reached.' });
    }
  });
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4').send(metrics.render()));

  await app.register(
    async (scim) => {
      registerScimBodyParsers(scim);

      scim.addHook('onRequest', async (request) => {
        const settings = await directory.settings.current();
        if (!settings.scimEnabled) {
          throw ScimError.forbidden(
            'SCIM provisioning is disabled on this Library server. An admin can enable it in the admin console (Workstation > SCIM).',
          );
        }
        const authorization = request.headers.authorization;
        if (DISCOVERY_PATH.test(request.url) && authorization === undefined) return;
        try {
          request.scimToken = await directory.tokens.authenticate(authorization);
        } catch (error) {
          // Guessing tokens costs a lookup and an activity row each: throttle failures per address.
          const wait = failedAuthLimiter.take(request.ip);
          if (wait > 0) {
            throw ScimError.tooManyRequests(
              `Too many requests with a missing or invalid token from ${request.ip}. Fix the token, then retry after ${wait} seconds.`,
              wait,
            );
          }
          throw error;
        }
        const wait = limiter.take(request.scimToken.id);
        if (wait > 0) {
          throw ScimError.tooManyRequests(
            `Too many requests for token "${request.scimToken.name}". Retry after ${wait} seconds; Okta and Entra do this automatically.`,
            wait,
          );
        }
      });

      scim.setErrorHandler(async (error, request, reply) => {
        const { error: scimError, unexpected } = toScimError(error);
        if (unexpected) request.log.error({ err: error }, 'unexpected error in SCIM request');
        request.scimError = scimError;
        return sendScimError(reply, scimError);
      });

      scim.setNotFoundHandler(async (request, reply) => {
        const scimError = ScimError.notFound(
          `There is no SCIM endpoint ${request.method} ${request.url.split('?')[0]}. This server serves ${SCIM_BASE_PATH}/Users, /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas.`,
        );
        request.scimError = scimError;
        return sendScimError(reply, scimError);
      });

      scim.addHook('onResponse', async (request, reply) => {
        recordActivity(directory, request, reply.statusCode, reply.elapsedTime);
      });
      registerClientDialectHooks(scim, directory);

      scim.all('/Me', async () => {
        throw new ScimError(
          501,
          '/Me is not supported: a bearer token belongs to an identity provider, not to a Library user (see /ServiceProviderConfig).',
        );
      });
      registerBulkAndSearchRoutes(scim, directory, config.publicUrl);
      registerDiscoveryRoutes(scim, directory, config);
      registerResourceRoutes(scim, directory, config.publicUrl);
    },
    { prefix: SCIM_BASE_PATH },
  );

  for (const plugin of options.plugins ?? []) await plugin(app, directory);

  const pruneTimer = setInterval(() => {
    directory.activity.prune().catch((error: unknown) => app.log.warn({ err: error }, 'activity prune failed'));
    store.maintain().catch((error: unknown) => app.log.warn({ err: error }, 'store maintenance failed'));
  }, 3_600_000);
  pruneTimer.unref();

  return {
    fastify: app,
    directory,
    metrics,
    async close() {
      clearInterval(pruneTimer);
      await app.close();
      await directory.close();
    },
  };
}

/**
 * Errors of Node's HTTP parser (a body cut short, a malformed chunk, conflicting framing headers,
 * a request line over the header limit) arrive before any route: answer them as SCIM errors too,
 * and close the connection, whose framing can no longer be trusted.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'The request line or headers are larger than this server accepts (16 KB). Send long filters in the body of POST /Users/.search or POST /Groups/.search instead of the query string.',
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [
            408,
            'Request Timeout',
            'The request was not received completely in time; nothing was changed. Send it again.',
          ]
        : [
            400,
            'Bad Request',
            'The request is not valid HTTP (its body is shorter than its Content-Length, a chunk is malformed, or it has both Content-Length and Transfer-Encoding); nothing was changed.',
          ];
  const body = JSON.stringify(new ScimError(status, detail, status === 400 ? 'invalidSyntax' : undefined).toJSON());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${SCIM_MEDIA_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const MAX_LOGGED_BODY_CHARS = 64 * 1024;
const SECRET_PARAMETER = /token|secret|password|passwd|api[-_]?key|authorization|code/i;

/**
 * The URL with the values of secret-looking query parameters replaced: a client that sends its
 * token as `?access_token=` must not find it in the log or the activity page.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((parameter) => {
      const name = parameter.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return SECRET_PARAMETER.test(decoded) && parameter.includes('=') ? `${name}=[redacted]` : parameter;
    });
  return `${url.slice(0, query)}?${parameters.join('&')}`;
}

/** The redacted request body, or a note of its size when it is too large to keep. */
function boundedBody(body: unknown): JsonValue {
  if (body === undefined || body === null) return null;
  const redacted = redact(body as JsonValue);
  const size = JSON.stringify(redacted).length;
  return size > MAX_LOGGED_BODY_CHARS ? { truncated: true, characters: size } : redacted;
}

function recordActivity(directory: Directory, request: FastifyRequest, status: number, durationMs: number): void {
  const activity = request.scimActivity;
  const error = request.scimError;
  const path = request.url.split('?')[0] ?? request.url;
  directory.activity.record({
    at: new Date().toISOString(),
    requestId: request.id,
    tokenId: request.scimToken?.id ?? null,
    tokenName: request.scimToken?.name ?? null,
    client: clientOf(request.headers['user-agent']),
    method: request.method,
    path: request.url.length > 2000 ? `${path.slice(0, 2000)}…` : redactUrl(request.url),
    status,
    scimType: error?.scimType ?? null,
    detail: redactDetail(error?.detail ?? null),
    resourceType: activity?.resourceType ?? null,
    resourceId: activity?.resourceId ?? null,
    summary: redact(activity?.summary ?? null),
    requestBody: boundedBody(request.body),
    durationMs: Math.round(durationMs * 100) / 100,
  });
}
