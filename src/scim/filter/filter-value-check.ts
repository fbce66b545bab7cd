/**
 * The operator allow-list and value checks of the resolver: which comparisons each attribute type
 * supports, and the conversion of the literal to the attribute's type.
 *
 * | type              | operators                         | value                                       |
 * |-------------------|-----------------------------------|---------------------------------------------|
 * | string, reference | all                               | text (a bare number or boolean as its text) |
 * | boolean           | eq, ne                            | true or false                               |
 * | integer, decimal  | eq, ne, gt, ge, lt, le            | a number, or text holding one               |
 * | dateTime          | eq, ne, gt, ge, lt, le            | an ISO 8601 date-time text, normalised      |
 * | binary            | eq, ne                            | base64 text, compared exactly               |
 *
 * Every type also supports `pr`. `null` is accepted with `eq` (not present) and `ne` (present) only
 * and becomes `not (attr pr)` / `attr pr`. Binary values are opaque: ordering or substring tests
 * on base64 text would answer questions nobody asked, so they are refused.
 */
import type { CompareOp, FilterValue, ResolvedFilter } from './ast.js';
import { normalizeDateTime } from './date-time-value.js';
import { targetType } from './filter-attribute.js';
import { ScimError } from '../errors.js';
import type { AttributeType, ResolvedAttribute } from '../schemas/types.js';

const ALL_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
const ORDERED_OPS: readonly CompareOp[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const EQUALITY_OPS: readonly CompareOp[] = ['eq', 'ne'];
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

type SimpleType = Exclude<AttributeType, 'complex'>;

const OPERATORS: Readonly<Record<SimpleType, readonly CompareOp[]>> = {
  string: ALL_OPS,
  reference: ALL_OPS,
  boolean: EQUALITY_OPS,
  integer: ORDERED_OPS,
  decimal: ORDERED_OPS,
  dateTime: ORDERED_OPS,
  binary: EQUALITY_OPS,
};

const EXAMPLE_VALUE: Readonly<Record<SimpleType, string>> = {
  string: '"value"',
  reference: '"https://example.com/value"',
  boolean: 'true',
  integer: '42',
  decimal: '4.2',
  dateTime: '"2011-05-13T04:42:34Z"',
  binary: '"TWFu"',
};

const TYPE_WORD: Readonly<Record<SimpleType, string>> = {
  string: 'a string',
  reference: 'a reference',
  boolean: 'a boolean',
  integer: 'an integer',
  decimal: 'a decimal',
  dateTime: 'a dateTime',
  binary: 'a binary',
};

function describeValue(value: FilterValue): string {
  return typeof value === 'string' ? `the text "${value}"` : `the ${typeof value} ${String(value)}`;
}

function operatorAdvice(type: SimpleType): string {
  switch (type) {
    case 'boolean':
      return 'use eq or ne with true or false';
    case 'binary':
      return 'use eq or ne with the base64 value';
    default:
      return `use one of ${OPERATORS[type].join(', ')}`;
  }
}

function convertValue(type: SimpleType, value: string | number | boolean): string | number | boolean | undefined {
  switch (type) {
    case 'string':
    case 'reference':
      return String(value);
    case 'binary':
      return typeof value === 'string' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
    case 'decimal': {
      if (typeof value === 'number') return value;
      if (typeof value !== 'string' || !NUMBER_TEXT.test(value.trim())) return undefined;
      const number = Number(value.trim());
      return Number.isFinite(number) ? number : undefined;
    }
    case 'dateTime':
      return typeof value === 'string' ? normalizeDateTime(value) : undefined;
  }
}

/**
 * Check `written op value` against a resolved attribute whose target is not complex and return
 * the resolved node, with the value converted to the attribute's type.
 */
export function resolveComparison(
  attr: ResolvedAttribute,
  op: CompareOp,
  value: FilterValue,
  written: string,
): ResolvedFilter {
  const type = targetType(attr);
  if (type === 'complex') throw new Error(`resolveComparison called on the complex attribute ${written}`);
  const example = `${written} ${OPERATORS[type][0] === op ? op : OPERATORS[type][0]} ${EXAMPLE_VALUE[type]}`;
  if (value === null) {
    if (op === 'eq') return { kind: 'not', filter: { kind: 'present', attr } };
    if (op === 'ne') return { kind: 'present', attr };
    throw ScimError.invalidFilter(
      `The filter compares "${written}" with null using "${op}"; null can only be used with eq (no value) or ne (has a value). ` +
        `Example: ${written} eq null, or ${written} pr.`,
    );
  }
  if (!OPERATORS[type].includes(op)) {
    throw ScimError.invalidFilter(
      `The operator "${op}" cannot be used with "${written}", which is ${TYPE_WORD[type]} attribute: ${operatorAdvice(type)}. ` +
        `Example: ${written} ${OPERATORS[type][0]} ${EXAMPLE_VALUE[type]}.`,
    );
  }
  const converted = convertValue(type, value);
  if (converted === undefined) {
    const hint = type === 'dateTime' ? ' (an ISO 8601 date-time such as "2011-05-13T04:42:34Z")' : '';
    throw ScimError.invalidFilter(
      `The filter compares "${written}", which is ${TYPE_WORD[type]} attribute, with ${describeValue(value)}; ` +
        `give ${TYPE_WORD[type]} value instead${hint}. Example: ${example}.`,
    );
  }
  return { kind: 'compare', attr, op, value: converted };
}
