// Each provider's section of the configuration, read through its identity: the variables every provider has
// (`<PROVIDER>_URL`, `_TIMEOUT_MS`, `_CACHE_TTL_MS`, `_LIST_THRESHOLD`, `_POLL_INTERVAL_MS`) and its own credential variables.
import type { AccountProvider } from '../generated/resolvers-types.js';
import { integer, optionalUrl, type Env } from '../env.js';
import { IDENTITIES } from './index.js';
import type { ProviderIdentity } from './types.js';

export interface ProviderConfig {
  url: URL;
  timeoutMs: number;
  /** How long a successful response may be served from the shared cache; 0 turns caching off. */
  cacheTtlMs: number;
  /** Distinct accounts in one request from which a list call replaces single calls (Interledger, Taler); 0 never. */
  listThreshold: number;
  /** Credentials as HTTP headers. Secret: never logged, never returned. */
  headers: Readonly<Record<string, string>>;
  /**
   * How often a live subscription's watcher reads an account whose provider cannot push changes (and how long a
   * stream or long poll waits before it is opened again after a failure), in ms: `<PROVIDER>_POLL_INTERVAL_MS`,
   * 5 000 by default, at least 250.
   */
  pollIntervalMs: number;
}

/** The variable whose value turns a provider on: `<PROVIDER>_URL`. */
export const urlVariable = (provider: AccountProvider): string => `${provider}_URL`;

/** Variables holding some provider's secrets (their identities' `secret` variables). */
export const SECRET_VARIABLES: readonly string[] = Object.freeze(
  IDENTITIES.flatMap((identity) =>
    Object.entries(identity.variables)
      .filter(([, variable]) => variable.secret)
      .map(([name]) => name),
  ),
);

/** True when no provider URL is set: `npm start` then runs the built-in simulators (demo mode). */
export const isDemo = (env: Env): boolean => IDENTITIES.every((identity) => !env[urlVariable(identity.provider)]);

/** One provider's section, or undefined when its URL is not set (the provider is off). */
function providerConfig(identity: ProviderIdentity, env: Env, upstreamTimeoutMs: number): ProviderConfig | undefined {
  const { provider, defaults } = identity;
  const url = optionalUrl(env, urlVariable(provider));
  if (!url) return undefined;
  return Object.freeze({
    url,
    timeoutMs: integer(env, `${provider}_TIMEOUT_MS`, upstreamTimeoutMs, 1, 600_000),
    cacheTtlMs: integer(env, `${provider}_CACHE_TTL_MS`, defaults.cacheTtlMs, 0, 86_400_000),
    listThreshold: integer(env, `${provider}_LIST_THRESHOLD`, defaults.listThreshold(env), 0, 1_000_000),
    headers: Object.freeze(identity.configuredHeaders(env)),
    pollIntervalMs: integer(env, `${provider}_POLL_INTERVAL_MS`, 5_000, 250, 3_600_000),
  });
}

/** The sections of every configured provider, in registry order. Throws ConfigError naming a malformed variable. */
export function providerConfigs(env: Env, upstreamTimeoutMs: number): Readonly<Partial<Record<AccountProvider, ProviderConfig>>> {
  const providers: Partial<Record<AccountProvider, ProviderConfig>> = {};
  for (const identity of IDENTITIES) {
    const config = providerConfig(identity, env, upstreamTimeoutMs);
    if (config) providers[identity.provider] = config;
  }
  return Object.freeze(providers);
}
