/**
 * `attributes` and `excludedAttributes` (RFC 7644 sections 3.4.2.5 and 3.9) applied to a full
 * output document, together with the `returned` characteristic of each attribute (RFC 7643
 * section 7): `always` is always present, `never` never, `request` only when named in
 * `attributes`, `default` unless excluded.
 *
 * Names are case-insensitive and may be URN-qualified (`urn:...:enterprise:2.0:User:manager`),
 * name a sub-attribute (`name.givenName`, `emails.value`), or name an extension URN alone (the
 * whole block). Unknown names are ignored. When both parameters are given, `attributes` wins
 * (the RFC makes them mutually exclusive; we are lenient).
 */
import type { AttributeDefinition, ResourceTypeName, SchemaRegistry } from '../schemas/types.js';
import { isJsonObject } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';

export interface ProjectionOptions {
  attributes?: string[] | undefined;
  excludedAttributes?: string[] | undefined;
}

/** `a, b ,,c` → `['a', 'b', 'c']`; undefined when the parameter is absent or names nothing. */
export function parseAttributeList(param: string | undefined): string[] | undefined {
  if (param === undefined) return undefined;
  const names = param
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length === 0 ? undefined : names;
}

/** What to keep of one top-level attribute. */
type Keep =
  | { kind: 'none' }
  | { kind: 'whole' }
  /** Only these sub-attributes (lower-cased names). */
  | { kind: 'only'; subs: ReadonlySet<string> }
  /** All sub-attributes but these. */
  | { kind: 'except'; subs: ReadonlySet<string> };

interface Selection {
  mode: 'all' | 'include' | 'exclude';
  /** Lower-cased schema URNs named alone. */
  schemas: Set<string>;
  /** Keys `urn\u0000attribute` (lower-cased) named as a whole. */
  whole: Set<string>;
  /** The same keys, to the lower-cased sub-attribute names named under them. */
  subs: Map<string, Set<string>>;
}

const keyOf = (schema: string, attr: AttributeDefinition) => `${schema.toLowerCase()}\u0000${attr.name.toLowerCase()}`;

function select(resourceType: ResourceTypeName, registry: SchemaRegistry, options: ProjectionOptions): Selection {
  const include = options.attributes !== undefined && options.attributes.length > 0;
  const names = include ? options.attributes : options.excludedAttributes;
  const mode = include ? 'include' : names !== undefined && names.length > 0 ? 'exclude' : 'all';
  const selection: Selection = { mode, schemas: new Set(), whole: new Set(), subs: new Map() };
  const coreUrn = registry.resourceType(resourceType).schema.toLowerCase();
  for (const raw of names ?? []) {
    const name = raw.trim();
    if (name.toLowerCase() === coreUrn || registry.isExtension(resourceType, name)) {
      selection.schemas.add(name.toLowerCase());
      continue;
    }
    const resolved = registry.resolve(resourceType, name);
    if (resolved === undefined) continue;
    const key = keyOf(resolved.schema, resolved.attribute);
    if (resolved.subAttribute === undefined) selection.whole.add(key);
    else {
      const subs = selection.subs.get(key) ?? new Set<string>();
      subs.add(resolved.subAttribute.name.toLowerCase());
      selection.subs.set(key, subs);
    }
  }
  return selection;
}

function decide(selection: Selection, schema: string, attr: AttributeDefinition): Keep {
  if (attr.returned === 'never') return { kind: 'none' };
  if (attr.returned === 'always') return { kind: 'whole' };
  const key = keyOf(schema, attr);
  const named = selection.whole.has(key) || selection.schemas.has(schema.toLowerCase());
  const subs = selection.subs.get(key);
  switch (selection.mode) {
    case 'include':
      if (named) return { kind: 'whole' };
      return subs === undefined ? { kind: 'none' } : { kind: 'only', subs };
    case 'exclude':
      if (attr.returned === 'request' || named) return { kind: 'none' };
      return subs === undefined ? { kind: 'whole' } : { kind: 'except', subs };
    case 'all':
      return attr.returned === 'request' ? { kind: 'none' } : { kind: 'whole' };
  }
}

function keepSub(keep: Keep, sub: AttributeDefinition): boolean {
  if (sub.returned === 'never') return false;
  if (sub.returned === 'always') return true;
  const lower = sub.name.toLowerCase();
  switch (keep.kind) {
    case 'none':
      return false;
    case 'whole':
      return sub.returned !== 'request';
    case 'only':
      return keep.subs.has(lower);
    case 'except':
      return !keep.subs.has(lower) && sub.returned !== 'request';
  }
}

