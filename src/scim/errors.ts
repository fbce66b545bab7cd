/**
 * The one error type of the service. Every failure that reaches a client is a ScimError and is
 * rendered as an RFC 7644 section 3.12 Error message. `detail` is read by people: Okta shows it in
 * its task list, so it must say what went wrong and what the admin can do about it.
 */
import { errorMessage, type ErrorMessage, type ScimType } from './messages/error.js';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;
  /** Extra response headers, such as Retry-After on 429 or WWW-Authenticate on 401. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
    this.headers = headers;
  }

  /** The RFC 7644 Error message. */
  toJSON(): ErrorMessage {
    return errorMessage(this.status, this.detail, this.scimType);
  }

  static badRequest(scimType: ScimType, detail: string): ScimError {
    return new ScimError(400, detail, scimType);
  }

  static invalidFilter(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidFilter');
  }

  static invalidSyntax(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidSyntax');
  }

  static invalidValue(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidValue');
  }

  static invalidPath(detail: string): ScimError {
    return new ScimError(400, detail, 'invalidPath');
  }

  static noTarget(detail: string): ScimError {
    return new ScimError(400, detail, 'noTarget');
  }

  static mutability(detail: string): ScimError {
    return new ScimError(400, detail, 'mutability');
  }

  static uniqueness(detail: string): ScimError {
    return new ScimError(409, detail, 'uniqueness');
  }

  static notFound(detail: string): ScimError {
    return new ScimError(404, detail);
  }

  static preconditionFailed(detail: string): ScimError {
    return new ScimError(412, detail);
  }

  static unauthorized(detail: string): ScimError {
    return new ScimError(401, detail, undefined, { 'WWW-Authenticate': 'Bearer realm="Library SCIM"' });
  }

  static forbidden(detail: string): ScimError {
    return new ScimError(403, detail);
  }

  static tooManyRequests(detail: string, retryAfterSeconds: number): ScimError {
    return new ScimError(429, detail, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export function isScimError(value: unknown): value is ScimError {
  return value instanceof ScimError;
}
