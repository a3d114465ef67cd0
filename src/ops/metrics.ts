// Prometheus metrics (prom-client, one registry per gateway): GraphQL requests and errors, upstream calls, cache, breakers.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { AccountProvider } from '../generated/resolvers-types.js';
import type { UpstreamClient, UpstreamObserver, UpstreamRequestEvent } from '../upstream/client.js';
import type { CircuitStateName } from '../upstream/resilience.js';

const CIRCUIT_STATES: readonly CircuitStateName[] = ['closed', 'open', 'half-open', 'isolated'];
/** Operation names come from callers: past this many distinct ones, the rest share one label value. */
const MAX_OPERATION_NAMES = 200;

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly graphqlRequests = new Counter({
    name: 'gateway_graphql_requests_total',
    help: 'GraphQL requests, by operation name.',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  private readonly graphqlErrors = new Counter({
    name: 'gateway_graphql_errors_total',
    help: 'Errors in GraphQL responses, by operation name and error code.',
    labelNames: ['operation', 'code'],
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'gateway_graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly inFlight = new Gauge({
    name: 'gateway_graphql_requests_in_flight',
    help: 'GraphQL requests being answered now.',
    registers: [this.registry],
  });
  private readonly upstreamRequests = new Counter({
    name: 'gateway_upstream_requests_total',
    help: 'HTTP requests sent to providers (each retry counts), by provider, method, status class and outcome.',
    labelNames: ['provider', 'method', 'status_class', 'outcome'],
    registers: [this.registry],
  });
  private readonly upstreamDuration = new Histogram({
    name: 'gateway_upstream_request_duration_seconds',
    help: 'Duration of one HTTP request to a provider.',
    labelNames: ['provider'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /** Label children by label values, looked up once: prom-client hashes a label object on every call otherwise (40 calls a query). */
  private readonly upstreamRequestChildren = new Map<string, { inc(): void }>();
  private readonly upstreamDurationChildren = new Map<string, { observe(value: number): void }>();
  private readonly cacheHits = new Counter({
    name: 'gateway_cache_hits_total',
    help: 'Upstream reads answered from the shared cache, by provider.',
    labelNames: ['provider'],
    registers: [this.registry],
  });
  private readonly cacheMisses = new Counter({
    name: 'gateway_cache_misses_total',
    help: 'Upstream reads the shared cache could not answer, by provider.',
    labelNames: ['provider'],
    registers: [this.registry],
  });

  private readonly wireFields = new Counter({
    name: 'gateway_upstream_wire_fields_total',
    help: 'Fields of provider bodies the gateway could not read, by provider, route template, field path and outcome (degraded: the field is null; refused: the body or entry is left out).',
    labelNames: ['provider', 'route', 'field', 'outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Reports each client's breaker state at every scrape. */
  watchBreakers(clients: Readonly<Partial<Record<AccountProvider, Pick<UpstreamClient, 'circuitState'>>>>): void {
    new Gauge({
      name: 'gateway_upstream_circuit_state',
      help: 'Circuit breaker state per provider: 1 for the current state, 0 for the others.',
      labelNames: ['provider', 'state'],
      registers: [this.registry],
      collect() {
        for (const [provider, client] of Object.entries(clients)) {
          for (const state of CIRCUIT_STATES) this.set({ provider, state }, client.circuitState === state ? 1 : 0);
        }
      },
    });
  }

  /** Live updates: open subscriptions and running watchers, read from the hub at each scrape. */
  watchLive(live: { stats(): { watchers: number; subscribers: number } }): void {
    new Gauge({
      name: 'gateway_live_subscriptions',
      help: 'Subscriptions open on this replica (WebSocket and server-sent events).',
      registers: [this.registry],
      collect() {
        this.set(live.stats().subscribers);
      },
    });
    new Gauge({
      name: 'gateway_live_watchers',
      help: 'Accounts this replica follows upstream or hears of through Redis (one per account and credentials).',
      registers: [this.registry],
      collect() {
        this.set(live.stats().watchers);
      },
    });
  }

  /** The upstream client's hook. */
  readonly observer: UpstreamObserver = {
    onRequest: (event: UpstreamRequestEvent) => {
      const statusText = statusClass(event.status);
      const outcome = event.code ?? 'OK';
      const key = `${event.provider} ${event.method} ${statusText} ${outcome}`;
      let requests = this.upstreamRequestChildren.get(key);
      if (!requests) {
        requests = this.upstreamRequests.labels({ provider: event.provider, method: event.method, status_class: statusText, outcome });
        this.upstreamRequestChildren.set(key, requests);
      }
      requests.inc();
      let duration = this.upstreamDurationChildren.get(event.provider);
      if (!duration) this.upstreamDurationChildren.set(event.provider, (duration = this.upstreamDuration.labels({ provider: event.provider })));
      duration.observe(event.ms / 1000);
    },
    onCacheLookup: ({ provider, hit }) => (hit ? this.cacheHits : this.cacheMisses).inc({ provider }),
    onWireIssue: ({ provider, route, fields, outcome }) => {
      for (const field of fields) this.wireFields.inc({ provider, route, field, outcome });
    },
  };

  /** Counts each GraphQL request, its errors by code, its duration and the requests in flight. */
  plugin<T extends object>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        this.inFlight.inc();
        return {
          willSendResponse: async ({ operationName, request, response }) => {
            this.inFlight.dec();
            const operation = this.operationLabel(operationName ?? request.operationName);
            this.graphqlRequests.inc({ operation });
            this.graphqlDuration.observe({ operation }, (performance.now() - started) / 1000);
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            for (const error of errors) this.graphqlErrors.inc({ operation, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          },
        };
      },
    };
  }

  /** GET /metrics in the Prometheus text format. */
  handler(): RequestHandler {
    return async (_req, res, next) => {
      try {
        res.type(this.registry.contentType).send(await this.registry.metrics());
      } catch (error) {
        next(error);
      }
    };
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return 'anonymous';
    const label = name;
    if (this.operations.has(label)) return label;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(label);
    return label;
  }
}

const statusClass = (status: number | undefined): string => (status === undefined ? 'none' : `${Math.floor(status / 100)}xx`);
