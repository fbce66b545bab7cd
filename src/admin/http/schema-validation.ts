/**
 * How the admin API checks a request against its route's TypeBox schemas. Set as the validator
 * compiler of the admin scope only (the SCIM API has no schemas and keeps no validator).
 *
 * TypeBox's own compiler does the checking, as `TypeBoxValidatorCompiler` of
 * `@fastify/type-provider-typebox` does, rather than Fastify's default Ajv: that Ajv converts body
 * values (`"false"` would pass as `false`) and silently drops unknown properties, so the published
 * schemas would promise more than the server keeps. Here a body is taken as sent: a value of
 * another type, or a property the schema does not have, is refused. Query strings and path
 * parameters arrive as text: a parameter declared a whole number is read as one when it is
 * written as one (`12`, not `1.5` or `0x10`), a boolean when it is `true` or `false`; anything
 * else stays text and fails. A repeated query parameter counts with its last value, and an empty
 * one as not given.
 *
 * A failure is a 400 ScimError whose detail names the field and what it must be: the field's
 * `x-detail` when its schema has one, else a sentence made from the schema. It never quotes the
 * value that was sent, which may be a password.
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { ScimError } from '../../scim/errors.js';

type SchemaNode = Record<string, unknown>;

interface ValidationFailure {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
}

export const adminValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema);
  const isBody = httpPart === 'body';
  const properties = propertiesOf(schema as SchemaNode);
  return (input: unknown) => {
    const value = isBody ? input : fromText(properties, input, httpPart === 'querystring');
    if (validator.Check(value)) return { value };
    return { error: validationError(schema as SchemaNode, validator.Errors(value), isBody) };
  };
};

/** Query or path parameters, read as the types their schema declares. */
function fromText(properties: Record<string, SchemaNode | undefined>, input: unknown, isQuery: boolean): unknown {
  if (input === null || typeof input !== 'object') return input;
  const result: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(input)) {
    const text: unknown = isQuery && Array.isArray(given) ? given[given.length - 1] : given;
    if (isQuery && (text === undefined || text === '')) continue;
    result[name] = typeof text === 'string' ? typed(properties[name]?.['type'], text) : text;
  }
  return result;
}

