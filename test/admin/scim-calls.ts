/** SCIM requests for the admin tests, with a bearer token and an identity provider's User-Agent. */
import { SCIM_JSON, scimRequest } from '../support/scim-client.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const OKTA_AGENT = 'Okta SCIM Client 1.0.0';

export interface ScimAnswer {
  status: number;
  body: Record<string, unknown>;
}

export async function scimCall(
  scimBase: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  userAgent = OKTA_AGENT,
): Promise<ScimAnswer> {
  const headers = { 'User-Agent': userAgent };
  const reply = await scimRequest({ scimBase }, method, path, {
    body,
    headers,
    token: token ?? null,
    accept: SCIM_JSON,
    requireJson: true,
  });
  return { status: reply.status, body: reply.body ?? {} };
}

export function userBody(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    displayName: `Display ${userName}`,
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

export async function createUser(
  scimBase: string,
  token: string,
  userName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await scimCall(scimBase, token, 'POST', '/Users', userBody(userName, extra));
  if (created.status !== 201)
    throw new Error(`POST /Users ${userName}: ${created.status} ${JSON.stringify(created.body)}`);
  return String(created.body['id']);
}
