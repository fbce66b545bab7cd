/**
 * RFC 7643 section 3.1: the attributes every resource has (`id`, `externalId`, `meta`). They
 * belong to no schema in the RFC; like many servers we list them in each core schema, so that
 * filters and PATCH paths such as `id`, `externalId` and `meta.lastModified` resolve.
 */
import { complexAttribute, simpleAttribute } from './attribute-definition.js';
import type { AttributeDefinition } from './types.js';

/** Fresh definitions on every call; each schema owns (and freezes) its own copy. */
export function commonAttributes(): AttributeDefinition[] {
  return [
    simpleAttribute(
      'id',
      'string',
      'A unique identifier for a SCIM resource as defined by the service provider. Each representation ' +
        'of the resource MUST include a non-empty "id" value. This identifier MUST be unique across the ' +
        "SCIM service provider's entire set of resources. It MUST be a stable, non-reassignable identifier " +
        'that does not change when the same resource is returned in subsequent requests. The value of the ' +
        '"id" attribute is always issued by the service provider and MUST NOT be specified by the client.',
      { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' },
    ),
    simpleAttribute(
      'externalId',
      'string',
      'A String that is an identifier for the resource as defined by the provisioning client. The ' +
        '"externalId" may simplify identification of a resource between the provisioning client and the ' +
        'service provider by allowing the client to use a filter to locate the resource with an identifier ' +
        'from the provisioning domain, obviating the need to store a local mapping between the provisioning ' +
        "domain's identifier of the resource and the identifier used by the service provider.",
      { caseExact: true },
    ),
    complexAttribute(
      'meta',
      'A complex attribute containing resource metadata.',
      [
        simpleAttribute(
          'resourceType',
          'string',
          'The name of the resource type of the resource. This attribute has a mutability of "readOnly" ' +
            'and "caseExact" as "true".',
          { caseExact: true, mutability: 'readOnly' },
        ),
        simpleAttribute(
          'created',
          'dateTime',
          'The "DateTime" that the resource was added to the service provider. This attribute MUST be a ' + 'DateTime.',
          { mutability: 'readOnly' },
        ),
        simpleAttribute(
          'lastModified',
          'dateTime',
          'The most recent DateTime that the details of this resource were updated at the service ' +
            'provider. If this resource has never been modified since its initial creation, the value MUST ' +
            'be the same as the value of "created".',
          { mutability: 'readOnly' },
        ),
        simpleAttribute(
          'location',
          'reference',
          'The URI of the resource being returned. This value MUST be the same as the "Content-Location" ' +
            'HTTP response header (see Section 3.1.4.2 of RFC 7231).',
          { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] },
        ),
        simpleAttribute(
          'version',
          'string',
          'The version of the resource being returned. This value must be the same as the entity-tag ' +
            '(ETag) HTTP response header (see Sections 2.1 and 2.3 of RFC 7232).',
          { caseExact: true, mutability: 'readOnly' },
        ),
      ],
      { mutability: 'readOnly' },
    ),
  ];
}
