/**
 * What every admin API schema shares: the error body, nullable values, path ids, and the error
 * responses a route documents.
 *
 * The schema modules are the one source of the admin API's shapes: Fastify validates requests
 * with them, `@fastify/swagger` publishes them as `/api/admin/openapi.json`, and
 * `admin-api-types.ts` gives their static types to the server and the console. They import
 * nothing but `typebox` (the console type-checks them), so values shared with the services are
 * repeated here and compared by `test/admin/admin-api-schemas.test.ts`.
 *
 * Two annotations of ours steer the 400 a request gets (see `../schema-validation.ts`):
 * `x-detail` on a value is the detail when it is missing or does not fit; `x-unknown-property`
 * on an object is the detail for a property it does not have, with `{name}` for its name.
 */
import { type TSchema, type TSchemaOptions, Type } from 'typebox';

export const ApiErrorSchema = Type.Object({
  status: Type.String({ description: 'The HTTP status code, as a string (as SCIM errors have it).' }),
  scimType: Type.Optional(Type.String({ description: 'The SCIM error type, such as invalidValue.' })),
  detail: Type.String({ description: 'What went wrong and what to do.' }),
});

const ERROR_TEXT = {
  400: 'A value in the request is invalid; `detail` says which and how to fix it.',
  401: 'No admin session (sign in), or it ended.',
  403: 'The CSRF header is missing or wrong, or the request came from another site.',
  404: 'No such resource.',
  409: 'The change conflicts with the current state (already set up, name taken, not deleted...).',
  429: 'Too many failed sign-ins; wait for `Retry-After` seconds.',
} as const;

export type ErrorStatus = keyof typeof ERROR_TEXT;

const ERROR_RESPONSES = {
  400: Type.Object(ApiErrorSchema.properties, { description: ERROR_TEXT[400] }),
  401: Type.Object(ApiErrorSchema.properties, { description: ERROR_TEXT[401] }),
  403: Type.Object(ApiErrorSchema.properties, { description: ERROR_TEXT[403] }),
  404: Type.Object(ApiErrorSchema.properties, { description: ERROR_TEXT[404] }),
  409: Type.Object(ApiErrorSchema.properties, { description: ERROR_TEXT[409] }),
  429: Type.Object(ApiErrorSchema.properties, { description: ERROR_TEXT[429] }),
};

/** The error answers a route documents, each with the error body. */
export function errorResponses<Status extends ErrorStatus>(
  ...statuses: Status[]
): Record<Status, (typeof ERROR_RESPONSES)[Status]> {
  return Object.fromEntries(statuses.map((status) => [status, ERROR_RESPONSES[status]])) as Record<
    Status,
    (typeof ERROR_RESPONSES)[Status]
  >;
}

/** A value or null. */
export function nullable<Schema extends TSchema>(schema: Schema, options: TSchemaOptions = {}) {
  return Type.Union([schema, Type.Null()], options);
}

/** Path parameters of a route that names one thing by id. */
export function idParams(description: string) {
  return Type.Object({ id: Type.String({ description }) });
}

/** A JSON object of any shape (a SCIM resource, a redacted body). */
export const JsonObjectSchema = Type.Record(Type.String(), Type.Unknown());

/** A page of a list that pages by offset, as SCIM does (1-based). */
export const offsetPage = {
  totalResults: Type.Integer({ minimum: 0 }),
  startIndex: Type.Integer({ minimum: 1 }),
  itemsPerPage: Type.Integer({ minimum: 0 }),
};
