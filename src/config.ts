// Environment → typed, frozen configuration. The only reader of the environment's meaning; a bad value names its variable.
import type { AccountProvider } from './generated/resolvers-types.js';

export interface ProviderConfig {
  url: URL;
  timeoutMs: number;
  /** Credentials as HTTP headers. Secret: never logged, never returned. */
  headers: Readonly<Record<string, string>>;
}

export interface GatewayConfig {
  port: number;
  host: string;
  providers: Readonly<Partial<Record<AccountProvider, ProviderConfig>>>;
  upstreamTimeoutMs: number;
  /** Largest upstream response body read, in bytes. */
  maxUpstreamBodyBytes: number;
  /** Most concurrent connections to one provider. */
  maxConnectionsPerProvider: number;
  /** Most ids in one `accounts` or `nodes` call. */
  maxIdsPerRequest: number;
  playground: boolean;
  introspection: boolean;
  logLevel: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export const PROVIDER_URL_VARIABLES: Readonly<Record<AccountProvider, string>> = {
  INTERLEDGER: 'INTERLEDGER_URL',
  STELLAR: 'STELLAR_URL',
  TALER: 'TALER_URL',
  CONDUIT: 'CONDUIT_URL',
  MIDAZ: 'MIDAZ_URL',
};

/** True when no provider URL is set: `npm start` then runs the built-in simulators (demo mode). */
export const isDemo = (env: Env): boolean => Object.values(PROVIDER_URL_VARIABLES).every((name) => !env[name]);

export function loadConfig(env: Env): GatewayConfig {
  const upstreamTimeoutMs = integer(env, 'UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000);
  const production = env.NODE_ENV === 'production';
  const providers: Partial<Record<AccountProvider, ProviderConfig>> = {};
  for (const provider of Object.keys(PROVIDER_URL_VARIABLES) as AccountProvider[]) {
    const url = optionalUrl(env, PROVIDER_URL_VARIABLES[provider]);
    if (url) {
      const timeoutMs = integer(env, `${provider}_TIMEOUT_MS`, upstreamTimeoutMs, 1, 600_000);
      providers[provider] = Object.freeze({ url, timeoutMs, headers: Object.freeze(credentialHeaders(provider, env)) });
    }
  }
  return Object.freeze({
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host: env.HOST || '127.0.0.1',
    providers: Object.freeze(providers),
    upstreamTimeoutMs,
    maxUpstreamBodyBytes: integer(env, 'UPSTREAM_MAX_BODY_BYTES', 5_000_000, 1_024, 1_000_000_000),
    maxConnectionsPerProvider: integer(env, 'UPSTREAM_MAX_CONNECTIONS', 32, 1, 10_000),
    maxIdsPerRequest: integer(env, 'MAX_IDS_PER_REQUEST', 100, 1, 10_000),
    playground: boolean(env, 'PLAYGROUND', !production),
    introspection: boolean(env, 'INTROSPECTION', !production),
    logLevel: env.LOG_LEVEL || 'info',
  });
}

function credentialHeaders(provider: AccountProvider, env: Env): Record<string, string> {
  switch (provider) {
    case 'INTERLEDGER':
      return env.INTERLEDGER_PASSWORD ? basic(env.INTERLEDGER_USERNAME || 'admin', env.INTERLEDGER_PASSWORD) : {};
    case 'TALER':
      if (env.TALER_TOKEN) return { authorization: `Bearer ${talerToken(env.TALER_TOKEN)}` };
      return env.TALER_USERNAME && env.TALER_PASSWORD ? basic(env.TALER_USERNAME, env.TALER_PASSWORD) : {};
    case 'CONDUIT':
      return {
        ...(env.CONDUIT_API_KEY ? { 'x-api-key': env.CONDUIT_API_KEY } : {}),
        ...(env.CONDUIT_API_SECRET ? { 'x-api-secret': env.CONDUIT_API_SECRET } : {}),
        'api-version': '2024-12-01',
      };
    case 'MIDAZ':
      return env.MIDAZ_TOKEN ? { authorization: `Bearer ${env.MIDAZ_TOKEN}` } : {};
    case 'STELLAR':
      return {};
  }
}

const basic = (username: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`,
});

/** Taler tokens are sent as `secret-token:…`; accept them with or without the prefix. */
const talerToken = (token: string) => (token.startsWith('secret-token:') ? token : `secret-token:${token}`);

function optionalUrl(env: Env, name: string): URL | undefined {
  const value = env[name];
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must be an http(s) URL');
  if (url.username || url.password) throw new ConfigError(name, 'must not carry credentials; use the credential variables');
  return url;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(name, `must be a whole number, got ${JSON.stringify(value)}`);
  const parsed = Number.parseInt(value, 10);
  if (parsed < min || parsed > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return parsed;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, 'must be true or false');
}
