/**
 * Driver errors turned into store errors: unique violations of both databases become
 * `StoreConflictError` naming the constraint, and PostgreSQL's serialization failures and
 * deadlocks are recognised for the bounded retry of write transactions.
 */
import { StoreConflictError } from '../store.js';

type ConflictConstraint = StoreConflictError['constraint'];

/** `table.column` of each unique index, with what a caller needs to know about it. */
const UNIQUE_COLUMNS: Record<string, ConflictConstraint> = {
  'users.user_name_key': 'userName',
  'users.id': 'id',
  'user_groups.display_name_key': 'groupDisplayName',
  'user_groups.id': 'id',
  'tokens.hash': 'tokenHash',
  'tokens.id': 'id',
  'schema_attributes.name_key': 'customAttribute',
  'schema_attributes.id': 'id',
};

const MESSAGES: Record<ConflictConstraint, string> = {
  userName: 'A user with this userName already exists (userName is unique, ignoring case).',
  groupDisplayName: 'A group with this displayName already exists (displayName is unique, ignoring case).',
  id: 'A record with this id already exists.',
  tokenHash: 'A token with this secret already exists.',
  customAttribute: 'The schema already has an attribute with this name (names are unique, ignoring case).',
  other: 'A unique constraint of the database was violated.',
};

export function conflictError(
  constraint: ConflictConstraint,
  message: string = MESSAGES[constraint],
): StoreConflictError {
  return new StoreConflictError(constraint, message);
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  detail?: unknown;
}

function asDriverError(error: unknown): DriverError | undefined {
  return typeof error === 'object' && error !== null ? error : undefined;
}

/** The unique index a violation names, as `table.column`, or undefined when it is not one. */
function violatedColumn(error: unknown): string | undefined {
  const driver = asDriverError(error);
  if (!driver) return undefined;
  // better-sqlite3: SqliteError with code SQLITE_CONSTRAINT_UNIQUE and
  // "UNIQUE constraint failed: users.user_name_key".
  if (driver.code === 'SQLITE_CONSTRAINT_UNIQUE' || driver.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const match = /constraint failed: ([^,\s]+)/.exec(String(driver.message));
    return match?.[1] ?? '';
  }
  // pg: DatabaseError 23505 with table "users" and detail "Key (user_name_key)=(x) already exists."
  if (driver.code === '23505') {
    const match = /^Key \(([^)]+)\)=/.exec(typeof driver.detail === 'string' ? driver.detail : '');
    return `${typeof driver.table === 'string' ? driver.table : ''}.${match?.[1] ?? ''}`;
  }
  return undefined;
}

/** `StoreConflictError` for a unique violation, the error itself otherwise. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreConflictError) return error;
  const column = violatedColumn(error);
  if (column === undefined) return error;
  const constraint = UNIQUE_COLUMNS[column] ?? 'other';
  return conflictError(constraint, constraint === 'other' ? `${MESSAGES.other} (${column})` : MESSAGES[constraint]);
}

/** Runs a statement and maps a unique violation it raises. */
export async function mappingConflicts<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    throw toStoreError(error);
  }
}

/** PostgreSQL serialization_failure (40001) or deadlock_detected (40P01), anywhere in the cause chain. */
export function isRetryableTransactionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const code = asDriverError(current)?.code;
    if (code === '40001' || code === '40P01') return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
