/**
 * Entra's filter dialect at the HTTP edge: what the strict filter and PATCH-path parsers refuse
 * (bare words, "True" for booleans, `emails[...].value eq "x"`), rewritten into RFC 7644 syntax
 * that the core then reads as the client meant.
 */
import { describe, expect, it } from 'vitest';
import type { Filter } from '../scim/filter/ast.js';
import { parseFilter } from '../scim/filter/filter-parser.js';
import { resolveFilter } from '../scim/filter/filter-resolver.js';
import { parsePatchPath } from '../scim/filter/patch-path-parser.js';
import { createSchemaRegistry } from '../scim/schemas/schema-registry.js';
import { normalizeFilter } from './client-dialects.js';
import { normalizeFilterText } from './entra-filter-dialect.js';

const registry = createSchemaRegistry();

function strict(text: string): string {
  return normalizeFilter(text, ['User'], registry);
}

function compared(filter: Filter): unknown {
  return filter.kind === 'compare' ? filter.value : undefined;
}

describe('filters that need nothing', () => {
  it.each([
    'userName eq "bjensen"',
    'active eq true and title pr',
    'emails[type eq "work" and value co "@example.com"]',
    'not (x eq 1.50)',
  ])('returns %s itself', (text) => {
    expect(strict(text)).toBe(text);
  });

  it('returns a filter it cannot read unchanged, for the core to report', () => {
    expect(strict('userName eq "open')).toBe('userName eq "open');
    expect(strict('a eq "\\q"')).toBe('a eq "\\q"');
  });
});

describe("unquoted values (Entra's historic documentation, docs/clients.md §2.3)", () => {
  it.each([
    ['True', 'True'],
    ['jyoung', 'jyoung'],
    ['007', '007'],
    ['jdoe@example.com', 'jdoe@example.com'],
  ])('reads the bare value %s as the string %j', (literal, value) => {
    expect(strict(`x eq ${literal}`)).toBe(`x eq ${JSON.stringify(literal)}`);
    expect(compared(parseFilter(strict(`x eq ${literal}`)))).toBe(value);
  });

  it('quotes the value in a replayed Entra query', () => {
    expect(strict('externalId eq jyoung')).toBe('externalId eq "jyoung"');
  });
});

describe('booleans given as strings (Entra validator, docs/clients.md §2.4)', () => {
  it.each([
    ['active eq "TRUE"', 'active eq true', true],
    ['active ne "false"', 'active ne false', false],
    ['active eq True', 'active eq true', true],
  ])('rewrites %s to %s', (sent, rewritten, value) => {
    expect(strict(sent)).toBe(rewritten);
    const resolved = resolveFilter(parseFilter(strict(sent)), 'User', registry);
    expect(resolved.kind === 'compare' ? resolved.value : undefined).toBe(value);
  });

  it('rewrites them inside value filters, and only for boolean attributes', () => {
    expect(strict('emails[primary eq "True"]')).toBe('emails[primary eq true]');
    expect(strict('title eq "True"')).toBe('title eq "True"');
    expect(strict('emails[type eq "True"]')).toBe('emails[type eq "True"]');
  });

  it('rewrites them in PATCH paths', () => {
    const path = normalizeFilterText('roles[primary eq "True"].display', 'path', ['User'], registry);
    expect(path).toBe('roles[primary eq true].display');
    expect(parsePatchPath(path).subAfterFilter).toBe('display');
    expect(normalizeFilterText('members[value eq 2819c223]', 'path', ['Group'], registry)).toBe(
      'members[value eq "2819c223"]',
    );
  });

  it('looks at every resource type of a search at the root', () => {
    expect(normalizeFilter('active eq "true"', ['User', 'Group'], registry)).toBe('active eq true');
  });
});

describe('a comparison after a value filter (Entra, docs/clients.md §2.3, §2.4)', () => {
  it('moves emails[type eq "work"].value eq "x" into the brackets', () => {
    const rewritten = strict('emails[type eq "work"].value eq "x@y"');
    expect(rewritten).toBe('emails[(type eq "work") and value eq "x@y"]');
    expect(JSON.parse(JSON.stringify(parseFilter(rewritten)))).toEqual({
      kind: 'valuePath',
      path: { name: 'emails' },
      filter: {
        kind: 'and',
        left: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' },
        right: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'x@y' },
      },
    });
  });

  it('moves a presence test too, and keeps what follows', () => {
    expect(strict('emails[type eq "work"].value pr and userName eq "a"')).toBe(
      'emails[(type eq "work") and value pr] and userName eq "a"',
    );
  });

  it('keeps the precedence of an or inside the brackets', () => {
    expect(strict('emails[type eq "work" or type eq "home"].value eq "x"')).toBe(
      'emails[(type eq "work" or type eq "home") and value eq "x"]',
    );
  });

  it('leaves an invalid sub-attribute name for the core to report', () => {
    expect(strict('emails[type eq "work"].val!ue eq "x"')).toBe('emails[type eq "work"].val!ue eq "x"');
  });
});
