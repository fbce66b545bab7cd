/**
 * JSON, the data model of SCIM (RFC 7643 section 2): the values a resource document, a message
 * and a PATCH value are made of. Every other layer speaks of documents in these types.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A JSON value as text, for a message, a listing or a column: a string as it is, absence as "",
 * anything else as its JSON.
 */
export function jsonText(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
