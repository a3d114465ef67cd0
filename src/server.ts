// Builds the gateway from a config: the provider clients, Apollo Server, and the Express app with every route. It never
// listens (listen.ts does) and never reads the environment, so tests can build one and run operations in-process.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequest, type GraphQLResponse } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { nestedObjectsInheritMaxAge } from './cacheHints.js';
import { GraphQLError, type DocumentNode } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import type { AccountProvider } from './generated/resolvers-types.js';
import type { GatewayConfig } from './config.js';
import { createRequestContext, type ContextSetup, type ProviderClients, type RequestContext } from './context.js';
import { memoryStore, redisStore, type SharedStore } from './cache/store.js';
import { keyValueCache, persistedQueryCache } from './cache/apq.js';
import { CursorCodec } from './cursor.js';
import type { CacheSeconds } from './resolvers.js';
import { buildSchema } from './schema.js';
import { createErrorFormatter } from './errors.js';
import { partialResultsPlugin } from './partialResults.js';
import { IdempotentCreates } from './idempotency.js';
import { operationRulesPlugin } from './operationRules.js';
import { auditPlugin } from './ops/audit.js';
import { hostCheck, nameCaller, openAccess, rateLimit } from './access.js';
import { identityOf, providers } from './providers/index.js';
import { UpstreamClient, type UpstreamObserver } from './upstream/client.js';
import { callerCredentials, CREDENTIAL_REQUEST_HEADERS, type CallerCredentials } from './credentials.js';
import { isAuthEnabled, requireAuthentication, type Caller } from './auth.js';
import { playgroundAssets, playgroundPage } from './playground/index.js';
import { exampleTabs } from './playground/examples.js';
import { dashboard } from './dashboard.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { loggerForError, requestLogger, requestScope, scopeOf, scopePlugin } from './ops/requestScope.js';
import { GatewayMetrics } from './ops/metrics.js';
import { startTracing } from './ops/tracing.js';
import { combineObservers } from './ops/observers.js';
import { Readiness } from './ops/readiness.js';
import { buildSubgraph } from './federation/subgraph.js';
import { listen, type RunningGateway } from './listen.js';

export type { RunningGateway } from './listen.js';

export interface GatewayOptions {
  logger: Logger;
  /** Global ids of sample accounts (demo mode): GraphiQL's examples and the dashboard's preset. */
  sampleIds?: readonly string[];
  /** Sends spans here instead of the configured OTLP collector, turning tracing on (tests use an in-memory exporter). */
  spanExporter?: SpanExporter;
}

/** Who an in-process operation runs as (see Gateway.execute); by default an anonymous caller without credentials. */
export interface InProcessCaller {
  caller?: Caller;
  /** The caller's own provider credentials, as the upstream headers they become. */
  credentials?: CallerCredentials;
}

/** A built gateway: everything a listening one has, without the listener. */
export interface Gateway {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  /** Every route: probes, metrics, GraphiQL, the dashboard and /graphql. */
  readonly app: express.Express;
  /** The HTTP server around `app`, not listening (listen.ts starts it); Apollo's drain plugin closes it on close(). */
  readonly httpServer: Server;
  readonly apollo: ApolloServer<RequestContext>;
  /** Where spans go: 'injected' (GatewayOptions.spanExporter), the collector's origin, or 'off'. */
  readonly traces: string;
  /**
   * Runs an operation in-process, as /graphql would with a fresh request context (its own loaders, the registry's
   * providers, this gateway's clients), but without HTTP: no authentication, Host check, rate limit or size checks.
   */
  execute<TData = Record<string, unknown>>(
    request: Omit<GraphQLRequest, 'query'> & { query?: string | DocumentNode },
    as?: InProcessCaller,
  ): Promise<GraphQLResponse<TData>>;
  /**
   * Graceful shutdown: /readyz answers 503, then (after config.shutdown.delayMs) Apollo stops (closing the listener
   * when there is one and letting in-flight requests finish, up to config.shutdown.timeoutMs), and the upstream pools,
   * the cache store and the tracer close. Idempotent.
   */
  close(): Promise<void>;
}

