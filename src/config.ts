// Environment → typed, frozen configuration. The only reader of the environment's meaning; a bad value names its
// variable. The core settings and gateway access are read here; each provider's section through its identity
// (providers/config.ts), tracing from the OpenTelemetry variables (ops/tracingConfig.ts); the readers are in env.ts.
import type { AccountProvider } from './generated/resolvers-types.js';
import { isAuthEnabled, Scope, type AuthConfig } from './auth.js';
import { boolean, ConfigError, integer, isLoopback, optionalUrl, type Env } from './env.js';
import { providerConfigs, SECRET_VARIABLES, type ProviderConfig } from './providers/config.js';
import { tracingConfig, type TracingConfig } from './ops/tracingConfig.js';

export { ConfigError, isLoopback, type Env } from './env.js';
export { isDemo, type ProviderConfig } from './providers/config.js';
export type { TracingConfig } from './ops/tracingConfig.js';

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
  /** Which browser pages, by origin, may call /graphql from another origin (CORS_ORIGINS; see cors.ts). */
  cors: CorsConfig;
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
  /** Live updates (subscriptions over WebSocket and server-sent events): on or off, and their limits. */
  live: LiveConfig;
  /** Graceful shutdown: how long /readyz answers 503 before the listener closes, then how long in-flight requests may take. */
  shutdown: { delayMs: number; timeoutMs: number };
}

export interface CorsConfig {
  /** Exact origins (scheme, host and port, as browsers send them in `Origin`) whose pages may call the gateway. */
  origins: readonly string[];
  /** Pages on loopback origins (http://localhost:*, http://127.0.0.1:*, http://[::1]:*) may call it too. */
  loopback: boolean;
}

export interface LiveConfig {
  /** Serve subscriptions at all (LIVE_UPDATES, on by default): off, WebSocket upgrades and event streams are refused. */
  enabled: boolean;
  /** Most subscriptions open at once on one WebSocket or event-stream connection. */
  maxPerConnection: number;
  /** Most subscriptions open at once for one caller on this replica, over all its connections. */
  maxPerCaller: number;
  /** Most WebSockets open at once for one caller on this replica. */
  maxConnectionsPerCaller: number;
  /** Events one subscriber may leave unsent; one more and its connection is closed (a slow consumer). */
  maxQueuedEvents: number;
  /** A WebSocket without a subscription for this long is closed, in ms (0: never). */
  idleTimeoutMs: number;
}

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

