/**
 * The Library field to SCIM attribute table (product.md section 3) and the admin's changes to it.
 * A field can be fed by any attribute that holds a single text value for it: a simple attribute,
 * a sub-attribute, or a multi-valued attribute (its primary, else work, else first value).
 */
import { backfillLibraryFields } from '../../directory/library-field-backfill.js';
import type { Directory } from '../../directory/directory.js';
import { LIBRARY_FIELDS, describeMappings } from '../../directory/library-fields.js';
import { ScimError } from '../../scim/errors.js';
import type { AttributeDefinition, ResourceTypeName, SchemaRegistry } from '../../scim/schemas/types.js';
import type { MappingView } from '../admin-api-types.js';

function writable(attribute: AttributeDefinition): boolean {
  return attribute.mutability !== 'readOnly' && attribute.returned !== 'never' && attribute.type !== 'binary';
}

/** Every attribute path that can feed a Library field of the resource type, in schema order. */
export function mappingCandidates(registry: SchemaRegistry, resourceType: ResourceTypeName): string[] {
  const paths: string[] = [];
  registry.schemasFor(resourceType).forEach((schema, index) => {
    const prefix = index === 0 ? '' : `${schema.id}:`;
    for (const attribute of schema.attributes) {
      if (!writable(attribute)) continue;
      if (attribute.type !== 'complex') {
        paths.push(`${prefix}${attribute.name}`);
        continue;
      }
      const subs = (attribute.subAttributes ?? []).filter(
        (sub) => writable(sub) && sub.type !== 'complex' && sub.type !== 'boolean',
      );
      if (attribute.multiValued && subs.some((sub) => sub.name === 'value')) paths.push(`${prefix}${attribute.name}`);
      for (const sub of subs) {
        if (!(attribute.multiValued && sub.name === 'value')) paths.push(`${prefix}${attribute.name}.${sub.name}`);
      }
    }
  });
  return paths;
}

export async function listMappings(directory: Directory): Promise<MappingView[]> {
  const { registry, mappings } = await directory.catalog.current();
  const candidates = { User: mappingCandidates(registry, 'User'), Group: mappingCandidates(registry, 'Group') };
  return describeMappings(mappings, registry).map((view) => {
    const definition = LIBRARY_FIELDS.find((candidate) => candidate.field === view.field);
    return {
      ...view,
      defaultScimPath: definition?.defaultScimPath ?? view.scimPath,
      candidates: view.remappable ? candidates[view.resourceType] : [],
    };
  });
}

/**
 * Point a remappable Library field at another SCIM attribute, and recompute that field for every
 * existing user and group from their stored documents (versions do not change).
 */
export async function setMapping(directory: Directory, field: string, scimPath: unknown): Promise<MappingView[]> {
  const definition = LIBRARY_FIELDS.find((candidate) => candidate.field === field);
  if (!definition) {
    throw ScimError.notFound(
      `There is no Library field "${field}". The fields are ${LIBRARY_FIELDS.map((item) => item.field).join(', ')}.`,
    );
  }
  if (!definition.remappable) {
    throw ScimError.mutability(
      `The Library field "${definition.label}" is always fed by "${definition.defaultScimPath}" and cannot be remapped.`,
    );
  }
  if (typeof scimPath !== 'string' || scimPath.trim() === '') {
    throw ScimError.invalidValue('Send {"scimPath": "<attribute>"}, for example {"scimPath": "name.formatted"}.');
  }
  const { registry } = await directory.catalog.current();
  const wanted = scimPath.trim().toLowerCase();
  const canonical = mappingCandidates(registry, definition.resourceType).find(
    (candidate) => candidate.toLowerCase() === wanted,
  );
  if (canonical === undefined) {
    throw ScimError.invalidPath(
      `"${scimPath}" cannot feed "${definition.label}": it is not a writable ${definition.resourceType} attribute holding one text value. Pick one of the listed attributes (add a custom attribute first if it is missing).`,
    );
  }
  await directory.store.write((session) => session.fieldMappings.set({ field, scimPath: canonical }));
  await backfillLibraryFields(directory.store, directory.catalog);
  return listMappings(directory);
}