function createStore(config: GatewayConfig, logger: Logger): SharedStore {
  return config.redisUrl ? redisStore(config.redisUrl.toString(), logger) : memoryStore(config.cacheMaxEntries);
}

/** One client per configured provider, named and told about request ids by the provider's identity. */
function createClients(
  config: GatewayConfig,
  logger: Logger,
  store: SharedStore,
  observer: UpstreamObserver | undefined,
  keySecret: string,
): ProviderClients {
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

/** Builds the gateway; resolves once Apollo has started. Call close() when done, listening or not. */
export async function createGateway(config: GatewayConfig, options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger;
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const store = createStore(config, logger);
  const metrics = config.metrics ? new GatewayMetrics() : undefined;
  const tracing = startTracing(config.tracing, options.spanExporter);
  // One server secret signs cursors and keys the shared cache: CURSOR_SECRET, shared by replicas, or random per process.
  const secret = config.cursorSecret ?? randomBytes(32).toString('base64url');
  const clients = createClients(config, logger, store, combineObservers([metrics?.observer, tracing?.observer]), secret);
  metrics?.watchBreakers(clients);
  const readiness = new Readiness(clients, store);
  const contextSetup: ContextSetup = {
    registry: providers,
    clients,
    cursors: new CursorCodec(secret),
    prefetchLazyFields: !config.naive,
    logger,
    idempotency: new IdempotentCreates(store),
    sourceOptions: (provider, ownCredentials) => ({
      dedupe: !config.naive,
      // A caller's own credentials may not be admin: list calls would be refused, so ask account by account.
      listThreshold: config.naive || ownCredentials ? 0 : (config.providers[provider]?.listThreshold ?? 0),
    }),
  };

  const armor = queryArmor(config);
  const maxAges = cacheSeconds(config);
  const apollo = new ApolloServer<RequestContext>({
    schema: config.federation ? buildSubgraph(config, maxAges) : buildSchema(config, maxAges),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
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
    formatError: createErrorFormatter((error, formatted) =>
      (loggerForError(error) ?? logger).error({ err: error, path: formatted.path }, 'unexpected error'),
    ),
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
      // Root fields carry each provider's hint (lists and mutations none: no-store); nested objects inherit.
      // Listed before Apollo's cache-control plugin: Apollo runs the field hooks of the two in the opposite order.
      nestedObjectsInheritMaxAge,
      ApolloServerPluginCacheControl({ defaultMaxAge: 0 }),
    ],
    logger,
  });
  await apollo.start();

  app.use(requestScope(logger));
  // nosniff, frame-ancestors 'none', no referrer, and a strict CSP for every response (the GraphiQL page widens it below).
  app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: false }));
  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', pageSecurityPolicy(`'self'`));
    next();
  });
  if (config.allowedHosts) app.use(hostCheck(config.allowedHosts, logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', providers: Object.keys(config.providers) });
  });
  app.get('/readyz', readiness.handler());
  // Outside gateway authentication, like the probes: scrape it on an internal port or turn it off with METRICS=false.
  if (metrics) app.get('/metrics', metrics.handler());
  if (config.playground) {
    const page = playgroundPage(exampleTabs(options.sampleIds ?? []));
    app.use(playgroundAssets());
    app.get('/graphql', (req, res, next) => {
      if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
      res.setHeader('content-security-policy', pageSecurityPolicy(`'self' ${page.scriptHash}`));
      res.type('html').send(page.html);
    });
  }
  if (config.dashboard) app.use(dashboard(options.sampleIds ?? [], logger));
  const authenticate = isAuthEnabled(config.auth) ? requireAuthentication(config.auth, logger) : openAccess;
  app.use(
    '/graphql',
    // Answers differ by caller and by the caller's own provider credentials: no shared cache may mix them up.
    (_req, res, next) => {
      res.vary(['Authorization', 'X-Api-Key', ...CREDENTIAL_REQUEST_HEADERS].join(', '));
      next();
    },
    authenticate,
    nameCaller,
    ...(config.rateLimitPerMinute > 0 ? [rateLimit(config.rateLimitPerMinute, logger, store.redis)] : []),
    express.json({ limit: config.maxRequestBytes }),
    limitDocumentSize(config.maxQueryBytes),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createRequestContext(contextSetup, readCallerCredentials(req.headersDistinct), scopeOf(res), res.locals.caller),
    }),
  );

  app.use(httpErrorHandler(logger));

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    app,
    httpServer,
    apollo,
    traces: options.spanExporter ? 'injected' : (config.tracing?.url.origin ?? 'off'),
    execute: <TData = Record<string, unknown>>(
      request: Omit<GraphQLRequest, 'query'> & { query?: string | DocumentNode },
      as: InProcessCaller = {},
    ) => apollo.executeOperation<TData>(request, { contextValue: createRequestContext(contextSetup, as.credentials ?? {}, undefined, as.caller) }),
    close() {
      closing ??= (async () => {
        readiness.startDraining();
        if (config.shutdown.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdown.delayMs));
        // The drain plugin closes the listener, lets in-flight requests finish, then closes what is left.
        await apollo.stop();
        await Promise.all(Object.values(clients).map((client) => client.close()));
        await store.close();
        await tracing?.shutdown();
      })();
      return closing;
    },
  };
}

