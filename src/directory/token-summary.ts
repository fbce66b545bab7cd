/**
 * What anyone may see of a bearer token: never its secret. Types only, so that the admin
 * console's browser bundle can share it.
 */
export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  created: string;
  expires: string | null;
  lastUsed: string | null;
  revoked: string | null;
  status: 'active' | 'expired' | 'revoked';
}
