/**
 * The filter and sort cases of the differential tests, each with the ids it must return (in
 * `seq` order for filters; in sort order for sorts). The in-memory evaluator and both SQL
 * dialects must all return exactly these. Fixtures: `filter-sql-fixtures.ts`.
 */
import { ENTERPRISE, STRATEGY, STRATEGY_GROUP } from './filter-sql-fixtures.js';

export interface FilterCase {
  filter: string;
  ids: string[];
}

const ALL_USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
const except = (...ids: string[]): string[] => ALL_USERS.filter((id) => !ids.includes(id));
const E = ENTERPRISE;
const S = STRATEGY;

export const USER_CASES: FilterCase[] = [
  // userName: the folded key column
  { filter: 'userName eq "bjensen"', ids: ['u1'] },
  { filter: 'userName eq "BJENSEN"', ids: ['u1'] },
  { filter: 'USERNAME Eq "jsmith"', ids: ['u2'] },
  { filter: 'userName sw "J"', ids: ['u2'] },
  { filter: 'userName co "%_"', ids: ['u4'] },
  { filter: 'userName co "_"', ids: ['u4'] },
  { filter: 'userName ew "\\\\x"', ids: ['u4'] },
  { filter: 'userName gt "m"', ids: ['u3', 'u5', 'u6'] },
  { filter: 'userName le "awilliams"', ids: ['u4', 'u7'] },
  { filter: 'userName eq "x\'); DROP TABLE users; --"', ids: [] },
  // id, externalId: case-exact columns
  { filter: 'id eq "u3"', ids: ['u3'] },
  { filter: 'id ne "u3"', ids: except('u3') },
  { filter: 'externalId eq "ext-1"', ids: ['u1'] },
  { filter: 'externalId eq "EXT-1"', ids: [] },
  { filter: 'externalId eq "ext-7"', ids: ['u7'] },
  { filter: 'externalId pr', ids: ['u1', 'u2', 'u7'] },
  // displayName: a column compared case-insensitively
  { filter: 'displayName eq "babs jensen"', ids: ['u1'] },
  { filter: 'displayName co "SMITH"', ids: ['u2'] },
  { filter: 'displayName eq "Élodie Durand"', ids: ['u3'] },
  { filter: 'displayName sw "under_"', ids: ['u4'] },
  { filter: 'displayName sw "under%"', ids: [] },
  { filter: 'displayName lt "b"', ids: ['u7', 'u8'] },
  { filter: 'displayName pr', ids: ['u1', 'u2', 'u3', 'u4', 'u7'] },
  { filter: 'not (displayName pr)', ids: ['u5', 'u6', 'u8'] },
  // simple JSON strings
  { filter: 'title eq "tour guide"', ids: ['u1'] },
  { filter: 'title co "_"', ids: ['u4'] },
  { filter: 'title pr', ids: ['u1', 'u3', 'u4', 'u6'] },
  { filter: 'title eq "42"', ids: [] },
  { filter: 'title ne "Tour Guide"', ids: except('u1') },
  { filter: 'title eq null', ids: ['u2', 'u5', 'u7', 'u8'] },
  { filter: 'title ne null', ids: ['u1', 'u3', 'u4', 'u6'] },
  { filter: 'nickName eq "50%"', ids: ['u4'] },
  { filter: 'nickName sw "5_"', ids: [] },
  { filter: 'profileUrl sw "https://example.com/"', ids: ['u7'] },
  // single-valued complex
  { filter: 'name.givenName eq "barbara"', ids: ['u1'] },
  { filter: 'name.givenName ne "Barbara"', ids: except('u1') },
  { filter: 'name.familyName sw "s"', ids: ['u2'] },
  { filter: 'name.givenName pr', ids: ['u1', 'u2'] },
  { filter: 'name pr', ids: ['u1', 'u2'] },
  { filter: 'name.formatted ew "iii"', ids: ['u1'] },
  // active: the boolean column
  { filter: 'active eq true', ids: ['u1', 'u3', 'u4', 'u5', 'u6', 'u8'] },
  { filter: 'active eq false', ids: ['u2', 'u7'] },
  { filter: 'active ne true', ids: ['u2', 'u7'] },
  { filter: 'active ne false', ids: ['u1', 'u3', 'u4', 'u5', 'u6', 'u8'] },
  // multi-valued complex
  { filter: 'emails.value eq "bjensen@example.com"', ids: ['u1'] },
  { filter: 'emails.value co "EXAMPLE.COM"', ids: ['u1', 'u2'] },
  { filter: 'emails eq "babs@jensen.org"', ids: ['u1'] },
  { filter: 'emails[type eq "work"]', ids: ['u1', 'u2', 'u8'] },
  { filter: 'emails[type eq "work" and value co "@example.com"]', ids: ['u1', 'u2'] },
  { filter: 'emails[type eq "work" and value eq "john.smith@example.com"]', ids: ['u2'] },
  { filter: 'emails[type eq "home" and value pr]', ids: ['u1'] },
  { filter: 'emails[not (type eq "work")]', ids: ['u1', 'u3', 'u8'] },
  { filter: 'emails[type eq "work" or type eq "other"]', ids: ['u1', 'u2', 'u3', 'u8'] },
  { filter: 'emails[primary eq true]', ids: ['u1'] },
  { filter: 'emails.primary eq false', ids: ['u3'] },
  { filter: 'emails pr', ids: ['u1', 'u2', 'u3', 'u8'] },
  { filter: 'emails.value pr', ids: ['u1', 'u2', 'u3'] },
  { filter: 'emails.display pr', ids: [] },
  { filter: 'not (emails[type eq "work"])', ids: ['u3', 'u4', 'u5', 'u6', 'u7'] },
  { filter: 'emails.type ne "work"', ids: ['u3', 'u4', 'u5', 'u6', 'u7'] },
  { filter: 'phoneNumbers.value eq "555-1111"', ids: ['u6'] },
  { filter: 'phoneNumbers eq "555-0000"', ids: [] },
  { filter: 'roles[primary eq true]', ids: ['u1', 'u7'] },
  { filter: 'roles.display sw "admin"', ids: ['u1'] },
  { filter: 'addresses[type eq "work" and locality eq "HOLLYWOOD"]', ids: ['u7'] },
  { filter: 'addresses.locality eq "hollywood" and not (addresses.type eq "other")', ids: ['u7'] },
  { filter: 'ims[type eq "aim"] and addresses[primary eq true]', ids: ['u7'] },
  { filter: 'x509Certificates.value eq "TWFu"', ids: ['u7'] },
  { filter: 'x509Certificates.value eq "twfu"', ids: [] },
  // enterprise extension
  { filter: `${E}:employeeNumber eq "701984"`, ids: ['u1'] },
  { filter: `${E}:employeeNumber eq 12345`, ids: ['u2'] },
  { filter: `${E}:employeeNumber pr`, ids: ['u1', 'u2', 'u6'] },
  { filter: `${E}:department co "tour"`, ids: ['u1'] },
  { filter: `${E}:manager.value eq "u2"`, ids: ['u1'] },
  { filter: `${E}:manager eq "u2"`, ids: ['u1'] },
  { filter: `${E}:manager pr`, ids: ['u1', 'u6'] },
  { filter: `${E}:manager[value eq "u2"]`, ids: ['u1'] },
  { filter: `${E}:manager[not (value eq "u2")]`, ids: ['u8'] },
  // Strategy extension, custom attributes of every type
  { filter: `${S}:distinguishedName sw "cn=babs"`, ids: ['u1'] },
  { filter: `${S}:hireDate eq "2019-03-01T08:00:00Z"`, ids: ['u1', 'u3'] },
  { filter: `${S}:hireDate gt "2020-01-01"`, ids: ['u2', 'u7'] },
  { filter: `${S}:hireDate le "2019-03-01T03:00:00-05:00"`, ids: ['u1', 'u3'] },
  { filter: `${S}:hireDate pr`, ids: ['u1', 'u2', 'u3', 'u6', 'u7'] },
  { filter: `${S}:badgeNumber gt 40`, ids: ['u1', 'u7'] },
  { filter: `${S}:badgeNumber eq "42"`, ids: ['u1'] },
  { filter: `${S}:badgeNumber le 7`, ids: ['u2'] },
  { filter: `${S}:score ge 4.5`, ids: ['u1', 'u2', 'u7'] },
  { filter: `${S}:score eq 4.50`, ids: ['u1', 'u7'] },
  { filter: `${S}:score lt 0`, ids: ['u3'] },
  { filter: `${S}:score pr`, ids: ['u1', 'u2', 'u3', 'u7'] },
  { filter: `${S}:tags eq "ALPHA"`, ids: ['u1'] },
  { filter: `${S}:tags pr`, ids: ['u1', 'u3'] },
  { filter: `${S}:tags ne "beta"`, ids: except('u1') },
  { filter: `${S}:isContractor eq true`, ids: ['u2', 'u7'] },
  { filter: `${S}:isContractor eq false`, ids: ['u1', 'u8'] },
  { filter: `${S}:isContractor ne true`, ids: except('u2', 'u7') },
  { filter: `${S}:employeeCode eq "abc-1"`, ids: ['u2'] },
  { filter: `${S}:employeeCode sw "AB"`, ids: ['u7'] },
  { filter: `${S}:employeeCode co "C-"`, ids: ['u1', 'u7'] },
  { filter: `${S}:employeeCode ew "c-1"`, ids: ['u2'] },
  { filter: `${S}:employeeCode gt "ABC-1"`, ids: ['u1', 'u2'] },
  { filter: `${S}:avatar eq "TWFu"`, ids: ['u1'] },
  // meta: columns and a constant
  { filter: 'meta.created gt "2024-06-01T00:00:00Z"', ids: ['u7', 'u8'] },
  { filter: 'meta.created ge "2024-06-01T00:00:00Z"', ids: ['u6', 'u7', 'u8'] },
  { filter: 'meta.lastModified lt "2024-02-01T00:00:00.001Z"', ids: ['u2'] },
  { filter: 'meta.lastModified eq "2024-03-05T09:30:00+01:00"', ids: ['u3'] },
  { filter: 'meta.resourceType eq "User"', ids: ALL_USERS },
  { filter: 'meta.resourceType eq "Group"', ids: [] },
  { filter: 'meta pr', ids: ALL_USERS },
  // groups: from group_members
  { filter: 'groups.value eq "g2"', ids: ['u2'] },
  { filter: 'groups.display co "tour"', ids: ['u1', 'u2', 'u3'] },
  { filter: 'groups pr', ids: ['u1', 'u2', 'u3'] },
  { filter: 'groups[value eq "g1" and display sw "Tour"]', ids: ['u1', 'u2'] },
  // logic and precedence
  { filter: 'userName eq "bjensen" or userName eq "jsmith" and active eq true', ids: ['u1'] },
  { filter: '(userName eq "bjensen" or userName eq "jsmith") and active eq false', ids: ['u2'] },
  { filter: 'not (title eq "Tour Guide") and not (active eq false)', ids: ['u3', 'u4', 'u5', 'u6', 'u8'] },
  { filter: 'not (not (userName sw "b"))', ids: ['u1', 'u8'] },
  { filter: 'userName sw "b" AND (title pr OR NOT (name pr))', ids: ['u1', 'u8'] },
];

