// Environment → typed, frozen configuration. The only reader of the environment's meaning; a bad value names its variable.
import type { AccountProvider } from './generated/resolvers-types.js';
import { isAuthEnabled, Scope, type AuthConfig } from './auth.js';

export interface ProviderConfig {
  url: URL;
  timeoutMs: number;
  /** How long a successful response may be served from the shared cache; 0 turns caching off. */
  cacheTtlMs: number;
  /** Distinct accounts in one request from which a list call replaces single calls (Interledger, Taler); 0 never. */
  listThreshold: number;
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
  /** Most calls waiting for one provider's connections; more fail at once with UPSTREAM_ERROR. */
  maxQueuedPerProvider: number;
  /** Most account lookups in one operation: every `account`, `accounts`, `node`, `nodes` and `_entities` reference. */
  maxIdsPerRequest: number;
  /** Host names served besides loopback ones (Host header check against DNS rebinding); undefined serves every name. */
  allowedHosts?: readonly string[];
  /** Requests per minute per caller (key id, JWT subject, or address); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Largest document automatic persisted queries store, in bytes (0 turns APQ off). */
  apqMaxBytes: number;
  /** Most bytes all stored persisted queries take together (in memory; Redis entries expire after 24 h). */
  apqMaxTotalBytes: number;
  /** Largest GraphQL document accepted, in bytes (before parsing). */
  maxQueryBytes: number;
  playground: boolean;
  /** Serve the accounts dashboard at `/`. */
  dashboard: boolean;
  introspection: boolean;
  logLevel: string;
  /** Things an operator should know at start-up (logged as warnings). */
  warnings: readonly string[];
  /** Who may call the gateway; no key and no JWT setting means open (see openAccessWarnings). */
  auth: AuthConfig;
  /** Limits on the shape of a query (graphql-armor). */
  queryLimits: QueryLimits;
  /** Largest request body, in bytes. */
  maxRequestBytes: number;
  /** Redis for the shared cache and APQ; in-process memory when absent. */
  redisUrl?: URL;
  /** Most entries of the in-memory cache (LRU). */
  cacheMaxEntries: number;
  /** The benchmark's baseline: no loaders, no lists, no cache. Never for production. */
  naive: boolean;
  /** Key that signs list cursors; random per process when unset (set it when replicas share clients). */
  cursorSecret?: string;
  /** Serve the schema as an Apollo Federation v2 subgraph (src/federation) instead of a standalone API. */
  federation: boolean;
  /** Serve Prometheus metrics at GET /metrics. */
  metrics: boolean;
  /** OpenTelemetry trace export (OTLP/HTTP); absent means tracing is off and no SDK starts. */
  tracing?: TracingConfig;
  /** Graceful shutdown: how long /readyz answers 503 before the listener closes, then how long in-flight requests may take. */
  shutdown: { delayMs: number; timeoutMs: number };
}

export interface TracingConfig {
  /** Where spans are POSTed (OTLP/HTTP JSON), e.g. http://collector:4318/v1/traces. */
  url: URL;
  /** Headers for the collector (OTEL_EXPORTER_OTLP_HEADERS). Secret: never logged. */
  headers: Readonly<Record<string, string>>;
  serviceName: string;
}

/** Shared-cache time to live by default: Stellar's public data for a few seconds, the others off. */
const DEFAULT_CACHE_TTL_MS: Readonly<Record<AccountProvider, number>> = { INTERLEDGER: 0, STELLAR: 5_000, TALER: 0, CONDUIT: 0, MIDAZ: 0 };

