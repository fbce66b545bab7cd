import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has a default for everything', () => {
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it('reads environment variables and lets overrides win', () => {
    const config = loadConfig(
      { PORT: '9090', DATABASE_URL: 'postgres://db/library', PUBLIC_URL: 'https://library.example.com/' },
      { port: 7070 },
    );
    expect(config.port).toBe(7070);
    expect(config.databaseUrl).toBe('postgres://db/library');
    expect(config.publicUrl).toBe('https://library.example.com');
  });

  it.each([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1, 10.0.0.0/8', '10.0.0.1, 10.0.0.0/8'],
  ] as const)('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each([
    [{ TRUST_PROXY: 'sometimes' }, /TRUST_PROXY=sometimes must be false, a number of proxy hops/],
    [{ PORT: 'eighty' }, /PORT=eighty must be a non-negative number/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL=loud is not a log level/],
    [{ PUBLIC_URL: 'https://library_scim.example.com' }, /underscore; Okta refuses/],
  ])('refuses %j with a message that says what to set', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