export const GROUP_CASES: FilterCase[] = [
  { filter: 'displayName eq "tour guides"', ids: ['g1'] },
  { filter: 'displayName sw "TOUR"', ids: ['g1', 'g4'] },
  { filter: 'displayName gt "s"', ids: ['g1', 'g2', 'g4'] },
  { filter: 'externalId eq "gx-1"', ids: ['g1'] },
  { filter: 'externalId eq "gx-3"', ids: [] },
  { filter: 'externalId pr', ids: ['g1', 'g3'] },
  { filter: 'members.value eq "u2"', ids: ['g1', 'g2'] },
  { filter: 'members eq "u3"', ids: ['g4'] },
  { filter: 'members[value eq "g2" and type eq "group"]', ids: ['g1'] },
  { filter: 'members.type eq "Group"', ids: ['g1'] },
  { filter: 'members pr', ids: ['g1', 'g2', 'g4'] },
  { filter: 'not (members pr)', ids: ['g3'] },
  { filter: 'members.display eq "JSMITH"', ids: ['g1', 'g2'] },
  { filter: 'members.display co "sales"', ids: ['g1'] },
  { filter: 'members[display sw "Élodie"]', ids: ['g4'] },
  { filter: 'members.value ne "u1"', ids: ['g2', 'g3', 'g4'] },
  { filter: `${STRATEGY_GROUP}:distinguishedName co "ou=groups"`, ids: ['g1'] },
  { filter: 'meta.lastModified gt "2024-01-10T12:00:00Z"', ids: ['g1', 'g2', 'g3', 'g4'] },
  { filter: 'meta.created lt "2024-02-10T00:00:00Z"', ids: ['g1'] },
  { filter: 'id eq "g3" or displayName eq "sales team"', ids: ['g2', 'g3'] },
  { filter: 'meta.resourceType eq "Group"', ids: ['g1', 'g2', 'g3', 'g4'] },
];

