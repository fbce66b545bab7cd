/**
 * The SCIM wire format at the HTTP edge: media types, body parsing, and turning every failure
 * into an RFC 7644 Error message with an actionable detail.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ScimError } from '../scim/errors.js';

export const SCIM_MEDIA_TYPE = 'application/scim+json; charset=utf-8';

/** Accept `application/scim+json` (any parameters) and `application/json` bodies. */
export function registerScimBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    ['application/json', 'application/scim+json'],
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = String(body);
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      if (text.includes('\u0000') || /(^|[^\\])\\u0000/.test(text)) {
        done(
          ScimError.invalidValue(
            'The request body contains a NUL character (\\u0000). No SCIM attribute may contain it; remove it from the value in the identity provider.',
          ),
          undefined,
        );
        return;
      }
      try {
        done(null, JSON.parse(text) as unknown);
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'unparseable';
        done(
          ScimError.invalidSyntax(
            `The request body is not valid JSON (${reason}). Send a JSON object with Content-Type application/scim+json.`,
          ),
          undefined,
        );
      }
    },
  );
}

/** Map any thrown value to a ScimError. Unknown errors become a 500 whose detail leaks nothing. */
export function toScimError(error: unknown): { error: ScimError; unexpected: boolean } {
  if (error instanceof ScimError) return { error, unexpected: false };
  const fastifyError = error as Partial<FastifyError> | undefined;
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        error: new ScimError(
          413,
          'The request body is larger than this server accepts. Send fewer members or operations per request (split a large group push into several PATCH requests).',
          'tooMany',
        ),
        unexpected: false,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        error: new ScimError(
          415,
          'The request body must be sent with Content-Type application/scim+json or application/json.',
        ),
        unexpected: false,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        error: ScimError.invalidSyntax('The request has an empty body. Send a JSON object.'),
        unexpected: false,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        error: ScimError.invalidSyntax('The Content-Length header does not match the body that was sent.'),
        unexpected: false,
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        error: ScimError.notFound(
          'No resource has this id: it is longer than any id this server issues. Check the id in the identity provider.',
        ),
        unexpected: false,
      };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return {
        error: ScimError.invalidSyntax('The request URL is malformed (check its percent-encoding).'),
        unexpected: false,
      };
    default:
      break;
  }
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      error: new ScimError(status, fastifyError?.message ?? 'The request was not understood.'),
      unexpected: false,
    };
  }
  return {
    error: new ScimError(
      500,
      'The server failed while handling this request. The change may or may not have been applied: read the resource before retrying. If it keeps failing, give the request id from the X-Request-Id header to the Library administrator, who finds the cause in the server log.',
    ),
    unexpected: true,
  };
}

export function sendScimError(reply: FastifyReply, error: ScimError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type(SCIM_MEDIA_TYPE).send(error.toJSON());
}

export function sendScim(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(SCIM_MEDIA_TYPE).send(body);
}
