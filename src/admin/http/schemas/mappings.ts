/** The Library field mappings and the custom attributes. */
import { Type } from 'typebox';
import { nullable } from './common.js';

/** As `CUSTOM_ATTRIBUTE_TYPES` of `services/custom-attributes.ts`. */
export const CUSTOM_ATTRIBUTE_TYPES = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'binary',
] as const;
const STRATEGY_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:User';

const ResourceTypeSchema = Type.Enum(['User', 'Group']);

export const MappingViewSchema = Type.Object({
  field: Type.String({ examples: ['user.fullName'] }),
  label: Type.String({ examples: ['Full Name'] }),
  resourceType: ResourceTypeSchema,
  scimPath: Type.String({ description: 'The SCIM attribute that feeds the field.' }),
  attribute: Type.String(),
  schema: Type.String({ description: 'The SCIM schema URN of the attribute.' }),
  remappable: Type.Boolean(),
  defaultScimPath: Type.String(),
  candidates: Type.Array(Type.String(), {
    description: 'SCIM attribute paths that may feed this field (for remappable fields).',
  }),
});

export const MappingListSchema = Type.Object(
  { mappings: Type.Array(MappingViewSchema) },
  { description: 'The Library field mappings.' },
);

export const MappingParamsSchema = Type.Object({
  field: Type.String({ description: 'A Library field, such as user.fullName.', examples: ['user.fullName'] }),
});

export const MappingChangeSchema = Type.Object(
  {
    scimPath: Type.String({
      minLength: 1,
      description: 'One of the `candidates` of the field.',
      'x-detail': 'Send {"scimPath": "<attribute>"}, for example {"scimPath": "name.formatted"}.',
    }),
  },
  { additionalProperties: false },
);

export const CustomAttributeTypeSchema = Type.Enum(CUSTOM_ATTRIBUTE_TYPES);

export const CustomAttributeViewSchema = Type.Object(
  {
    id: Type.String(),
    resourceType: ResourceTypeSchema,
    schema: Type.String(),
    name: Type.String(),
    type: CustomAttributeTypeSchema,
    multiValued: Type.Boolean(),
    caseExact: Type.Boolean(),
    description: Type.String(),
    created: Type.String({ format: 'date-time' }),
    path: Type.String({ description: 'The full attribute path for filters and PATCH: `<schema>:<name>`.' }),
    okta: nullable(Type.Object({ externalName: Type.String(), externalNamespace: Type.String() }), {
      description: 'Okta Profile Editor values (User attributes only; Okta pushes no custom group attributes).',
    }),
  },
  { description: 'A custom attribute.' },
);

export const CustomAttributeListSchema = Type.Object(
  { attributes: Type.Array(CustomAttributeViewSchema) },
  { description: 'The custom attributes.' },
);

const flag = (name: string, description: string) =>
  Type.Optional(Type.Boolean({ default: false, description, 'x-detail': `"${name}" must be true or false.` }));

export const CustomAttributeCreateSchema = Type.Object(
  {
    name: Type.String({
      // Surrounding spaces are allowed: the console sends the field as typed and the service trims it.
      pattern: '^\\s*[A-Za-z][A-Za-z0-9_-]{0,63}\\s*$',
      description:
        'A letter, then letters, digits, "-" or "_" (at most 64 characters); surrounding spaces are ignored.',
      examples: ['costCenterCode'],
      'x-detail':
        '"name" is not a valid SCIM attribute name: start with a letter, then use letters, digits, "-" or "_" (at most 64 characters), e.g. "costCenterCode".',
    }),
    type: Type.Optional(
      Type.Enum(CUSTOM_ATTRIBUTE_TYPES, {
        default: 'string',
        'x-detail': `"type" must be one of ${CUSTOM_ATTRIBUTE_TYPES.join(', ')}.`,
      }),
    ),
    multiValued: flag('multiValued', 'A list of values.'),
    caseExact: flag('caseExact', 'Filters compare case-sensitively.'),
    resourceType: Type.Optional(
      Type.Enum(['User', 'Group'], { default: 'User', 'x-detail': '"resourceType" must be "User" or "Group".' }),
    ),
    schema: Type.Optional(
      Type.String({
        default: STRATEGY_USER_SCHEMA,
        description:
          'A schema URN: by default the Strategy extension of the resource type; the core and enterprise schemas are refused.',
      }),
    ),
    description: Type.Optional(
      Type.String({
        maxLength: 500,
        'x-detail': '"description" must be a text of at most 500 characters.',
      }),
    ),
  },
  {
    additionalProperties: false,
    'x-detail': 'Send a JSON object such as {"name": "costCenterCode", "type": "string"}.',
  },
);

export const AttributeParamsSchema = Type.Object({
  id: Type.String({ description: 'The attribute id, `<schema>:<name>`, or the name alone when it is unique.' }),
});