function projectComplex(object: JsonObject, attr: AttributeDefinition, keep: Keep): JsonObject | undefined {
  const subs = new Map((attr.subAttributes ?? []).map((sub) => [sub.name.toLowerCase(), sub]));
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const sub = subs.get(key.toLowerCase());
    // Keys that are not in the schema stay only when the whole attribute is wanted.
    if (sub === undefined ? keep.kind === 'whole' : keepSub(keep, sub)) result[key] = value;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** The part of one attribute's value to return, or undefined for none. */
function projectValue(value: JsonValue, attr: AttributeDefinition, keep: Keep): JsonValue | undefined {
  if (keep.kind === 'none') return undefined;
  const subs = attr.subAttributes ?? [];
  // The common case (and a 100,000-member list) passes through without a copy.
  if (keep.kind === 'whole' && subs.every((sub) => sub.returned === 'default' || sub.returned === 'always'))
    return value;
  if (attr.type !== 'complex') return keep.kind === 'whole' ? value : undefined;
  if (Array.isArray(value)) {
    const elements: JsonValue[] = [];
    for (const element of value) {
      const projected = isJsonObject(element)
        ? projectComplex(element, attr, keep)
        : keep.kind === 'whole'
          ? element
          : undefined;
      if (projected !== undefined) elements.push(projected);
    }
    return elements.length === 0 ? undefined : elements;
  }
  return isJsonObject(value) ? projectComplex(value, attr, keep) : keep.kind === 'whole' ? value : undefined;
}

function projectBlock(
  block: JsonObject,
  schema: string,
  attributes: ReadonlyMap<string, AttributeDefinition>,
  selection: Selection,
): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(block)) {
    const attr = attributes.get(key.toLowerCase());
    if (attr === undefined) {
      if (selection.mode !== 'include') result[key] = value;
      continue;
    }
    const projected = projectValue(value, attr, decide(selection, schema, attr));
    if (projected !== undefined) result[key] = projected;
  }
  return result;
}

/**
 * Compile the projection once (for a list response) and apply it to each resource. The documents
 * are not mutated; values that pass whole are shared with the input, not copied.
 */
export function createResourceProjection(
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
  options: ProjectionOptions,
): (doc: JsonObject) => JsonObject {
  const selection = select(resourceType, registry, options);
  const [core, ...extensions] = registry.schemasFor(resourceType);
  if (core === undefined) throw new Error(`Resource type ${resourceType} has no core schema.`);
  const attributesOf = (attributes: AttributeDefinition[]) =>
    new Map(attributes.map((attr) => [attr.name.toLowerCase(), attr]));
  const coreAttributes = attributesOf(core.attributes);
  const extensionAttributes = new Map(
    extensions.map((schema) => [schema.id.toLowerCase(), { schema, attributes: attributesOf(schema.attributes) }]),
  );

  return (doc) => {
    const output: JsonObject = {};
    let schemasKey: string | undefined;
    const coreBlock: JsonObject = {};
    for (const [key, value] of Object.entries(doc)) {
      if (key.toLowerCase() === 'schemas') {
        schemasKey = key;
        output[key] = value;
        continue;
      }
      const extension = extensionAttributes.get(key.toLowerCase());
      if (extension !== undefined) {
        if (!isJsonObject(value)) continue;
        const block = projectBlock(value, extension.schema.id, extension.attributes, selection);
        if (Object.keys(block).length > 0) output[key] = block;
        continue;
      }
      coreBlock[key] = value;
      output[key] = null; // keeps the key order of the input; filled or removed below
    }
    const projectedCore = projectBlock(coreBlock, core.id, coreAttributes, selection);
    for (const key of Object.keys(coreBlock)) {
      const value = projectedCore[key];
      if (value === undefined) delete output[key];
      else output[key] = value;
    }
    const schemas = schemasKey === undefined ? undefined : output[schemasKey];
    if (schemasKey !== undefined && Array.isArray(schemas)) {
      // An extension whose block is gone is no longer part of this representation.
      output[schemasKey] = schemas.filter((urn) => {
        if (typeof urn !== 'string' || !extensionAttributes.has(urn.toLowerCase())) return true;
        return Object.keys(output).some((key) => key.toLowerCase() === urn.toLowerCase());
      });
    }
    return output;
  };
}

/** Apply `attributes` / `excludedAttributes` and `returned` to one full output document. */
export function projectResource(
  doc: JsonObject,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
  options: ProjectionOptions,
): JsonObject {
  return createResourceProjection(resourceType, registry, options)(doc);
}

/**
 * Whether a response with these options contains any part of `attributeName` (a path such as
 * `members`, `groups`, `emails.value`, or an extension URN). Lets the directory skip loading what
 * nobody asked for: `GET /Groups?excludedAttributes=members` must not read 100,000 members.
 * Unknown names give false.
 */
export function isAttributeRequested(
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
  options: ProjectionOptions,
  attributeName: string,
): boolean {
  const selection = select(resourceType, registry, options);
  const urn = registry.canonicalExtensionUrn(resourceType, attributeName);
  if (urn !== undefined) {
    const schema = registry.schema(urn);
    return schema !== undefined && schema.attributes.some((attr) => decide(selection, urn, attr).kind !== 'none');
  }
  const resolved = registry.resolve(resourceType, attributeName);
  if (resolved === undefined) return false;
  const keep = decide(selection, resolved.schema, resolved.attribute);
  if (resolved.subAttribute === undefined) return keep.kind !== 'none';
  return keepSub(keep, resolved.subAttribute);
}
