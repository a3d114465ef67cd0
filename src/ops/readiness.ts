// GET /readyz: whether this replica takes queries (503 once shutdown starts), and what it knows of each provider and the cache.
import type { RequestHandler } from 'express';
import type { AccountProvider } from '../generated/resolvers-types.js';
import type { SharedStore } from '../cache/store.js';
import type { UpstreamClient } from '../upstream/client.js';
import { PROVIDERS } from '../providers/index.js';

/** How long a provider's last answer counts as recent. */
export const RECENT_MS = 60_000;

type ProviderStatus = 'up' | 'degraded' | 'unknown';

export interface ProviderReadiness {
  configured: boolean;
  /** up: answered recently and its breaker is closed; degraded: failing or breaker not closed; unknown: no recent call. */
  status?: ProviderStatus;
  answeredRecently?: boolean;
  breaker?: UpstreamClient['circuitState'];
  lastRequest?: { at: string; answered: boolean; status?: number; code?: string } | null;
}

export interface ReadinessReport {
  /** The one field an orchestrator acts on (mirrored by the HTTP status): providers never make the gateway unready. */
  status: 'ready' | 'shutting_down';
  providers: Record<AccountProvider, ProviderReadiness>;
  cache: { kind: SharedStore['kind']; reachable: boolean };
}

export class Readiness {
  private draining = false;

  constructor(
    private readonly clients: Readonly<Partial<Record<AccountProvider, Pick<UpstreamClient, 'circuitState' | 'lastRequest'>>>>,
    private readonly store: SharedStore,
  ) {}

  /** From now on /readyz answers 503, so load balancers stop sending before the listener closes. */
  startDraining(): void {
    this.draining = true;
  }

  async report(now = Date.now()): Promise<ReadinessReport> {
    const providers = Object.fromEntries(PROVIDERS.map((provider) => [provider, this.provider(provider, now)])) as Record<
      AccountProvider,
      ProviderReadiness
    >;
    return { status: this.draining ? 'shutting_down' : 'ready', providers, cache: { kind: this.store.kind, reachable: await this.storeReachable() } };
  }

  handler(): RequestHandler {
    return async (_req, res, next) => {
      try {
        const report = await this.report();
        res
          .status(report.status === 'ready' ? 200 : 503)
          .set('cache-control', 'no-store')
          .json(report);
      } catch (error) {
        next(error);
      }
    };
  }

  private provider(provider: AccountProvider, now: number): ProviderReadiness {
    const client = this.clients[provider];
    if (!client) return { configured: false };
    const last = client.lastRequest;
    const answeredRecently = !!last && last.answered && now - last.at.getTime() <= RECENT_MS;
    const breaker = client.circuitState;
    const failing = (last && !last.answered) || breaker !== 'closed';
    return {
      configured: true,
      status: failing ? 'degraded' : answeredRecently ? 'up' : 'unknown',
      answeredRecently,
      breaker,
      lastRequest: last ? { at: last.at.toISOString(), answered: last.answered, status: last.status, code: last.code } : null,
    };
  }

  /** Memory is always there; Redis is reachable when a value written now reads back (its failures read as misses). */
  private async storeReachable(): Promise<boolean> {
    if (this.store.kind === 'memory') return true;
    const probe = `readyz:${process.pid}:${Math.random().toString(36).slice(2)}`;
    await this.store.set(probe, '1', 5_000);
    const reachable = (await this.store.get(probe)) === '1';
    await this.store.delete(probe);
    return reachable;
  }
}
