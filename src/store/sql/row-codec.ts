/**
 * Conversions between JavaScript values and the columns of both dialects: booleans are 0/1 in
 * SQLite and BOOLEAN in PostgreSQL, JSON is TEXT in SQLite and JSONB (parsed by `pg`) in
 * PostgreSQL, counts may arrive as bigint.
 */
import type { StoreDialect } from '../store.js';
import type { JsonObject, JsonValue } from '../../scim/json.js';

export function encodeBoolean(dialect: StoreDialect, value: boolean): number | boolean {
  return dialect === 'sqlite' ? (value ? 1 : 0) : value;
}

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

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/**
 * Bound parameters per statement we allow ourselves: SQLite (as built by better-sqlite3) accepts
 * 32,766, PostgreSQL's protocol 65,535. We stay well below both.
 */
const PARAMETER_BUDGET: Record<StoreDialect, number> = { sqlite: 9_000, postgres: 30_000 };

/** How many rows of `parametersPerRow` parameters fit in one statement. */
export function rowsPerStatement(dialect: StoreDialect, parametersPerRow: number): number {
  return Math.max(1, Math.floor(PARAMETER_BUDGET[dialect] / parametersPerRow));
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
