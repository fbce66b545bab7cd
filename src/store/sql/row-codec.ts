/**
 * Conversions between JavaScript values and the columns of both databases: JSON is TEXT in SQLite
 * and JSONB (parsed by `pg`) in PostgreSQL, booleans come back as 0/1 or BOOLEAN (they are
 * written with `SqlDialect.encodeBoolean`), counts may arrive as bigint.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../scim/json.js';
import type { SqlDialect } from './sql-dialect.js';

export function decodeBoolean(value: number | boolean | bigint | string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === '1' || value === 'true' || value === 't';
  return Number(value) !== 0;
}

/** JSON for a TEXT or JSONB column. `pg` would turn a bare JS array into a PostgreSQL array. */
export function encodeJson(value: JsonValue): string {
  return JSON.stringify(value);
}

export function encodeNullableJson(value: JsonValue): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function decodeJson(value: string | null): JsonValue {
  return value === null ? null : (JSON.parse(value) as JsonValue);
}

/** The `resource` column: TEXT to parse in SQLite, an object already parsed by `pg` for JSONB. */
export function decodeResource(value: string | object): JsonObject {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!isJsonObject(parsed)) throw new Error('Stored resource is not a JSON object; the database row is corrupt.');
  return parsed;
}

export function toNumber(value: number | bigint | string): number {
  return typeof value === 'number' ? value : Number(value);
}

/** How many rows of `parametersPerRow` parameters fit in one statement (`SqlDialect.parameterBudget`). */
export function rowsPerStatement(dialect: SqlDialect, parametersPerRow: number): number {
  return Math.max(1, Math.floor(dialect.parameterBudget / parametersPerRow));
}

/**
 * PostgreSQL text cannot hold NUL (U+0000): a parameter containing one fails the statement
 * ("invalid byte sequence for encoding UTF8: 0x00"). No stored key can contain it, so a look-up
 * by such a key finds nothing without asking the database, in both dialects alike.
 */
export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}

/** Text for a free-form column (the activity log): NUL characters become U+FFFD. */
export function storableText(text: string): string;
export function storableText(text: string | null): string | null;
export function storableText(text: string | null): string | null {
  return text === null || !containsNul(text) ? text : text.replaceAll('\u0000', '\uFFFD');
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Distinct values in first-seen order. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