function defaultListThreshold(provider: AccountProvider, env: Env): number {
  if (provider === 'INTERLEDGER') return 3;
  // The admin list needs admin rights: a token or the admin user.
  if (provider === 'TALER') return env.TALER_TOKEN || env.TALER_USERNAME === 'admin' ? 5 : 0;
  return 0;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
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
  const auth = authConfig(env);
  const providers: Partial<Record<AccountProvider, ProviderConfig>> = {};
  for (const provider of Object.keys(PROVIDER_URL_VARIABLES) as AccountProvider[]) {
    const url = optionalUrl(env, PROVIDER_URL_VARIABLES[provider]);
    if (url) {
      providers[provider] = Object.freeze({
        url,
        timeoutMs: integer(env, `${provider}_TIMEOUT_MS`, upstreamTimeoutMs, 1, 600_000),
        cacheTtlMs: integer(env, `${provider}_CACHE_TTL_MS`, DEFAULT_CACHE_TTL_MS[provider], 0, 86_400_000),
        listThreshold: integer(env, `${provider}_LIST_THRESHOLD`, defaultListThreshold(provider, env), 0, 1_000_000),
        headers: Object.freeze(credentialHeaders(provider, env)),
      });
    }
  }
  const host = env.HOST || '127.0.0.1';
  const warnings = openAccessWarnings(env, auth, host, Object.keys(providers).length > 0);
  const cursorSecret = env.CURSOR_SECRET;
  if (cursorSecret !== undefined && cursorSecret !== '' && cursorSecret.length < 32) throw new ConfigError('CURSOR_SECRET', 'must be at least 32 characters');
  const tracing = tracingConfig(env);
  return Object.freeze({
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host,
    warnings,
    providers: Object.freeze(providers),
    upstreamTimeoutMs,
    maxUpstreamBodyBytes: integer(env, 'UPSTREAM_MAX_BODY_BYTES', 5_000_000, 1_024, 1_000_000_000),
    maxConnectionsPerProvider: integer(env, 'UPSTREAM_MAX_CONNECTIONS', 32, 1, 10_000),
    maxQueuedPerProvider: integer(env, 'UPSTREAM_MAX_QUEUE', 10_000, 0, 1_000_000),
    maxIdsPerRequest: integer(env, 'MAX_IDS_PER_REQUEST', 100, 1, 10_000),
    playground: boolean(env, 'PLAYGROUND', !production),
    dashboard: boolean(env, 'DASHBOARD', !production),
    introspection: boolean(env, 'INTROSPECTION', !production),
    logLevel: env.LOG_LEVEL || 'info',
    auth,
    queryLimits: Object.freeze({
      maxDepth: integer(env, 'QUERY_MAX_DEPTH', 12, 1, 1_000),
      maxAliases: integer(env, 'QUERY_MAX_ALIASES', 100, 0, 10_000),
      maxTokens: integer(env, 'QUERY_MAX_TOKENS', 5_000, 10, 1_000_000),
      maxDirectives: integer(env, 'QUERY_MAX_DIRECTIVES', 50, 0, 10_000),
      maxCost: integer(env, 'QUERY_MAX_COST', 20_000, 1, 100_000_000),
    }),
    maxRequestBytes: integer(env, 'MAX_REQUEST_BYTES', 100_000, 1_024, 100_000_000),
    ...(redisUrl(env) ? { redisUrl: redisUrl(env) } : {}),
    cacheMaxEntries: integer(env, 'CACHE_MAX_ENTRIES', 10_000, 1, 10_000_000),
    naive: boolean(env, 'GATEWAY_NAIVE', false),
    ...(cursorSecret ? { cursorSecret } : {}),
    ...(allowedHosts(env, host) ? { allowedHosts: allowedHosts(env, host) } : {}),
    rateLimitPerMinute: integer(env, 'GATEWAY_RATE_LIMIT', 0, 0, 10_000_000),
    apqMaxBytes: integer(env, 'APQ_MAX_BYTES', 16_384, 0, 10_000_000),
    apqMaxTotalBytes: integer(env, 'APQ_MAX_TOTAL_BYTES', 16_777_216, 0, 10_000_000_000),
    maxQueryBytes: integer(env, 'QUERY_MAX_BYTES', 32_768, 256, 10_000_000),
    federation: boolean(env, 'FEDERATION', false),
    metrics: boolean(env, 'METRICS', true),
    ...(tracing ? { tracing } : {}),
    shutdown: Object.freeze({
      delayMs: integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000),
      timeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    }),
  });
}