export interface SortCase {
  sortBy: string;
  descending?: boolean;
  ids: string[];
}

export const USER_SORTS: SortCase[] = [
  { sortBy: 'userName', ids: ['u4', 'u7', 'u1', 'u8', 'u2', 'u5', 'u6', 'u3'] },
  { sortBy: 'emails', ids: ['u1', 'u3', 'u2', 'u4', 'u5', 'u6', 'u7', 'u8'] },
  { sortBy: 'roles.value', ids: ['u1', 'u7', 'u2', 'u3', 'u4', 'u5', 'u6', 'u8'] },
  { sortBy: `${S}:score`, ids: ['u3', 'u1', 'u7', 'u2', 'u4', 'u5', 'u6', 'u8'] },
  { sortBy: `${S}:hireDate`, ids: ['u1', 'u3', 'u2', 'u7', 'u4', 'u5', 'u6', 'u8'] },
  { sortBy: `${S}:tags`, ids: ['u8', 'u1', 'u3', 'u2', 'u4', 'u5', 'u6', 'u7'] },
  { sortBy: `${S}:employeeCode`, ids: ['u7', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u8'] },
  { sortBy: 'name.givenName', descending: true, ids: ['u2', 'u1', 'u8', 'u3', 'u4', 'u5', 'u6', 'u7'] },
  { sortBy: 'meta.lastModified', descending: true, ids: ['u8', 'u7', 'u6', 'u1', 'u5', 'u4', 'u3', 'u2'] },
  { sortBy: 'active', ids: ['u2', 'u7', 'u1', 'u3', 'u4', 'u5', 'u6', 'u8'] },
  { sortBy: 'meta.resourceType', descending: true, ids: ALL_USERS },
  { sortBy: 'groups', ids: ALL_USERS },
  { sortBy: 'name', ids: ALL_USERS },
  { sortBy: `${E}:manager`, ids: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'] },
];

export const GROUP_SORTS: SortCase[] = [
  { sortBy: 'displayName', ids: ['g3', 'g2', 'g1', 'g4'] },
  { sortBy: 'meta.created', descending: true, ids: ['g4', 'g3', 'g2', 'g1'] },
];
