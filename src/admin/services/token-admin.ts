/** Bearer tokens as the console manages them: several at once, with a warning before expiry. */
import type { TokenSummary } from '../../directory/bearer-tokens.js';
import type { Directory } from '../../directory/directory.js';
import { ScimError } from '../../scim/errors.js';
import type { CreatedTokenView, TokenView } from '../admin-api-types.js';

/** Tokens that expire within this many days are flagged. */
export const EXPIRY_WARNING_DAYS = 7;
export const MAX_TOKEN_DAYS = 3650;

export function toTokenView(summary: TokenSummary, now: Date = new Date()): TokenView {
  const expiresAt = summary.expires === null ? undefined : Date.parse(summary.expires);
  const expiringSoon =
    summary.status === 'active' &&
    expiresAt !== undefined &&
    expiresAt - now.getTime() <= EXPIRY_WARNING_DAYS * 86_400_000;
  return { ...summary, expiringSoon };
}

export async function listTokenViews(directory: Directory): Promise<TokenView[]> {
  const now = new Date();
  return (await directory.tokens.list()).map((summary) => toTokenView(summary, now));
}

export function parseTokenRequest(body: unknown): { name: string; expiresInSeconds: number | undefined } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ScimError.invalidSyntax('Send a JSON object such as {"name": "okta-production", "expiresInDays": 90}.');
  }
  const { name, expiresInDays } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > 100) {
    throw ScimError.invalidValue(
      'Give the token a name of 1 to 100 characters that says where it is used, such as "okta-production".',
    );
  }
  if (expiresInDays === undefined || expiresInDays === null) return { name: name.trim(), expiresInSeconds: undefined };
  if (
    typeof expiresInDays !== 'number' ||
    !Number.isInteger(expiresInDays) ||
    expiresInDays < 1 ||
    expiresInDays > MAX_TOKEN_DAYS
  ) {
    throw ScimError.invalidValue(
      `"expiresInDays" must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or null for a token that never expires.`,
    );
  }
  return { name: name.trim(), expiresInSeconds: expiresInDays * 86_400 };
}

export async function createTokenView(directory: Directory, body: unknown): Promise<CreatedTokenView> {
  const request = parseTokenRequest(body);
  const created = await directory.tokens.create({ name: request.name, expiresInSeconds: request.expiresInSeconds });
  return { token: toTokenView(created.summary), secret: created.token };
}

export async function revokeTokenView(directory: Directory, id: string): Promise<TokenView> {
  const revoked = await directory.tokens.revoke(id);
  if (!revoked) throw ScimError.notFound(`No token has id "${id}". Reload the token list.`);
  return toTokenView(revoked);
}