/**
 * Tracing from the standard OpenTelemetry variables: on when OTEL_TRACES_EXPORTER=otlp or an OTLP endpoint is set,
 * off with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true. Only OTLP over HTTP is spoken.
 */
function tracingConfig(env: Env): TracingConfig | undefined {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || undefined;
  if (exporter !== undefined && exporter !== 'otlp' && exporter !== 'none') throw new ConfigError('OTEL_TRACES_EXPORTER', 'must be "otlp" or "none"');
  const signalEndpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    if (env[name] && !env[name].startsWith('http/')) throw new ConfigError(name, 'only OTLP over HTTP is supported ("http/json" or "http/protobuf"; spans are sent as JSON)');
  }
  if (boolean(env, 'OTEL_SDK_DISABLED', false) || exporter === 'none') return undefined;
  if (exporter === undefined && !signalEndpoint && !endpoint) return undefined;
  // The generic endpoint is a base to which the signal's path is appended; the signal-specific one is used as is.
  const url = signalEndpoint ?? new URL(`${(endpoint?.toString() ?? 'http://localhost:4318/').replace(/\/+$/, '')}/v1/traces`);
  return Object.freeze({
    url,
    headers: Object.freeze({ ...otlpHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...otlpHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') }),
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'accounts-gateway',
  });
}

/** `key=value,key2=value2` with URL-encoded values, as the OpenTelemetry specification writes them. */
function otlpHeaders(env: Env, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (env[name] ?? '').split(',').filter((item) => item.trim())) {
    const separator = pair.indexOf('=');
    const key = pair.slice(0, separator).trim().toLowerCase();
    if (separator < 1 || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(key)) throw new ConfigError(name, 'must be a comma-separated list of key=value pairs');
    try {
      headers[key] = decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      throw new ConfigError(name, 'has a value that is not valid URL encoding');
    }
  }
  return headers;
}

function redisUrl(env: Env): URL | undefined {
  const value = env.REDIS_URL;
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  return url;
}

/** Comma-separated API keys of one variable, each at least 16 characters. */
function apiKeyList(env: Env, name: string): readonly string[] {
  const keys = (env[name] ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.some((key) => key.length < 16)) throw new ConfigError(name, 'each key must be at least 16 characters');
  return Object.freeze(keys);
}

function authConfig(env: Env): AuthConfig {
  const apiKeys = apiKeyList(env, 'GATEWAY_API_KEYS');
  const writeApiKeys = apiKeyList(env, 'GATEWAY_WRITE_API_KEYS');
  if (env.GATEWAY_JWT_SECRET !== undefined && env.GATEWAY_JWT_SECRET.length < 32) {
    throw new ConfigError('GATEWAY_JWT_SECRET', 'must be at least 32 characters');
  }
  const jwksUrl = optionalUrl(env, 'GATEWAY_JWKS_URL');
  if (jwksUrl) {
    if (jwksUrl.protocol === 'http:' && !isLoopback(jwksUrl.hostname.replace(/^\[|\]$/g, ''))) {
      throw new ConfigError('GATEWAY_JWKS_URL', 'must be https:// (plain http:// is accepted for loopback addresses only)');
    }
    const missing = ['GATEWAY_JWT_AUDIENCE', 'GATEWAY_JWT_ISSUER'].filter((name) => !env[name]?.trim());
    if (missing.length > 0) throw new ConfigError(missing.join(', '), 'required with GATEWAY_JWKS_URL, so that tokens issued for other applications are refused');
  }
  const defaultScope = env.GATEWAY_JWT_DEFAULT_SCOPE?.trim();
  if (defaultScope && !defaultScope.split(/\s+/).every((scope) => scope === Scope.Read || scope === Scope.Write || /^accounts:write:[a-z]+$/.test(scope))) {
    throw new ConfigError('GATEWAY_JWT_DEFAULT_SCOPE', `must list "${Scope.Read}", "${Scope.Write}" or "${Scope.Write}:<provider>" scopes`);
  }
  return Object.freeze({
    apiKeys,
    writeApiKeys,
    ...(env.GATEWAY_JWT_SECRET ? { jwtSecret: env.GATEWAY_JWT_SECRET } : {}),
    ...(jwksUrl ? { jwksUrl } : {}),
    ...(env.GATEWAY_JWT_ISSUER ? { jwtIssuer: env.GATEWAY_JWT_ISSUER } : {}),
    ...(env.GATEWAY_JWT_AUDIENCE ? { jwtAudience: env.GATEWAY_JWT_AUDIENCE } : {}),
    ...(defaultScope ? { jwtDefaultScope: defaultScope.split(/\s+/).join(' ') } : {}),
    jwtMaxLifetimeSeconds: integer(env, 'GATEWAY_JWT_MAX_LIFETIME_SECONDS', 86_400, 1, 31_536_000),
  });
}

