import { describe, expect, it } from 'vitest';
import { isDemo, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('uses the contract defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', upstreamTimeoutMs: 10_000, providers: {} });
  });

  it('turns each provider on by its URL, with its credentials as headers', () => {
    const config = loadConfig({
      INTERLEDGER_URL: 'http://ilp:8080',
      INTERLEDGER_PASSWORD: 'pw',
      TALER_URL: 'https://bank.example/',
      TALER_TOKEN: 'ABC',
      CONDUIT_URL: 'https://api.sandbox.conduit.financial',
      CONDUIT_API_KEY: 'k',
      CONDUIT_API_SECRET: 's',
      MIDAZ_URL: 'http://midaz:3002',
      MIDAZ_TOKEN: 'jwt',
      STELLAR_URL: 'https://horizon-testnet.stellar.org',
      GATEWAY_AUTH: 'none',
    });
    expect(config.providers.INTERLEDGER?.headers.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
    expect(config.providers.TALER?.headers.authorization).toBe('Bearer secret-token:ABC');
    expect(config.providers.CONDUIT?.headers).toMatchObject({ 'x-api-key': 'k', 'x-api-secret': 's' });
    expect(config.providers.MIDAZ?.headers.authorization).toBe('Bearer jwt');
    expect(config.providers.STELLAR?.headers).toEqual({});
  });

  it('prefers Taler Basic credentials only when no token is set', () => {
    const config = loadConfig({ TALER_URL: 'http://bank', TALER_USERNAME: 'admin', TALER_PASSWORD: 'secret', GATEWAY_API_KEYS: 'k'.repeat(16) });
    expect(config.providers.TALER?.headers.authorization).toBe(`Basic ${Buffer.from('admin:secret').toString('base64')}`);
  });

  it('gives each provider the upstream time limit unless it has its own', () => {
    const config = loadConfig({ UPSTREAM_TIMEOUT_MS: '500', STELLAR_URL: 'http://h', STELLAR_TIMEOUT_MS: '200', TALER_URL: 'http://t' });
    expect(config.providers.STELLAR?.timeoutMs).toBe(200);
    expect(config.providers.TALER?.timeoutMs).toBe(500);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STELLAR_URL: 'not a url' }, 'STELLAR_URL'],
    [{ MIDAZ_URL: 'ftp://midaz' }, 'MIDAZ_URL'],
    [{ TALER_URL: 'http://admin:pw@bank' }, 'TALER_URL'],
    [{ UPSTREAM_TIMEOUT_MS: '10s' }, 'UPSTREAM_TIMEOUT_MS'],
    [{ PLAYGROUND: 'maybe' }, 'PLAYGROUND'],
  ])('stops on %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });

  it('turns GraphiQL and introspection off by default in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ playground: false, introspection: false });
    expect(loadConfig({ NODE_ENV: 'production', PLAYGROUND: 'true' })).toMatchObject({ playground: true });
  });
});

describe('gateway authentication', () => {
  const withCredentials = { TALER_URL: 'http://bank', TALER_TOKEN: 'secret-token:abc' };

  it('refuses to start open while holding provider credentials', () => {
    expect(() => loadConfig(withCredentials)).toThrow(/^GATEWAY_AUTH: provider credentials are configured/);
  });

  it('starts open when told so explicitly, or with no provider credentials at all', () => {
    expect(loadConfig({ ...withCredentials, GATEWAY_AUTH: 'none' }).auth.apiKeys).toEqual([]);
    expect(() => loadConfig({ STELLAR_URL: 'https://horizon-testnet.stellar.org' })).not.toThrow();
  });

  it('starts with API keys or a JWT secret', () => {
    expect(loadConfig({ ...withCredentials, GATEWAY_API_KEYS: 'key-one-0123456789, key-two-0123456789' }).auth.apiKeys).toEqual([
      'key-one-0123456789',
      'key-two-0123456789',
    ]);
    expect(loadConfig({ ...withCredentials, GATEWAY_JWT_SECRET: 's'.repeat(32) }).auth.jwtSecret).toBe('s'.repeat(32));
  });

  it.each([
    [{ GATEWAY_API_KEYS: 'short' }, 'GATEWAY_API_KEYS'],
    [{ GATEWAY_JWT_SECRET: 'short' }, 'GATEWAY_JWT_SECRET'],
    [{ GATEWAY_JWKS_URL: 'nope' }, 'GATEWAY_JWKS_URL'],
    [{ GATEWAY_AUTH: 'off' }, 'GATEWAY_AUTH'],
    [{ GATEWAY_AUTH: 'none', GATEWAY_API_KEYS: 'k'.repeat(16) }, 'GATEWAY_AUTH'],
  ])('stops on %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('isDemo', () => {
  it('is true only when no provider URL is set', () => {
    expect(isDemo({})).toBe(true);
    expect(isDemo({ TALER_URL: 'http://bank' })).toBe(false);
  });
});
