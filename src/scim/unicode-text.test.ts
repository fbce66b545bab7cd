import { describe, expect, it } from 'vitest';
import { unstorableTextReason } from './unicode-text.js';

describe('unstorableTextReason', () => {
  it.each([
    ['plain ASCII', 'jdoe@example.com'],
    ['accented letters', 'Renée Müller'],
    ['an emoji (a surrogate pair)', 'reader 😀'],
    ['the text of an escape, not the character', '\\u0000 and \\ud800'],
    ['an empty string', ''],
  ])('accepts %s', (_name, text) => {
    expect(unstorableTextReason(text)).toBeUndefined();
  });

  it.each([
    ['NUL alone', '\u0000', /NUL character/],
    ['NUL inside text', 'a\u0000b', /NUL character/],
    ['a lone high surrogate', '\ud800', /unpaired UTF-16 surrogate \(\\ud800\)/],
    ['a lone high surrogate before text', '\ud83dx', /unpaired UTF-16 surrogate \(\\ud83d\)/],
    ['a lone low surrogate', 'x\udfff', /unpaired UTF-16 surrogate \(\\udfff\)/],
    ['a reversed pair', '\ude00\ud83d', /unpaired UTF-16 surrogate/],
  ])('names %s', (_name, text, reason) => {
    expect(unstorableTextReason(text)).toMatch(reason);
  });
});
