/**
 * Data for the filter compiler's differential tests: a schema registry with custom attributes of
 * every type, a handful of users and groups (including sloppy and malformed stored values), a
 * local copy of the table layout of `src/store/sql/tables.ts`, and the code that loads them.
 *
 * Each fixture is the full SCIM resource (what the in-memory evaluator sees); the row stores the
 * document without id/meta/groups/members (as the store does) and the hot columns beside it.
 */
import { sql, type Kysely } from 'kysely';
import { createSchemaRegistry } from '../../src/scim/schemas/schema-registry.js';
import { STRATEGY_USER_SCHEMA, type CustomAttributeDefinition } from '../../src/scim/schemas/types.js';
import type { Database } from '../../src/store/sql/tables.js';
import type { StoreDialect } from '../../src/store/store.js';
import type { JsonObject } from '../../src/scim/json.js';

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const STRATEGY = STRATEGY_USER_SCHEMA;
export const STRATEGY_GROUP = 'urn:ietf:params:scim:schemas:extension:Strategy:2.0:Group';

function custom(
  name: string,
  type: CustomAttributeDefinition['type'],
  extra: Partial<CustomAttributeDefinition> = {},
): CustomAttributeDefinition {
  return {
    schema: STRATEGY,
    resourceType: 'User',
    name,
    type,
    multiValued: false,
    caseExact: false,
    description: '',
    ...extra,
  };
}

export const registry = createSchemaRegistry([
  custom('hireDate', 'dateTime'),
  custom('badgeNumber', 'integer'),
  custom('score', 'decimal'),
  custom('tags', 'string', { multiValued: true }),
  custom('isContractor', 'boolean'),
  custom('employeeCode', 'string', { caseExact: true }),
  custom('avatar', 'binary'),
]);

interface UserFixture {
  id: string;
  created: string;
  lastModified: string;
  doc: JsonObject;
}

interface GroupFixture extends UserFixture {
  members: { value: string; type: 'User' | 'Group' }[];
}

