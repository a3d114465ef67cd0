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

  it('refuses to start open to other hosts with any provider, credentials or not', () => {
    for (const HOST of ['0.0.0.0', '10.1.2.3', '::', 'gateway.internal']) {
      expect(() => loadConfig({ ...withCredentials, HOST })).toThrow(/^GATEWAY_AUTH: a provider is configured/);
      expect(() => loadConfig({ MIDAZ_URL: 'http://midaz:3000', HOST })).toThrow(/^GATEWAY_AUTH: a provider is configured/);
      expect(() => loadConfig({ TALER_URL: 'http://bank', TALER_USERNAME: 'admin', HOST })).toThrow(/^GATEWAY_AUTH:/);
    }
    expect(loadConfig({ MIDAZ_URL: 'http://midaz:3000', HOST: '0.0.0.0', GATEWAY_AUTH: 'none' }).host).toBe('0.0.0.0');
  });

  it('starts open on loopback, as the contract promises, with a warning', () => {
    for (const HOST of [undefined, '127.0.0.1', '127.5.0.1', 'localhost', '::1']) {
      const config = loadConfig({ ...withCredentials, ...(HOST ? { HOST } : {}) });
      expect(config.warnings).toEqual([expect.stringMatching(/no gateway authentication/)]);
    }
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
    [{ GATEWAY_JWKS_URL: 'http://id.example/jwks.json', GATEWAY_JWT_AUDIENCE: 'a', GATEWAY_JWT_ISSUER: 'i' }, 'GATEWAY_JWKS_URL'],
    [{ GATEWAY_JWKS_URL: 'https://id.example/jwks.json' }, 'GATEWAY_JWT_AUDIENCE, GATEWAY_JWT_ISSUER'],
    [{ GATEWAY_JWKS_URL: 'https://id.example/jwks.json', GATEWAY_JWT_AUDIENCE: 'a' }, 'GATEWAY_JWT_ISSUER'],
    [{ GATEWAY_JWT_DEFAULT_SCOPE: 'admin' }, 'GATEWAY_JWT_DEFAULT_SCOPE'],
    [{ GATEWAY_WRITE_API_KEYS: 'short' }, 'GATEWAY_WRITE_API_KEYS'],
    [{ CURSOR_SECRET: 'too-short' }, 'CURSOR_SECRET'],
    [{ ALLOWED_HOSTS: 'evil.example:80' }, 'ALLOWED_HOSTS'],
    [{ GATEWAY_RATE_LIMIT: '-1' }, 'GATEWAY_RATE_LIMIT'],
    [{ GATEWAY_AUTH: 'off' }, 'GATEWAY_AUTH'],
    [{ GATEWAY_AUTH: 'none', GATEWAY_API_KEYS: 'k'.repeat(16) }, 'GATEWAY_AUTH'],
  ])('stops on %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('operations settings', () => {
  it('serves metrics, traces nothing and drains for ten seconds by default', () => {
    const config = loadConfig({});
    expect(config.metrics).toBe(true);
    expect(config.federation).toBe(false);
    expect(loadConfig({ FEDERATION: 'true' }).federation).toBe(true);
    expect(config.tracing).toBeUndefined();
    expect(config.shutdown).toEqual({ delayMs: 0, timeoutMs: 10_000 });
  });

  it('reads METRICS and the shutdown timings', () => {
    const config = loadConfig({ METRICS: 'false', SHUTDOWN_DELAY_MS: '5000', SHUTDOWN_TIMEOUT_MS: '30000' });
    expect(config.metrics).toBe(false);
    expect(config.shutdown).toEqual({ delayMs: 5_000, timeoutMs: 30_000 });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'http://collector:4318/v1/traces'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/base' }, 'http://collector:4318/base/v1/traces'],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318' },
      'https://otlp.example/traces',
    ],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, 'http://localhost:4318/v1/traces'],
  ])('turns tracing on for %j, sending to %s', (env, url) => {
    expect(loadConfig(env).tracing?.url.toString()).toBe(url);
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }],
  ])('keeps tracing off for %j', (env) => {
    expect(loadConfig(env).tracing).toBeUndefined();
  });

  it('reads the collector headers and the service name as OpenTelemetry writes them', () => {
    const tracing = loadConfig({
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20abc, x-tenant=one',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=two',
      OTEL_SERVICE_NAME: 'accounts-eu',
    }).tracing;
    expect(tracing?.headers).toEqual({ authorization: 'Bearer abc', 'x-tenant': 'two' });
    expect(tracing?.serviceName).toBe('accounts-eu');
  });

  it.each([
    [{ METRICS: 'maybe' }, 'METRICS'],
    [{ SHUTDOWN_TIMEOUT_MS: '-1' }, 'SHUTDOWN_TIMEOUT_MS'],
    [{ SHUTDOWN_DELAY_MS: 'soon' }, 'SHUTDOWN_DELAY_MS'],
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, 'OTEL_TRACES_EXPORTER'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_TRACES_EXPORTER: 'otlp' }, 'OTEL_EXPORTER_OTLP_PROTOCOL'],
    [{ OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign', OTEL_TRACES_EXPORTER: 'otlp' }, 'OTEL_EXPORTER_OTLP_HEADERS'],
    [{ OTEL_SDK_DISABLED: 'perhaps' }, 'OTEL_SDK_DISABLED'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});

describe('isDemo', () => {
  it('is true only when no provider URL is set', () => {
    expect(isDemo({})).toBe(true);
    expect(isDemo({ TALER_URL: 'http://bank' })).toBe(false);
  });
});
