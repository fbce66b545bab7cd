/**
 * Small builders for RFC 7643 section 7 attribute definitions, so that the schema modules read
 * like the RFC's tables: each attribute states only what differs from the RFC 7643 section 2.2
 * defaults (single-valued, optional, case-insensitive, readWrite, returned by default, no
 * uniqueness constraint).
 */
import type { AttributeDefinition, AttributeType } from './types.js';

/** Everything but name, type and description, each optional. */
export type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'description' | 'subAttributes'>>;

const DEFAULTS = {
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
} as const satisfies AttributeOptions;

/** A simple (non-complex) attribute with the RFC 7643 section 2.2 defaults. */
export function simpleAttribute(
  name: string,
  type: Exclude<AttributeType, 'complex'>,
  description: string,
  options: AttributeOptions = {},
): AttributeDefinition {
  return { name, type, description, ...DEFAULTS, ...options };
}

/** A complex attribute; its sub-attributes are simple (RFC 7643 section 2.3.8). */
export function complexAttribute(
  name: string,
  description: string,
  subAttributes: AttributeDefinition[],
  options: AttributeOptions = {},
): AttributeDefinition {
  return { name, type: 'complex', description, ...DEFAULTS, ...options, subAttributes };
}

/**
 * Freeze a definition tree so that no caller can change a registry's schemas behind its back.
 * Returns the same object, typed as before (the interfaces in types.ts are not `readonly`).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
