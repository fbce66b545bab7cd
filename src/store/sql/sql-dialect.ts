/**
 * What differs between SQLite and PostgreSQL, as one object per database: `SQLITE_DIALECT`
 * (`src/store/sqlite/sqlite-dialect.ts`) and `POSTGRES_DIALECT`
 * (`src/store/postgres/postgres-dialect.ts`). The shared SQL code (repositories, migrations, the
 * filter compiler) asks the dialect it is given and never tests a database's name.
 */
import type { ColumnDataType, ColumnDefinitionBuilder, Expression, Kysely, RawBuilder } from 'kysely';
import type { MemberRef, StoreDialect } from '../store.js';
import type { Database } from './tables.js';

export type Expr = RawBuilder<unknown>;

export type DataTypeExpression = ColumnDataType | Expression<unknown>;

/** The column types that differ between the databases, for the migrations. */
export interface ColumnTypes {
  /** Text compared byte-wise in both databases: PostgreSQL `text COLLATE "C"`, SQLite `text`. */
  readonly text: DataTypeExpression;
  /** The SCIM document: JSONB in PostgreSQL, TEXT holding JSON in SQLite. */
  readonly json: DataTypeExpression;
  readonly boolean: DataTypeExpression;
  /** Numbers that may be fractional (durations). */
  readonly real: DataTypeExpression;
  /** The monotonic key: `bigint generated always as identity` / `integer primary key autoincrement`. */
  readonly identity: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  readonly identityType: DataTypeExpression;
}

/**
 * One JSON value inside a row's `resource` document (SQLite: the document and a JSON path;
 * PostgreSQL: a jsonb expression). Paths are bound parameters, never SQL text. Typed accessors
 * yield NULL when the value is absent or of another JSON type, so that a string comparison never
 * matches a number and no cast can fail.
 */
export interface JsonRef {
  /** The member `key` of the object here. */
  child(key: string): JsonRef;
  /** The value as text when it is a JSON string, else NULL. */
  text(): Expr;
  /** The value when it is a JSON number, else NULL. */
  number(): Expr;
  /** A JSON boolean, or the text "true"/"false" in any case, as the dialect's boolean; else NULL. */
  boolean(): Expr;
  /** The canonical UTC text of a dateTime string here (`normalizeDateTime`), else NULL. */
  dateTime(): Expr;
  /** True when the value here is a JSON object. */
  isObject(): Expr;
  /**
   * RFC 7644 `pr`: not null, not "", and for arrays and objects a present member, looking
   * `depth` levels down (at depth 0 a non-empty container is present). Mirrors the in-memory
   * evaluator's `isPresentValue`.
   */
  present(depth: number): Expr;
  /**
   * `EXISTS` an element of the array here satisfying `condition`; false when the value is not an
   * array. `alias` must be unique among the enclosing element scopes.
   */
  existsElement(alias: string, condition: (element: JsonRef) => Expr): Expr;
  /**
   * The first element of the array here in the order given by `rank` (lower first), then by
   * position; yields `select(element)` of that element, or NULL.
   */
  firstElement(alias: string, rank: (element: JsonRef) => Expr, select: (element: JsonRef) => Expr): Expr;
}

export interface ReplaceOutcome {
  added: number;
  removed: number;
}

export interface SqlDialect {
  /** Which database this is, for messages and for choosing an implementation; never tested in SQL code. */
  readonly name: StoreDialect;
  readonly columns: ColumnTypes;
  /**
   * True when single-row reads in a write transaction must lock the row (`FOR UPDATE`):
   * PostgreSQL under READ COMMITTED. SQLite holds the database write lock for the whole
   * transaction.
   */
  readonly lockRowsInWrites: boolean;
  /** Bound parameters per statement we allow ourselves, well below the database's limit. */
  readonly parameterBudget: number;

  /** A boolean for a boolean column: 0/1 in SQLite, BOOLEAN in PostgreSQL. */
  encodeBoolean(value: boolean): number | boolean;

  /** A text parameter; typed where the database needs it (`lower($1)` alone is ambiguous in PostgreSQL). */
  textParameter(value: string): Expr;
  /** A number parameter compared with a JSON number. */
  numberParameter(value: number): Expr;
  /** A boolean parameter compared with `JsonRef.boolean()` or a boolean column. */
  booleanParameter(value: boolean): Expr;
  /** True when `expr`, a dialect boolean that may be NULL, is true. */
  isTrue(expr: Expr): Expr;
  /** Case folding of text, the same for columns, JSON text and parameters. */
  foldCase(expr: Expr): Expr;
  /** Text ordered by code point. */
  codePointOrder(expr: Expr): Expr;
  /**
   * A case-exact `co`/`sw`/`ew` test where the database's LIKE ignores case (SQLite), or
   * undefined where LIKE is case-exact (PostgreSQL).
   */
  caseExactSubstring(op: 'co' | 'sw' | 'ew', text: Expr, value: string): Expr | undefined;
  /** Canonical UTC text of the dateTime in the SQL text expression `text`, or NULL. */
  normalizedDateTime(text: Expr): Expr;
  /** The JSON value at `keys` in the document expression `doc`. */
  documentRef(doc: Expr, keys: readonly string[]): JsonRef;

  /**
   * `FROM`-clause text for the rows of `table` (alias `t`) whose id is one of `ids`, restricted
   * further by `condition` when given. The ids travel as ONE bound parameter expanded by the
   * database: binding 100,000 ids one parameter each costs far more in query compilation than the
   * look-ups.
   */
  rowsWithIds(table: 'users' | 'user_groups', ids: readonly string[], condition?: Expr): Expr;
  /** `FROM`-clause text for the rows of `group_members` (alias `m`) of `groupId` whose member is one of `ids`. */
  membersWithIds(groupId: string, ids: readonly string[], condition: Expr): Expr;
  /** Make the membership of `groupId` exactly `members` (distinct ids), writing only the rows that change. */
  replaceMembers(db: Kysely<Database>, groupId: string, members: readonly MemberRef[]): Promise<ReplaceOutcome>;
}