export const USERS: UserFixture[] = [
  {
    id: 'u1',
    created: '2024-01-01T00:00:00.000Z',
    lastModified: '2024-06-01T12:00:00.000Z',
    doc: {
      userName: 'bjensen',
      externalId: 'ext-1',
      displayName: 'Babs Jensen',
      name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen III' },
      title: 'Tour Guide',
      active: true,
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
      roles: [{ value: 'admin', display: 'Administrator', primary: 'True' }],
      [ENTERPRISE]: {
        employeeNumber: '701984',
        department: 'Tour Operations',
        manager: { value: 'u2', displayName: 'John Smith' },
      },
      [STRATEGY]: {
        distinguishedName: 'CN=Babs,OU=Users',
        hireDate: '2019-03-01T09:00:00+01:00',
        badgeNumber: 42,
        score: 4.5,
        tags: ['alpha', 'beta'],
        isContractor: false,
        employeeCode: 'AbC-1',
        avatar: 'TWFu',
      },
    },
  },
  {
    id: 'u2',
    created: '2024-02-01T00:00:00.000Z',
    lastModified: '2024-02-01T00:00:00.000Z',
    doc: {
      userName: 'JSmith',
      externalId: 'EXT-2',
      displayName: 'John Smith',
      name: { givenName: 'John', familyName: 'Smith' },
      title: '',
      active: false,
      emails: [{ value: 'John.Smith@Example.com', type: 'work' }],
      [ENTERPRISE]: { employeeNumber: '12345', department: 'Sales' },
      [STRATEGY]: {
        hireDate: '2021-07-15',
        badgeNumber: 7,
        score: 10,
        tags: [],
        isContractor: 'TRUE',
        employeeCode: 'abc-1',
      },
    },
  },
  {
    id: 'u3',
    created: '2024-03-01T00:00:00.000Z',
    lastModified: '2024-03-05T08:30:00.000Z',
    doc: {
      userName: 'Élodie.Durand',
      displayName: 'Élodie Durand',
      title: 'Ingénieure',
      active: true,
      emails: [{ value: 'elodie@example.fr', type: 'other', primary: false }],
      [STRATEGY]: { tags: ['Gamma'], score: -1.25, hireDate: '2019-03-01T08:00:00.000Z' },
    },
  },
  {
    id: 'u4',
    created: '2024-04-01T00:00:00.000Z',
    lastModified: '2024-04-01T00:00:00.000Z',
    doc: { userName: '100%_sure\\x', displayName: 'Under_score', nickName: '50%', active: true, title: 'Tour_Guide' },
  },
  {
    id: 'u5',
    created: '2024-05-01T00:00:00.000Z',
    lastModified: '2024-05-01T00:00:00.000Z',
    doc: { userName: 'minimal', active: true, name: {}, emails: [] },
  },
  {
    id: 'u6',
    created: '2024-06-01T00:00:00.000Z',
    lastModified: '2024-06-02T00:00:00.000Z',
    doc: {
      userName: 'sloppy',
      active: true,
      title: 42,
      emails: { value: 'not-an-array@example.com', type: 'work' },
      phoneNumbers: ['555-0000', { value: '555-1111', type: 'mobile' }],
      [ENTERPRISE]: { employeeNumber: 123, manager: 'u1' },
      [STRATEGY]: { badgeNumber: '42', hireDate: 'not a date', tags: 'alpha', isContractor: 'yes', score: null },
    },
  },
  {
    id: 'u7',
    created: '2024-07-01T00:00:00.000Z',
    lastModified: '2024-07-01T00:00:00.000Z',
    doc: {
      userName: 'awilliams',
      externalId: 'ext-7',
      displayName: 'Ann Williams',
      active: false,
      profileUrl: 'https://example.com/u7',
      x509Certificates: [{ value: 'TWFu' }],
      addresses: [
        { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', primary: true },
        { type: 'home', locality: 'hollywood' },
      ],
      ims: [{ value: 'u7im', type: 'aim' }],
      roles: [{ value: 'auditor' }, { value: 'user', primary: true }],
      [STRATEGY]: {
        badgeNumber: 1000,
        score: 4.5,
        employeeCode: 'ABC-1',
        isContractor: true,
        hireDate: '2023-12-31T23:59:59.999-02:00',
      },
    },
  },
  {
    id: 'u8',
    created: '2024-08-01T00:00:00.000Z',
    lastModified: '2024-08-01T00:00:00.000Z',
    doc: {
      userName: 'blanks',
      displayName: '',
      active: true,
      name: { givenName: '' },
      emails: [
        { value: null, type: 'work' },
        { value: '', type: 'home' },
      ],
      [ENTERPRISE]: { manager: {} },
      [STRATEGY]: { tags: [''], isContractor: 'False' },
    },
  },
];

export const GROUPS: GroupFixture[] = [
  {
    id: 'g1',
    created: '2024-01-10T00:00:00.000Z',
    lastModified: '2024-01-11T00:00:00.000Z',
    doc: {
      displayName: 'Tour Guides',
      externalId: 'gx-1',
      [STRATEGY_GROUP]: { distinguishedName: 'CN=Tour,OU=Groups' },
    },
    members: [
      { value: 'u1', type: 'User' },
      { value: 'u2', type: 'User' },
      { value: 'g2', type: 'Group' },
    ],
  },
  {
    id: 'g2',
    created: '2024-02-10T00:00:00.000Z',
    lastModified: '2024-02-10T00:00:00.000Z',
    doc: { displayName: 'Sales Team' },
    members: [{ value: 'u2', type: 'User' }],
  },
  {
    id: 'g3',
    created: '2024-03-10T00:00:00.000Z',
    lastModified: '2024-03-10T00:00:00.000Z',
    doc: { displayName: 'Empty Group', externalId: 'GX-3' },
    members: [],
  },
  {
    id: 'g4',
    created: '2024-04-10T00:00:00.000Z',
    lastModified: '2024-04-10T00:00:00.000Z',
    doc: { displayName: 'tour guides archive' },
    members: [{ value: 'u3', type: 'User' }],
  },
];

function userName(id: string): string {
  const user = USERS.find((candidate) => candidate.id === id);
  return String(user?.doc.userName ?? '');
}

function groupName(id: string): string {
  const group = GROUPS.find((candidate) => candidate.id === id);
  return String(group?.doc.displayName ?? '');
}

/** The full SCIM User resource, as the evaluator sees it. */
export function fullUser(user: UserFixture): JsonObject {
  const groups = GROUPS.filter((group) => group.members.some((member) => member.value === user.id)).map((group) => ({
    value: group.id,
    display: groupName(group.id),
  }));
  const resource: JsonObject = {
    id: user.id,
    ...user.doc,
    meta: { resourceType: 'User', created: user.created, lastModified: user.lastModified },
  };
  if (groups.length > 0) resource.groups = groups;
  return resource;
}

/** The full SCIM Group resource, members with the display the store derives. */
export function fullGroup(group: GroupFixture): JsonObject {
  const resource: JsonObject = {
    id: group.id,
    ...group.doc,
    meta: { resourceType: 'Group', created: group.created, lastModified: group.lastModified },
  };
  if (group.members.length > 0) {
    resource.members = group.members.map((member) => ({
      value: member.value,
      type: member.type,
      display: member.type === 'User' ? userName(member.value) : groupName(member.value),
    }));
  }
  return resource;
}

/** The tables of `src/store/sql/tables.ts` that the compiler reads, in either dialect. */
export async function createFilterTables(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const identity =
    dialect === 'postgres'
      ? sql.raw('bigint generated always as identity primary key')
      : sql.raw('integer primary key autoincrement');
  const json = sql.raw(dialect === 'postgres' ? 'jsonb' : 'text');
  const bool = sql.raw(dialect === 'postgres' ? 'boolean' : 'integer');
  const text = sql.raw(dialect === 'postgres' ? 'text collate "C"' : 'text');
  await sql`create table users (seq ${identity}, id ${text} not null unique, user_name ${text} not null, user_name_key ${text} not null unique,
    external_id ${text}, display_name ${text}, active ${bool} not null, email ${text}, email_key ${text}, full_name ${text},
    trust_id ${text}, distinguished_name ${text}, resource ${json} not null, version integer not null, created ${text} not null,
    last_modified ${text} not null, deleted_at ${text})`.execute(db);
  await sql`create table user_groups (seq ${identity}, id ${text} not null unique, display_name ${text} not null,
    display_name_key ${text} not null unique, external_id ${text}, distinguished_name ${text}, resource ${json} not null,
    version integer not null, created ${text} not null, last_modified ${text} not null)`.execute(db);
  await sql`create table group_members (group_id ${text} not null, member_id ${text} not null, member_type ${text} not null,
    primary key (group_id, member_id))`.execute(db);
  await sql`create index users_external_id on users (external_id)`.execute(db);
  await sql`create index user_groups_external_id on user_groups (external_id)`.execute(db);
  await sql`create index group_members_member on group_members (member_id)`.execute(db);
}

export async function insertFixtures(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  for (const user of USERS) {
    const { doc } = user;
    await db
      .insertInto('users')
      .values({
        id: user.id,
        user_name: String(doc.userName),
        user_name_key: String(doc.userName).toLowerCase(),
        external_id: typeof doc.externalId === 'string' ? doc.externalId : null,
        display_name: typeof doc.displayName === 'string' ? doc.displayName : null,
        active: dialect === 'postgres' ? doc.active === true : doc.active === true ? 1 : 0,
        resource: JSON.stringify(doc),
        version: 1,
        created: user.created,
        last_modified: user.lastModified,
      })
      .execute();
  }
  for (const group of GROUPS) {
    await db
      .insertInto('user_groups')
      .values({
        id: group.id,
        display_name: String(group.doc.displayName),
        display_name_key: String(group.doc.displayName).toLowerCase(),
        external_id: typeof group.doc.externalId === 'string' ? group.doc.externalId : null,
        resource: JSON.stringify(group.doc),
        version: 1,
        created: group.created,
        last_modified: group.lastModified,
      })
      .execute();
    for (const member of group.members) {
      await db
        .insertInto('group_members')
        .values({ group_id: group.id, member_id: member.value, member_type: member.type })
        .execute();
    }
  }
}
