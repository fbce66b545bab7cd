/**
 * RFC 7644 section 3.12: the Error message (`urn:ietf:params:scim:api:messages:2.0:Error`) that
 * every failed request answers with. `ScimError` (`src/scim/errors.ts`) renders itself as one.
 */
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 Table 9, plus RFC 9865's cursor errors. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor';

export interface ErrorMessage {
  schemas: [typeof ERROR_SCHEMA];
  /** The HTTP status, as a string (RFC 7644 section 3.12). */
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function errorMessage(status: number, detail: string, scimType: ScimType | undefined): ErrorMessage {
  const message: ErrorMessage = { schemas: [ERROR_SCHEMA], status: String(status), detail };
  if (scimType !== undefined) message.scimType = scimType;
  return message;
}
