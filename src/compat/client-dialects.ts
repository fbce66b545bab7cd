/**
 * The client-dialect layer (docs/architecture.md, "compat/"): what Okta, Microsoft Entra ID (with
 * and without the `aadOptscim062020` flag), OneLogin and the Keycloak SCIM client send that the
 * strict RFC 7643 / RFC 7644 core would refuse or misread, turned into the RFC's shapes. It is
 * applied once, at the HTTP edge (`src/http/client-dialect-hooks.ts`), to every body and filter
 * before the core sees them; the core (`src/scim/`) and the directory never call it.
 *
 * Each dialect is a small function in a file named after the clients that need it, with a
 * `Clients:` note citing docs/clients.md. Nothing here rejects a request: what this layer does
 * not understand is passed on unchanged for the core to report. What needs nothing is returned as
 * the very same value (no copy), so the common RFC request costs a walk over its keys.
 */
import type { ResourceTypeName, SchemaRegistry } from '../scim/schemas/types.js';
import { normalizeFilterText } from './entra-filter-dialect.js';
import { normalizePatchBody } from './patch-body.js';
import { normalizeResourceBody } from './resource-body.js';
import { isPlainObject, memberOf, type UnknownObject } from './schema-lookup.js';

export { normalizePatchBody } from './patch-body.js';
export { normalizeResourceBody } from './resource-body.js';

/** A `filter` query parameter or SearchRequest member, for the given resource types. */
export function normalizeFilter(
  text: string,
  resourceTypes: readonly ResourceTypeName[],
  registry: SchemaRegistry,
): string {
  return normalizeFilterText(text, 'filter', resourceTypes, registry);
}

/** A SearchRequest body (`POST /Users/.search`, `/Groups/.search`, `/.search`): its `filter`. */
export function normalizeSearchBody(
  body: unknown,
  resourceTypes: readonly ResourceTypeName[],
  registry: SchemaRegistry,
): unknown {
  if (!isPlainObject(body)) return body;
  const filter = memberOf(body, 'filter');
  if (filter === undefined || typeof filter.value !== 'string') return body;
  const normalized = normalizeFilter(filter.value, resourceTypes, registry);
  return normalized === filter.value ? body : { ...body, [filter.key]: normalized };
}

const BULK_PATH = /^\/(users|groups)(?:\/([^/]+))?\/?$/i;

/** One operation of a BulkRequest: its `data`, as the request it stands for would be normalised. */
function normalizeBulkOperation(operation: unknown, registry: SchemaRegistry): unknown {
  if (!isPlainObject(operation)) return operation;
  const method = memberOf(operation, 'method')?.value;
  const path = memberOf(operation, 'path')?.value;
  const data = memberOf(operation, 'data');
  if (typeof method !== 'string' || typeof path !== 'string' || data === undefined) return operation;
  const match = BULK_PATH.exec(path.trim());
  if (match === null) return operation;
  const resourceType: ResourceTypeName = match[1]?.toLowerCase() === 'users' ? 'User' : 'Group';
  let normalized: unknown;
  switch (method.toUpperCase()) {
    case 'PATCH':
      normalized = normalizePatchBody(data.value, resourceType, registry, match[2]);
      break;
    case 'POST':
    case 'PUT':
      normalized = normalizeResourceBody(data.value, resourceType, registry);
      break;
    default:
      return operation;
  }
  return normalized === data.value ? operation : { ...operation, [data.key]: normalized };
}

/** A BulkRequest body (`POST /Bulk`): the `data` of each operation. */
export function normalizeBulkBody(body: unknown, registry: SchemaRegistry): unknown {
  if (!isPlainObject(body)) return body;
  const operations = memberOf(body, 'Operations');
  if (operations === undefined || !Array.isArray(operations.value)) return body;
  let changed = false;
  const normalized: unknown[] = [];
  for (const operation of operations.value as unknown[]) {
    const result = normalizeBulkOperation(operation, registry);
    if (result !== operation) changed = true;
    normalized.push(result);
  }
  return changed ? ({ ...body, [operations.key]: normalized } satisfies UnknownObject) : body;
}
