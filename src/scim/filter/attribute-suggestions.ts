/**
 * The detail for an unknown attribute: say which resource type lacks it, suggest the closest
 * spelling or the extension it belongs to, and list attributes that do work.
 */
import type { ResourceTypeName, SchemaRegistry } from '../schemas/types.js';

/** Shown first when listing attributes an admin can filter on. */
const PREFERRED: readonly string[] = [
  'id',
  'externalId',
  'userName',
  'displayName',
  'name.givenName',
  'name.familyName',
  'emails.value',
  'emails.type',
  'active',
  'members.value',
  'meta.created',
  'meta.lastModified',
];

interface Candidate {
  /** Full path as it must be written. */
  path: string;
  /** Path without the schema URN. */
  local: string;
  core: boolean;
  /** Worth listing as an example: a simple attribute or sub-attribute other than `$ref`. */
  listed: boolean;
}

function candidates(registry: SchemaRegistry, resourceType: ResourceTypeName): Candidate[] {
  const result: Candidate[] = [];
  registry.schemasFor(resourceType).forEach((schema, index) => {
    const core = index === 0;
    for (const attribute of schema.attributes) {
      if (attribute.returned === 'never') continue;
      const add = (local: string, listed: boolean): void => {
        result.push({ path: core ? local : `${schema.id}:${local}`, local, core, listed });
      };
      add(attribute.name, attribute.type !== 'complex');
      for (const sub of attribute.subAttributes ?? []) add(`${attribute.name}.${sub.name}`, sub.name !== '$ref');
    }
  });
  return result;
}

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

function hintFor(written: string, all: Candidate[]): string {
  const lower = written.toLowerCase();
  const inExtension = all.find((candidate) => !candidate.core && candidate.local.toLowerCase() === lower);
  if (inExtension !== undefined) {
    return ` "${inExtension.local}" belongs to an extension schema, so write it with the schema URN: "${inExtension.path}".`;
  }
  let best: Candidate | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of all) {
    const d = Math.min(
      distance(written, candidate.path),
      candidate.core ? Number.POSITIVE_INFINITY : distance(written, candidate.local),
    );
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(written.length / 4));
  return best !== undefined && bestDistance <= limit ? ` Did you mean "${best.path}"?` : '';
}

/** Some attributes that do resolve, preferred ones first. */
export function someAttributePaths(registry: SchemaRegistry, resourceType: ResourceTypeName, count = 10): string[] {
  const all = candidates(registry, resourceType)
    .filter((candidate) => candidate.listed)
    .map((candidate) => candidate.path);
  const preferred = PREFERRED.filter((path) => all.includes(path));
  const rest = all.filter((path) => !preferred.includes(path) && !path.startsWith('meta.'));
  return [...preferred, ...rest].slice(0, count);
}

/** `"usrName" is not an attribute of User resources. Did you mean "userName"? ...` */
export function unknownAttributeDetail(
  written: string,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): string {
  const all = candidates(registry, resourceType);
  const some = someAttributePaths(registry, resourceType);
  return (
    `"${written}" is not an attribute of ${resourceType} resources.${hintFor(written, all)} ` +
    `Attributes that can be used include ${some.join(', ')} (GET /Schemas lists them all).`
  );
}
