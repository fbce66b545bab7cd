/**
 * The core User schema, `urn:ietf:params:scim:schemas:core:2.0:User` (RFC 7643 sections 4.1 and
 * 8.7.1), with the RFC's descriptions, plus the common attributes `id`, `externalId` and `meta`.
 */
import { complexAttribute, deepFreeze, simpleAttribute } from './attribute-definition.js';
import { commonAttributes } from './common-attributes.js';
import type { AttributeDefinition, SchemaDefinition } from './types.js';
import { CORE_USER_SCHEMA } from './types.js';

const DISPLAY_DESCRIPTION = 'A human-readable name, primarily used for display purposes. READ-ONLY.';

/** The `value`, `display`, `type`, `primary` quartet of RFC 7643 section 2.4 multi-valued attributes. */
function pluralSubAttributes(spec: {
  value: AttributeDefinition;
  typeDescription: string;
  canonicalTypes?: string[];
  primaryExample?: string;
}): AttributeDefinition[] {
  const example = spec.primaryExample === undefined ? '' : `, ${spec.primaryExample}`;
  return [
    spec.value,
    simpleAttribute('display', 'string', DISPLAY_DESCRIPTION),
    simpleAttribute(
      'type',
      'string',
      spec.typeDescription,
      spec.canonicalTypes === undefined ? {} : { canonicalValues: spec.canonicalTypes },
    ),
    simpleAttribute(
      'primary',
      'boolean',
      `A Boolean value indicating the 'primary' or preferred attribute value for this attribute${example}. ` +
        "The primary attribute value 'true' MUST appear no more than once.",
    ),
  ];
}

function nameAttribute(): AttributeDefinition {
  const part = (name: string, description: string) => simpleAttribute(name, 'string', description);
  return complexAttribute(
    'name',
    "The components of the user's real name. Providers MAY return just the full name as a single string in " +
      'the formatted sub-attribute, or they MAY return just the individual component attributes using the ' +
      'other sub-attributes, or they MAY return both. If both variants are returned, they SHOULD be ' +
      'describing the same name, with the formatted name indicating how the component attributes should be ' +
      'combined.',
    [
      part(
        'formatted',
        'The full name, including all middle names, titles, and suffixes as appropriate, formatted for ' +
          "display (e.g., 'Ms. Barbara J Jensen, III').",
      ),
      part(
        'familyName',
        "The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the " +
          "full name 'Ms. Barbara J Jensen, III').",
      ),
      part(
        'givenName',
        "The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the " +
          "full name 'Ms. Barbara J Jensen, III').",
      ),
      part(
        'middleName',
        "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III').",
      ),
      part(
        'honorificPrefix',
        "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the " +
          "full name 'Ms. Barbara J Jensen, III').",
      ),
      part(
        'honorificSuffix',
        "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the " +
          "full name 'Ms. Barbara J Jensen, III').",
      ),
    ],
  );
}

function addressesAttribute(): AttributeDefinition {
  const part = (name: string, description: string) => simpleAttribute(name, 'string', description);
  return complexAttribute(
    'addresses',
    "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'. This " +
      'attribute is a complex type with the following sub-attributes.',
    [
      part(
        'formatted',
        'The full mailing address, formatted for display or use with a mailing label. This attribute MAY ' +
          'contain newlines.',
      ),
      part(
        'streetAddress',
        'The full street address component, which may include house number, street name, P.O. box, and ' +
          'multi-line extended street address information. This attribute MAY contain newlines.',
      ),
      part('locality', 'The city or locality component.'),
      part('region', 'The state or region component.'),
      part('postalCode', 'The zip code or postal code component.'),
      part('country', 'The country name component.'),
      simpleAttribute('type', 'string', "A label indicating the attribute's function, e.g., 'work' or 'home'.", {
        canonicalValues: ['work', 'home', 'other'],
      }),
      simpleAttribute(
        'primary',
        'boolean',
        "A Boolean value indicating the 'primary' or preferred attribute value for this attribute, e.g., the " +
          "preferred mailing address. The primary attribute value 'true' MUST appear no more than once.",
      ),
    ],
    { multiValued: true },
  );
}

function groupsAttribute(): AttributeDefinition {
  const readOnly = { mutability: 'readOnly' } as const;
  return complexAttribute(
    'groups',
    'A list of groups to which the user belongs, either through direct membership, through nested groups, ' +
      'or dynamically calculated.',
    [
      simpleAttribute('value', 'string', "The identifier of the User's group.", readOnly),
      simpleAttribute('$ref', 'reference', "The URI of the corresponding 'Group' resource to which the user belongs.", {
        ...readOnly,
        referenceTypes: ['User', 'Group'],
      }),
      simpleAttribute('display', 'string', DISPLAY_DESCRIPTION, readOnly),
      simpleAttribute('type', 'string', "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", {
        ...readOnly,
        canonicalValues: ['direct', 'indirect'],
      }),
    ],
    { multiValued: true, mutability: 'readOnly' },
  );
}