function typed(type: unknown, text: string): unknown {
  if (type === 'integer' && /^-?\d{1,15}$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function validationError(root: SchemaNode, failures: readonly ValidationFailure[], isBody: boolean): ScimError {
  // `boolean` failures (a property against `additionalProperties: false`) come before the
  // object's own `additionalProperties` failure, which names them all.
  const failure = failures.find((candidate) => candidate.keyword !== 'boolean') ?? failures[0];
  if (failure === undefined) return ScimError.invalidValue('The request does not fit this endpoint.');
  if (failure.keyword === 'required') {
    const name = firstName(failure.params['requiredProperties']);
    const property = propertiesOf(nodeAt(root, failure.schemaPath))[name];
    return ScimError.invalidValue(ownDetail(property) ?? `"${name}" is required and must be ${expected(property)}.`);
  }
  if (failure.keyword === 'additionalProperties') {
    const object = nodeAt(root, failure.schemaPath);
    const name = firstName(failure.params['additionalProperties']).slice(0, 100);
    const template = object?.['x-unknown-property'];
    return ScimError.invalidValue(
      typeof template === 'string'
        ? template.replaceAll('{name}', name)
        : `Unknown property "${name}". ${known(object)}`,
    );
  }
  const node = nodeAt(root, withoutUnionBranch(failure.schemaPath));
  if (failure.instancePath === '') {
    const detail = ownDetail(node) ?? `Send ${expected(node)}${withProperties(node)}.`;
    return isBody ? ScimError.invalidSyntax(detail) : ScimError.invalidValue(detail);
  }
  const field = failure.instancePath.slice(1).split('/').map(unescapePointer).join('.');
  return ScimError.invalidValue(ownDetail(node) ?? `"${field}" must be ${expected(node)}.`);
}

function firstName(names: unknown): string {
  return Array.isArray(names) && typeof names[0] === 'string' ? names[0] : '';
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The schema node a JSON pointer such as `#/properties/name` points at. */
function nodeAt(root: SchemaNode, pointer: string): SchemaNode | undefined {
  let node: unknown = root;
  for (const segment of pointer.replace(/^#\/?/, '').split('/')) {
    if (segment === '') continue;
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescapePointer(segment)];
  }
  return node !== null && typeof node === 'object' ? (node as SchemaNode) : undefined;
}

/** A failure inside one member of a union belongs to the union (e.g. "a number, or null"). */
function withoutUnionBranch(pointer: string): string {
  let path = pointer;
  while (/\/anyOf\/\d+$/.test(path)) path = path.replace(/\/anyOf\/\d+$/, '');
  return path;
}

function ownDetail(node: SchemaNode | undefined): string | undefined {
  const detail = node?.['x-detail'];
  return typeof detail === 'string' ? detail : undefined;
}

function propertiesOf(node: SchemaNode | undefined): Record<string, SchemaNode | undefined> {
  const properties = node?.['properties'];
  return properties !== null && typeof properties === 'object' ? (properties as Record<string, SchemaNode>) : {};
}

function names(values: readonly string[], conjunction = 'and'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1] ?? ''}`;
}

function known(object: SchemaNode | undefined): string {
  const properties = Object.keys(propertiesOf(object));
  if (properties.length === 0) return 'This request takes no properties.';
  return properties.length === 1
    ? `The only property is ${properties[0] ?? ''}.`
    : `The properties are ${names(properties)}.`;
}

function withProperties(node: SchemaNode | undefined): string {
  const properties = Object.keys(propertiesOf(node));
  return properties.length === 0 ? '' : ` with the properties ${names(properties.map((name) => `"${name}"`))}`;
}

/** What a value must be, in words: "true or false", "a whole number from 1 to 3650"... */
function expected(node: SchemaNode | undefined): string {
  if (node === undefined) return 'a value this endpoint accepts';
  const members = node['anyOf'];
  if (Array.isArray(members)) {
    const options = (members as SchemaNode[]).filter((member) => member['type'] !== 'null');
    const orNull = options.length < members.length ? ', or null' : '';
    return `${names(options.map(expected), 'or')}${orNull}`;
  }
  const allowed = node['enum'];
  if (Array.isArray(allowed)) {
    const values = allowed.map((value) => JSON.stringify(value));
    return values.length > 2 ? `one of ${values.join(', ')}` : names(values, 'or');
  }
  if ('const' in node) return JSON.stringify(node['const']);
  switch (node['type']) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `a whole number${range(node['minimum'], node['maximum'])}`;
    case 'number':
      return `a number${range(node['minimum'], node['maximum'])}`;
    case 'string':
      return text(node);
    case 'object':
      return 'a JSON object';
    case 'array':
      return 'a list';
    case 'null':
      return 'null';
    default:
      return 'a value this endpoint accepts';
  }
}

function range(minimum: unknown, maximum: unknown): string {
  const low = typeof minimum === 'number' ? String(minimum) : undefined;
  const high = typeof maximum === 'number' ? String(maximum) : undefined;
  if (low !== undefined && high !== undefined) return ` from ${low} to ${high}`;
  if (low !== undefined) return ` of ${low} or more`;
  if (high !== undefined) return ` of at most ${high}`;
  return '';
}

function text(node: SchemaNode): string {
  if (node['format'] === 'date-time') return 'a date and time such as 2026-01-31T09:00:00Z';
  const { minLength, maxLength, pattern } = node;
  const shortest = typeof minLength === 'number' ? String(minLength) : undefined;
  const longest = typeof maxLength === 'number' ? String(maxLength) : undefined;
  let words = 'a text';
  if (shortest !== undefined && longest !== undefined) words += ` of ${shortest} to ${longest} characters`;
  else if (shortest === '1') words += ' that is not empty';
  else if (shortest !== undefined) words += ` of at least ${shortest} characters`;
  else if (longest !== undefined) words += ` of at most ${longest} characters`;
  if (typeof pattern === 'string') words += ` matching ${pattern}`;
  return words;
}
