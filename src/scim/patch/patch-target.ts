/**
 * What a PATCH operation points at (RFC 7644 section 3.5.2 PATH): an attribute, a sub-attribute,
 * the elements of a multi-valued attribute selected by a value filter, or a sub-attribute of
 * those elements. Paths are parsed by the filter module's path parser and resolved against the
 * schema registry; every failure is a 400 `invalidPath` naming the operation.
 */
import { ScimError } from '../errors.js';
import type { ResolvedFilter } from '../filter/ast.js';
import { unknownAttributeDetail } from '../filter/attribute-suggestions.js';
import { resolveFilter } from '../filter/filter-resolver.js';
import { parsePatchPath } from '../filter/patch-path-parser.js';
import { findSubAttribute } from '../schemas/schema-registry.js';
import type { AttributeDefinition, ResolvedAttribute, ResourceTypeName, SchemaRegistry } from '../schemas/types.js';
import { operationError, withOperationContext, type OperationContext } from './patch-operation.js';

export interface PatchTarget {
  /** The top-level attribute; `subAttribute` is set for a dotted path such as `name.givenName`. */
  resolved: ResolvedAttribute;
  /** The value filter of `emails[type eq "work"]`, resolved against the element's sub-attributes. */
  filter?: ResolvedFilter;
  /** The sub-attribute addressed: `givenName` of `name.givenName`, `value` of `emails[…].value`. */
  sub?: AttributeDefinition;
  /** How the attribute is named in error details: `emails`, `name.givenName`, `urn:…:User:manager`. */
  label: string;
}

export interface TargetScope {
  resourceType: ResourceTypeName;
  registry: SchemaRegistry;
}

/** The canonical name of a resolved attribute, for details. */
export function attributeLabel(resolved: ResolvedAttribute, sub?: AttributeDefinition): string {
  const base = resolved.core ? resolved.attribute.name : `${resolved.schema}:${resolved.attribute.name}`;
  const subName = sub?.name ?? resolved.subAttribute?.name;
  return subName === undefined ? base : `${base}.${subName}`;
}

/** `"usrName" is not an attribute of User resources. Did you mean "userName"? …` */
export function unknownAttributeMessage(
  name: string,
  resourceType: ResourceTypeName,
  registry: SchemaRegistry,
): string {
  return unknownAttributeDetail(name, resourceType, registry);
}

/** A target for an attribute already resolved (a key of a no-path value). */
export function targetFor(resolved: ResolvedAttribute): PatchTarget {
  const target: PatchTarget = { resolved, label: attributeLabel(resolved) };
  if (resolved.subAttribute !== undefined) target.sub = resolved.subAttribute;
  return target;
}

function resolveElementFilter(
  path: Parameters<typeof resolveFilter>[0],
  scope: TargetScope,
  context: OperationContext,
): ResolvedFilter {
  let resolved: ResolvedFilter;
  try {
    resolved = resolveFilter(path, scope.resourceType, scope.registry);
  } catch (error) {
    throw withOperationContext(error, context.index, context, 'invalidPath');
  }
  return resolved.kind === 'valuePath' ? resolved.filter : resolved;
}

/**
 * Parse and resolve `path` for the operation in `context`.
 * @throws ScimError 400 `invalidPath` for a syntax error, an unknown attribute or sub-attribute, a
 *   value filter on an attribute that is not multi-valued and complex, or a bad filter.
 */
export function resolvePatchTarget(path: string, scope: TargetScope, context: OperationContext): PatchTarget {
  let parsed;
  try {
    parsed = parsePatchPath(path);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw withOperationContext(error, context.index, context, 'invalidPath');
  }
  const { attr, filter, subAfterFilter } = parsed;
  const resolved = scope.registry.resolveParts(scope.resourceType, attr);
  if (resolved === undefined) {
    const written = attr.uri === undefined || attr.uri === '' ? attr.name : `${attr.uri}:${attr.name}`;
    const name = attr.sub === undefined ? written : `${written}.${attr.sub}`;
    throw operationError(context, 'invalidPath', unknownAttributeMessage(name, scope.resourceType, scope.registry));
  }
  const target = targetFor(resolved);
  if (filter === undefined) return target;

  const { attribute } = resolved;
  if (resolved.subAttribute !== undefined) {
    throw operationError(
      context,
      'invalidPath',
      `a value filter must follow the attribute name itself, as in "${attribute.name}[type eq \\"work\\"].${resolved.subAttribute.name}".`,
    );
  }
  if (!attribute.multiValued || attribute.type !== 'complex') {
    throw operationError(
      context,
      'invalidPath',
      `"${target.label}" is not a multi-valued complex attribute, so it cannot take a value filter in [brackets]. ` +
        `Address it as "${target.label}" or "${target.label}.<sub-attribute>".`,
    );
  }
  target.filter = resolveElementFilter({ kind: 'valuePath', path: attr, filter }, scope, context);
  if (subAfterFilter !== undefined) {
    const sub = findSubAttribute(attribute, subAfterFilter);
    if (sub === undefined) {
      const known = (attribute.subAttributes ?? []).map((item) => item.name).join(', ');
      throw operationError(
        context,
        'invalidPath',
        `"${subAfterFilter}" is not a sub-attribute of "${target.label}"; its sub-attributes are ${known}.`,
      );
    }
    target.sub = sub;
    target.label = attributeLabel(resolved, sub);
  }
  return target;
}