/**
 * No gateway is open by accident. Reachable from other hosts (HOST not loopback) with any provider configured, it
 * needs gateway authentication or GATEWAY_AUTH=none said on purpose, else start-up stops: a provider needs no
 * credential of the gateway's to be changed through it (Midaz without its auth plugin, a username-only Taler).
 * On loopback it starts open (as the public contract promises for `npm start`) and says so when it holds
 * credentials; the Host check (allowedHosts) keeps other sites' pages out by DNS rebinding.
 */
function openAccessWarnings(env: Env, auth: AuthConfig, host: string, providersConfigured: boolean): string[] {
  const mode = env.GATEWAY_AUTH?.trim().toLowerCase();
  if (mode !== undefined && mode !== '' && mode !== 'none') throw new ConfigError('GATEWAY_AUTH', 'the only value is "none" (run without gateway authentication)');
  if (mode === 'none' && isAuthEnabled(auth)) {
    throw new ConfigError('GATEWAY_AUTH', 'is "none" but an API key or JWT setting is also set; choose one');
  }
  if (!providersConfigured || isAuthEnabled(auth) || mode === 'none') return [];
  if (!isLoopback(host)) {
    throw new ConfigError(
      'GATEWAY_AUTH',
      `a provider is configured and HOST ${host} is reachable from other hosts, but no gateway authentication is: set GATEWAY_API_KEYS, GATEWAY_WRITE_API_KEYS, GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL, or GATEWAY_AUTH=none to run open on purpose`,
    );
  }
  const holdsCredentials = CREDENTIAL_VARIABLES.some((name) => env[name]);
  return holdsCredentials
    ? ['provider credentials are configured and no gateway authentication is: the gateway is open to every process on this host (set GATEWAY_API_KEYS or GATEWAY_JWT_SECRET, or GATEWAY_AUTH=none to silence this)']
    : [];
}

/**
 * The Host names served: loopback names always, plus ALLOWED_HOSTS. Undefined (every Host) only when the gateway
 * listens beyond loopback and no list is set: a gateway that other hosts reach by many names.
 */
function allowedHosts(env: Env, host: string): readonly string[] | undefined {
  const listed = (env.ALLOWED_HOSTS ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (listed.some((name) => !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(name))) throw new ConfigError('ALLOWED_HOSTS', 'must be comma-separated host names, without ports');
  if (listed.length === 0 && !isLoopback(host)) return undefined;
  return Object.freeze(listed);
}

const CREDENTIAL_VARIABLES = ['INTERLEDGER_PASSWORD', 'TALER_PASSWORD', 'TALER_TOKEN', 'CONDUIT_API_KEY', 'CONDUIT_API_SECRET', 'MIDAZ_TOKEN'];

/** Loopback addresses only: 127.0.0.0/8, ::1 and localhost. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

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
