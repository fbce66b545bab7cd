import { describe, expect, it } from 'vitest';
import { catchScimError, expectScimError } from '../testing/scim-error-assertions.js';
import { tokenize } from './filter-lexer.js';
import { parseFilter } from './filter-parser.js';
import { parsePatchPath } from './patch-path-parser.js';

describe('tokenize: values no SCIM attribute can hold', () => {
  it('decodes escapes of ordinary characters and surrogate pairs', () => {
    const tokens = tokenize('displayName eq "Ren\\u00e9e \\ud83d\\ude00"', 'filter');
    expect(tokens[2]?.value).toBe('Renée 😀');
  });

  it.each([
    ['a NUL escape', 'userName eq "a\\u0000b"', /NUL character/],
    ['a lone high surrogate escape', 'userName eq "\\ud800"', /unpaired UTF-16 surrogate \(\\ud800\)/],
    ['a lone low surrogate escape', 'title co "x\\udc00"', /unpaired UTF-16 surrogate \(\\udc00\)/],
    ['a raw lone surrogate in a bare word', 'externalId eq ab\ud800', /unpaired UTF-16 surrogate/],
  ])('refuses %s in a filter with invalidFilter, quoting the filter', (_name, text, reason) => {
    const error = catchScimError(() => parseFilter(text));
    expectScimError(error, { status: 400, scimType: 'invalidFilter', detail: reason });
    expect(error.detail).toMatch(/^The filter '/);
  });

  it('refuses a NUL escape inside a PATCH path with invalidPath', () => {
    const error = catchScimError(() => parsePatchPath('members[value eq "\\u0000"]'));
    expect(error.scimType).toBe('invalidPath');
    expect(error.detail).toMatch(/NUL character/);
  });

  it('keeps an escaped backslash followed by u0000 as ordinary text', () => {
    expect(tokenize('title eq "\\\\u0000"', 'filter')[2]?.value).toBe('\\u0000');
  });
});
