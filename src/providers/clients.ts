// One upstream client per configured provider, named (its label) and told whether to send request ids by the
// provider's identity: the upstream client itself knows no provider.
import type { Logger } from 'pino';
import type { AccountProvider } from '../generated/resolvers-types.js';
import type { GatewayConfig } from '../config.js';
import type { SharedStore } from '../cache/store.js';
import { UpstreamClient, type UpstreamObserver } from '../upstream/client.js';
import { identityOf } from './index.js';

export type ProviderClients = Partial<Record<AccountProvider, UpstreamClient>>;

export interface ClientSetup {
  logger: Logger;
  /** The shared store behind the response cache. */
  store: SharedStore;
  /** Told of every upstream request and cache lookup (metrics and tracing). */
  observer?: UpstreamObserver | undefined;
  /** Server secret keying the credential part of cache keys. */
  keySecret: string;
}

export function createClients(config: GatewayConfig, { logger, store, observer, keySecret }: ClientSetup): ProviderClients {
  const clients: ProviderClients = {};
  for (const [provider, settings] of Object.entries(config.providers) as Array<
    [AccountProvider, NonNullable<GatewayConfig['providers'][AccountProvider]>]
  >) {
    const identity = identityOf(provider);
    clients[provider] = new UpstreamClient({
      provider,
      label: identity.label,
      acceptsRequestId: identity.acceptsRequestId,
      baseUrl: settings.url,
      timeoutMs: settings.timeoutMs,
      headers: settings.headers,
      maxBodyBytes: config.maxUpstreamBodyBytes,
      maxConnections: config.maxConnectionsPerProvider,
      resilience: { maxQueued: config.maxQueuedPerProvider },
      logger,
      ...(observer ? { observer } : {}),
      ...(settings.cacheTtlMs > 0 && !config.naive ? { cache: { store, ttlMs: settings.cacheTtlMs, keySecret } } : {}),
    });
  }
  return clients;
}