function userAttributes(): AttributeDefinition[] {
  const text = (name: string, description: string) => simpleAttribute(name, 'string', description);
  const [id, externalId, meta] = commonAttributes() as [AttributeDefinition, AttributeDefinition, AttributeDefinition];
  return [
    id,
    externalId,
    simpleAttribute(
      'userName',
      'string',
      'Unique identifier for the User, typically used by the user to directly authenticate to the service ' +
        'provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across ' +
        "the service provider's entire set of Users. REQUIRED.",
      { required: true, uniqueness: 'server' },
    ),
    nameAttribute(),
    text(
      'displayName',
      'The name of the User, suitable for display to end-users. The name SHOULD be the full name of the ' +
        'User being described, if known.',
    ),
    text(
      'nickName',
      "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'. This " +
        "attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or 'mpepperidge').",
    ),
    simpleAttribute(
      'profileUrl',
      'reference',
      "A fully qualified URL pointing to a page representing the User's online profile.",
      { referenceTypes: ['external'] },
    ),
    text('title', 'The user\'s title, such as "Vice President."'),
    text(
      'userType',
      'Used to identify the relationship between the organization and the user. Typical values used might ' +
        "be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.",
    ),
    text(
      'preferredLanguage',
      "Indicates the User's preferred written or spoken language. Generally used for selecting a localized " +
        "user interface; e.g., 'en_US' specifies the language English and country US.",
    ),
    text(
      'locale',
      "Used to indicate the User's default location for purposes of localizing items such as currency, date " +
        'time format, or numerical representations.',
    ),
    text('timezone', "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'."),
    simpleAttribute('active', 'boolean', "A Boolean value indicating the User's administrative status."),
    simpleAttribute(
      'password',
      'string',
      "The User's cleartext password. This attribute is intended to be used as a means to specify an " +
        "initial password when creating a new User or to reset an existing User's password. The Library " +
        'does not keep passwords: a password sent by a client is accepted and discarded.',
      { mutability: 'writeOnly', returned: 'never' },
    ),
    complexAttribute(
      'emails',
      'Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., ' +
        "'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', 'home', " +
        "and 'other'.",
      pluralSubAttributes({
        value: simpleAttribute(
          'value',
          'string',
          'Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., ' +
            "'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'. Canonical type values of 'work', " +
            "'home', and 'other'.",
        ),
        typeDescription: "A label indicating the attribute's function, e.g., 'work' or 'home'.",
        canonicalTypes: ['work', 'home', 'other'],
        primaryExample: 'e.g., the preferred mailing address or primary email address',
      }),
      { multiValued: true },
    ),
    complexAttribute(
      'phoneNumbers',
      'Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to ' +
        "the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'. Canonical type values of 'work', " +
        "'home', 'mobile', 'fax', 'pager', and 'other'.",
      pluralSubAttributes({
        value: simpleAttribute('value', 'string', 'Phone number of the User.'),
        typeDescription: "A label indicating the attribute's function, e.g., 'work', 'home', 'mobile'.",
        canonicalTypes: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
        primaryExample: 'e.g., the preferred phone number or primary phone number',
      }),
      { multiValued: true },
    ),
    complexAttribute(
      'ims',
      'Instant messaging addresses for the User.',
      pluralSubAttributes({
        value: simpleAttribute('value', 'string', 'Instant messaging address for the User.'),
        typeDescription: "A label indicating the attribute's function, e.g., 'aim', 'gtalk', 'xmpp'.",
        canonicalTypes: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
        primaryExample: 'e.g., the preferred messenger or primary messenger',
      }),
      { multiValued: true },
    ),
    complexAttribute(
      'photos',
      'URLs of photos of the User.',
      pluralSubAttributes({
        value: simpleAttribute('value', 'reference', 'URL of a photo of the User.', { referenceTypes: ['external'] }),
        typeDescription: "A label indicating the attribute's function, i.e., 'photo' or 'thumbnail'.",
        canonicalTypes: ['photo', 'thumbnail'],
        primaryExample: 'e.g., the preferred photo or thumbnail',
      }),
      { multiValued: true },
    ),
    addressesAttribute(),
    groupsAttribute(),
    complexAttribute(
      'entitlements',
      'A list of entitlements for the User that represent a thing the User has.',
      pluralSubAttributes({
        value: simpleAttribute('value', 'string', 'The value of an entitlement.'),
        typeDescription: "A label indicating the attribute's function.",
      }),
      { multiValued: true },
    ),
    complexAttribute(
      'roles',
      "A list of roles for the User that collectively represent who the User is, e.g., 'Student', 'Faculty'.",
      pluralSubAttributes({
        value: simpleAttribute('value', 'string', 'The value of a role.'),
        typeDescription: "A label indicating the attribute's function.",
      }),
      { multiValued: true },
    ),
    complexAttribute(
      'x509Certificates',
      'A list of certificates issued to the User.',
      pluralSubAttributes({
        value: simpleAttribute('value', 'binary', 'The value of an X.509 certificate.'),
        typeDescription: "A label indicating the attribute's function.",
      }),
      { multiValued: true },
    ),
    meta,
  ];
}

/** A fresh, frozen copy of the core User schema. */
export function coreUserSchema(): SchemaDefinition {
  return deepFreeze({
    id: CORE_USER_SCHEMA,
    name: 'User',
    description: 'User Account',
    attributes: userAttributes(),
  });
}