/** Builds the gateway and listens on config.port (0 picks a free port); resolves once it accepts queries. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions): Promise<RunningGateway> {
  return listen(await createGateway(config, options));
}

/** Whole seconds each provider's data may be cached: the `Cache-Control` max-age of responses holding it. */
function cacheSeconds(config: GatewayConfig): CacheSeconds {
  if (config.naive) return {};
  return Object.fromEntries(Object.entries(config.providers).map(([provider, settings]) => [provider, Math.floor(settings.cacheTtlMs / 1000)]));
}

/** Depth, alias, token, directive and cost limits (graphql-armor); field suggestions only where introspection is on. */
function queryArmor(config: GatewayConfig) {
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

/** Per-request provider credentials; malformed ones refuse the whole request with 400. */
function readCallerCredentials(headers: Readonly<Record<string, readonly string[] | undefined>>) {
  try {
    return callerCredentials(headers);
  } catch (error) {
    throw new GraphQLError(error instanceof Error ? error.message : 'Bad credential headers.', {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
}

/**
 * The Content-Security-Policy of the gateway's pages: everything from the gateway itself, never framed, no plugins;
 * `scripts` lists where scripts may come from (the GraphiQL page adds the hash of its one inline script).
 */
function pageSecurityPolicy(scripts: string): string {
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A GraphQL document above `maxBytes` is refused with 413 before it is parsed (body or GET query string). */
function limitDocumentSize(maxBytes: number): express.RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : typeof req.query.query === 'string' ? req.query.query : '';
    if (Buffer.byteLength(query) <= maxBytes) return next();
    res
      .status(413)
      .json({ errors: [{ message: `The GraphQL document is larger than ${maxBytes} bytes.`, extensions: { code: 'QUERY_TOO_LARGE' } }] });
  };
}

/** Errors before Apollo (an oversized or unparsable body) as a GraphQL-shaped JSON error, never a stack trace. */
function httpErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; type?: string }, _req, res, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) requestLogger(logger, scopeOf(res)).error({ err: error }, 'unexpected HTTP error');
    const message =
      status === 413
        ? 'Request body too large.'
        : status === 400
          ? 'Request body is not valid JSON.'
          : status < 500
            ? 'Bad request.'
            : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}
