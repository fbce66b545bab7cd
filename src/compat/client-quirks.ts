/**
 * The client-dialect layer (design.md "compat/"): what Okta, Microsoft Entra ID (with and without
 * the `aadOptscim062020` flag), OneLogin and the Keycloak SCIM client send that strict RFC 7643 /
 * RFC 7644 code would reject or misread, normalised at the HTTP edge before the core sees it.
 * The core (`src/scim/`) stays strict; every quirk lives in this folder as a small named function
 * that says which client sends it and cites /work/shared/docs/clients.md.
 *
 * - PATCH bodies: `normalizePatchBody` (patch-quirks.ts).
 * - POST and PUT bodies: `normalizeResourceBody` (resource-body-quirks.ts).
 * - Values of one attribute, shared by both: value-quirks.ts.
 */
export { normalizePatchBody } from './patch-quirks.js';
export { normalizeResourceBody } from './resource-body-quirks.js';
