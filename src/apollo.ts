// Apollo Server as the gateway runs it: the schema (standalone or as a federation subgraph), query limits
// (graphql-armor), automatic persisted queries in the shared store, error masking, and the plugins in their order.
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config.js';
import type { RequestContext } from './context.js';
import type { SharedStore } from './cache/store.js';
import { keyValueCache, persistedQueryCache } from './cache/apq.js';
import { cachePolicyPlugin, withCacheHints } from './cachePolicy.js';
import type { CacheSeconds } from './resolvers.js';
import { buildSchema } from './schema.js';
import { createErrorFormatter } from './errors.js';
import { partialResultsPlugin } from './partialResults.js';
import { operationRulesPlugin } from './operationRules.js';
import { auditPlugin } from './ops/audit.js';
import { loggerForError, scopePlugin } from './ops/requestScope.js';
import type { GatewayMetrics } from './ops/metrics.js';
import type { Tracing } from './ops/tracing.js';

export interface ApolloSetup {
  logger: Logger;
  /** The HTTP server Apollo's drain plugin closes on stop (listening or not). */
  httpServer: Server;
  store: SharedStore;
  metrics?: GatewayMetrics | undefined;
  tracing?: Tracing | undefined;
  /** The executable schema (gatewaySchema), shared with the live updates' transports. */
  schema: GraphQLSchema;
}

/**
 * The gateway's executable schema for this config: standalone, or a federation subgraph (@apollo/subgraph is loaded
 * only in subgraph mode), with the resolvers that may hint at caching wrapped once (cachePolicy.ts).
 */
export async function gatewaySchema(config: GatewayConfig): Promise<GraphQLSchema> {
  const maxAges = cacheSeconds(config);
  return withCacheHints(config.federation ? (await import('./federation/subgraph.js')).buildSubgraph(config, maxAges) : buildSchema(config, maxAges));
}

/** Builds Apollo Server (not started) for this config and schema (gatewaySchema). */
export function createApollo(
  config: GatewayConfig,
  { logger, httpServer, store, metrics, tracing, schema }: ApolloSetup,
): ApolloServer<RequestContext> {
  const armor = queryArmor(config);
  return new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo pretty-prints by default, which costs CPU and bytes on every response.
    stringifyResult: (result) => JSON.stringify(result),
    allowBatchedHttpRequests: false,
    // listen.ts owns shutdown (readyz 503 first, then drain); Apollo's own handlers would stop it early and re-raise the signal.
    stopOnTerminationSignals: false,
    // Automatic persisted queries live in the shared store (Redis when configured), like the response cache.
    cache: keyValueCache(store, 'apollo:'),
    persistedQueries: config.apqMaxBytes > 0 ? { cache: persistedQueryCache(store, config.apqMaxBytes, config.apqMaxTotalBytes) } : false,
    // Parsing stops at the token limit (before graphql-armor's rules run); parsed and validated documents are cached by hash.
    parseOptions: { maxTokens: config.queryLimits.maxTokens },
    validationRules: armor.validationRules,
    // formatError is not told the request: the scope plugin hands over the request's logger for each of its errors.
    formatError: gatewayErrorFormatter(logger),
    // graphql-armor's typings point at Apollo's CommonJS build; the plugins are the same objects.
    plugins: [
      ...(armor.plugins as unknown as Array<ApolloServerPlugin<RequestContext>>),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdown.timeoutMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Subgraph mode: no Apollo inline (ftv1) traces for whoever asks; OpenTelemetry covers tracing.
      ...(config.federation ? [ApolloServerPluginInlineTraceDisabled()] : []),
      scopePlugin<RequestContext>(),
      operationRulesPlugin<RequestContext>(config.maxIdsPerRequest),
      auditPlugin<RequestContext>(logger),
      // Before metrics: left-out entries count among the response's errors.
      partialResultsPlugin<RequestContext>(),
      ...(metrics ? [metrics.plugin<RequestContext>()] : []),
      ...(tracing ? [tracing.plugin<RequestContext>()] : []),
      // Root fields carry each provider's hint (lists and mutations none: no-store); nested objects inherit. Worked out
      // per operation (cachePolicy.ts) instead of Apollo's per-field cache-control hook, which is turned off.
      cachePolicyPlugin<RequestContext>(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    logger,
  });
}

/** Whole seconds each provider's data may be cached: the `Cache-Control` max-age of responses holding it. */
function cacheSeconds(config: GatewayConfig): CacheSeconds {
  if (config.naive) return {};
  return Object.fromEntries(Object.entries(config.providers).map(([provider, settings]) => [provider, Math.floor(settings.cacheTtlMs / 1000)]));
}

/** The error formatter of every response (see createErrorFormatter): unexpected errors logged with their request's logger. */
export const gatewayErrorFormatter = (logger: Logger) =>
  createErrorFormatter((error, formatted) => (loggerForError(error) ?? logger).error({ err: error, path: formatted.path }, 'unexpected error'));

/** Depth, alias, token, directive and cost limits (graphql-armor); field suggestions only where introspection is on. */
export function queryArmor(config: GatewayConfig) {
  const limits = config.queryLimits;
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    // Apollo's own parser enforces the token limit (parseOptions): a parse error, 400, never a plugin failure (500).
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: !config.introspection },
  }).protect();
}