export function loadConfig(env: Env): GatewayConfig {
  const upstreamTimeoutMs = integer(env, 'UPSTREAM_TIMEOUT_MS', 10_000, 1, 600_000);
  const production = env.NODE_ENV === 'production';
  const auth = authConfig(env);
  const providers = providerConfigs(env, upstreamTimeoutMs);
  const host = env.HOST || '127.0.0.1';
  const warnings = openAccessWarnings(env, auth, host, Object.keys(providers).length > 0);
  const cursorSecret = env.CURSOR_SECRET;
  if (cursorSecret !== undefined && cursorSecret !== '' && cursorSecret.length < 32)
    throw new ConfigError('CURSOR_SECRET', 'must be at least 32 characters');
  const tracing = tracingConfig(env);
  return Object.freeze({
    port: integer(env, 'PORT', 4000, 0, 65_535),
    host,
    warnings,
    providers,
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
    cors: corsConfig(env, host, production),
    ...(allowedHosts(env, host) ? { allowedHosts: allowedHosts(env, host) } : {}),
    rateLimitPerMinute: integer(env, 'GATEWAY_RATE_LIMIT', 0, 0, 10_000_000),
    apqMaxBytes: integer(env, 'APQ_MAX_BYTES', 16_384, 0, 10_000_000),
    apqMaxTotalBytes: integer(env, 'APQ_MAX_TOTAL_BYTES', 16_777_216, 0, 10_000_000_000),
    maxQueryBytes: integer(env, 'QUERY_MAX_BYTES', 32_768, 256, 10_000_000),
    federation: boolean(env, 'FEDERATION', false),
    metrics: boolean(env, 'METRICS', true),
    ...(tracing ? { tracing } : {}),
    live: Object.freeze({
      enabled: boolean(env, 'LIVE_UPDATES', true),
      maxPerConnection: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
      maxPerCaller: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CALLER', 100, 1, 1_000_000),
      maxConnectionsPerCaller: integer(env, 'LIVE_MAX_CONNECTIONS_PER_CALLER', 20, 1, 1_000_000),
      maxQueuedEvents: integer(env, 'LIVE_MAX_QUEUED_EVENTS', 100, 1, 100_000),
      idleTimeoutMs: integer(env, 'LIVE_IDLE_TIMEOUT_MS', 300_000, 0, 86_400_000),
    }),
    shutdown: Object.freeze({
      delayMs: integer(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000),
      timeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    }),
  });
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
  const keys = (env[name] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
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
    if (missing.length > 0)
      throw new ConfigError(missing.join(', '), 'required with GATEWAY_JWKS_URL, so that tokens issued for other applications are refused');
  }
  const defaultScope = env.GATEWAY_JWT_DEFAULT_SCOPE?.trim();
  if (
    defaultScope &&
    !defaultScope.split(/\s+/).every((scope) => scope === Scope.Read || scope === Scope.Write || /^accounts:write:[a-z]+$/.test(scope))
  ) {
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
  if (mode !== undefined && mode !== '' && mode !== 'none')
    throw new ConfigError('GATEWAY_AUTH', 'the only value is "none" (run without gateway authentication)');
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
  const holdsCredentials = SECRET_VARIABLES.some((name) => env[name]);
  return holdsCredentials
    ? [
        'provider credentials are configured and no gateway authentication is: the gateway is open to every process on this host (set GATEWAY_API_KEYS or GATEWAY_JWT_SECRET, or GATEWAY_AUTH=none to silence this)',
      ]
    : [];
}

/**
 * The Host names served: loopback names always, plus ALLOWED_HOSTS. Undefined (every Host) only when the gateway
 * listens beyond loopback and no list is set: a gateway that other hosts reach by many names.
 */
function allowedHosts(env: Env, host: string): readonly string[] | undefined {
  const listed = (env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (listed.some((name) => !/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(name)))
    throw new ConfigError('ALLOWED_HOSTS', 'must be comma-separated host names, without ports');
  if (listed.length === 0 && !isLoopback(host)) return undefined;
  return Object.freeze(listed);
}

/**
 * CORS_ORIGINS: comma-separated exact origins, or `none`. Unset, a gateway that listens on loopback outside production
 * (demo mode, `npm run dev`, local work against real providers) lets pages on loopback origins call it, so a frontend
 * dev server on localhost works from the first minute; one reachable from other hosts lets no other origin in.
 */
function corsConfig(env: Env, host: string, production: boolean): CorsConfig {
  const value = env.CORS_ORIGINS?.trim() ?? '';
  if (value === '') return Object.freeze({ origins: Object.freeze([]), loopback: !production && isLoopback(host.replace(/^\[|\]$/g, '')) });
  if (value.toLowerCase() === 'none') return Object.freeze({ origins: Object.freeze([]), loopback: false });
  const origins = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(exactOrigin);
  return Object.freeze({ origins: Object.freeze([...new Set(origins)]), loopback: false });
}

/** One CORS_ORIGINS entry as browsers serialise an origin (lower-case host, no default port), or a ConfigError. */
function exactOrigin(entry: string): string {
  const expected = 'each entry must be an exact origin: scheme, host and optional port, such as https://app.example.com or http://localhost:5173';
  if (entry.includes('*')) throw new ConfigError('CORS_ORIGINS', `wildcards are not accepted (got ${JSON.stringify(entry)}); list each origin`);
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ConfigError('CORS_ORIGINS', `${expected}; got ${JSON.stringify(entry)}`);
  }
  const bare = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash && !/[?#]/.test(entry);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare)
    throw new ConfigError('CORS_ORIGINS', `${expected}; got ${JSON.stringify(entry)}`);
  return url.origin;
}
