/**
 * `resolveFilter`: check a parsed filter against the schema registry and produce a
 * `ResolvedFilter` whose attributes carry their definitions and whose values have the attribute's
 * type. Everything a client can get wrong is a 400 `invalidFilter` ScimError naming the attribute:
 * unknown attributes (with a suggestion), write-only attributes, operators the type does not
 * support (see `filter-value-check.ts`), values of the wrong type.
 *
 * Value paths: inside `emails[type eq "work"]` the names are sub-attributes of `emails`. A
 * comparison on a complex attribute without a sub-attribute (`emails eq "x"`, `manager eq "x"`)
 * compares its `value` sub-attribute (RFC 7644 section 3.4.2.2); a complex attribute without one
 * supports only `pr`.
 */
import type { AttrPath, Filter, ResolvedFilter } from './ast.js';
import { unknownAttributeDetail } from './attribute-suggestions.js';
import { targetType } from './filter-attribute.js';
import { resolveComparison } from './filter-value-check.js';
import { ScimError } from '../errors.js';
import type { ResolvedAttribute, ResourceTypeName, SchemaRegistry } from '../schemas/types.js';

interface ResolveContext {
  resourceType: ResourceTypeName;
  registry: SchemaRegistry;
}

/** A value path being resolved: the outer attribute and how the client wrote it. */
interface Outer {
  attr: ResolvedAttribute;
  written: string;
}

function writtenPath(path: AttrPath): string {
  const local = path.sub === undefined ? path.name : `${path.name}.${path.sub}`;
  return path.uri === undefined ? local : `${path.uri}:${local}`;
}

function checkFilterable(attr: ResolvedAttribute, written: string): ResolvedAttribute {
  if (attr.attribute.returned === 'never' || attr.subAttribute?.returned === 'never') {
    throw ScimError.invalidFilter(
      `"${written}" cannot be used in a filter: it is write-only and never returned, so there is nothing to compare.`,
    );
  }
  return attr;
}

function resolveTopLevel(path: AttrPath, ctx: ResolveContext): ResolvedAttribute {
  const written = writtenPath(path);
  const attr = ctx.registry.resolveParts(ctx.resourceType, path);
  if (attr === undefined) {
    throw ScimError.invalidFilter(
      `The filter refers to an unknown attribute. ${unknownAttributeDetail(written, ctx.resourceType, ctx.registry)}`,
    );
  }
  return checkFilterable(attr, written);
}

function subAttributeNames(attr: ResolvedAttribute): string {
  return (attr.attribute.subAttributes ?? []).map((sub) => sub.name).join(', ');
}

function resolveSub(outer: ResolvedAttribute, sub: string, ctx: ResolveContext): ResolvedAttribute | undefined {
  const name = outer.attribute.name;
  const parts = outer.core ? { name, sub } : { uri: outer.schema, name, sub };
  return ctx.registry.resolveParts(ctx.resourceType, parts);
}

function resolveInner(path: AttrPath, outer: Outer, ctx: ResolveContext): ResolvedAttribute {
  const written = writtenPath(path);
  const attr = path.uri === undefined && path.sub === undefined ? resolveSub(outer.attr, path.name, ctx) : undefined;
  if (attr === undefined) {
    throw ScimError.invalidFilter(
      `Inside "${outer.written}[...]" the filter refers to "${written}", which is not a sub-attribute of "${outer.written}". ` +
        `Use one of ${subAttributeNames(outer.attr)}, e.g. ${outer.written}[${outer.attr.attribute.subAttributes?.[0]?.name ?? 'value'} eq "value"].`,
    );
  }
  return checkFilterable(attr, `${outer.written}.${path.name}`);
}

function resolvePath(
  path: AttrPath,
  outer: Outer | undefined,
  ctx: ResolveContext,
): { attr: ResolvedAttribute; written: string } {
  if (outer === undefined) return { attr: resolveTopLevel(path, ctx), written: writtenPath(path) };
  return { attr: resolveInner(path, outer, ctx), written: `${outer.written}.${path.name}` };
}

function resolveNode(filter: Filter, outer: Outer | undefined, ctx: ResolveContext): ResolvedFilter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        left: resolveNode(filter.left, outer, ctx),
        right: resolveNode(filter.right, outer, ctx),
      };
    case 'not':
      return { kind: 'not', filter: resolveNode(filter.filter, outer, ctx) };
    case 'present':
      return { kind: 'present', attr: resolvePath(filter.path, outer, ctx).attr };
    case 'compare': {
      const { attr, written } = resolvePath(filter.path, outer, ctx);
      if (targetType(attr) !== 'complex') return resolveComparison(attr, filter.op, filter.value, written);
      const valueAttr = resolveSub(attr, 'value', ctx);
      if (valueAttr === undefined) {
        const first = attr.attribute.subAttributes?.[0]?.name ?? 'value';
        throw ScimError.invalidFilter(
          `"${written}" is a complex attribute and has no "value" to compare; compare one of its sub-attributes ` +
            `(${subAttributeNames(attr)}) instead, e.g. ${written}.${first} eq "value", or test it with ${written} pr.`,
        );
      }
      return resolveComparison(
        checkFilterable(valueAttr, `${written}.value`),
        filter.op,
        filter.value,
        `${written}.value`,
      );
    }
    case 'valuePath': {
      const written = writtenPath(filter.path);
      if (outer !== undefined) {
        throw ScimError.invalidFilter(
          `Value filters cannot be nested: "${written}[...]" appears inside "${outer.written}[...]".`,
        );
      }
      const attr = resolveTopLevel(filter.path, ctx);
      if (attr.subAttribute !== undefined || attr.attribute.type !== 'complex') {
        const simple =
          attr.subAttribute === undefined && attr.attribute.multiValued
            ? ` To match one of its values, write ${written} eq "value".`
            : '';
        throw ScimError.invalidFilter(
          `"${written}[...]" filters the elements of a complex attribute such as emails or members, but "${written}" is not complex.${simple}`,
        );
      }
      return { kind: 'valuePath', attr, filter: resolveNode(filter.filter, { attr, written }, ctx) };
    }
  }
}

export function resolveFilter(
  filter: Filter,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): ResolvedFilter {
  return resolveNode(filter, undefined, { resourceType, registry });
}

/**
 * Resolve a textual attribute path (`sortBy`, or any path parameter) or throw a 400 ScimError of
 * `errorType` naming the attribute and suggesting a known one. Write-only attributes resolve (a
 * sort on them finds no values and changes nothing).
 */
export function resolveAttributePath(
  path: string,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
  errorType: 'invalidFilter' | 'invalidPath',
): ResolvedAttribute {
  const attr = registry.resolve(resourceType, path.trim());
  if (attr !== undefined) return attr;
  throw ScimError.badRequest(errorType, unknownAttributeDetail(path.trim(), resourceType, registry));
}
