// Builds the gateway from a config: the provider clients, Apollo Server, and the Express app with every route. It never
// listens (listen.ts does) and never reads the environment, so tests can build one and run operations in-process.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express from 'express';
import helmet from 'helmet';
import type { ApolloServer, GraphQLRequest, GraphQLResponse } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config.js';
import { createRequestContext, type ContextSetup, type RequestContext } from './context.js';
import { memoryStore, type SharedStore } from './cache/store.js';
import { CursorCodec } from './cursor.js';
import { createApollo, gatewayErrorFormatter, gatewaySchema, queryArmor } from './apollo.js';
import { IdempotentCreates } from './idempotency.js';
import { callerLimiter, hostCheck, nameCaller, openAccess, rateLimit } from './access.js';
import { providers } from './providers/index.js';
import { createClients } from './providers/clients.js';
import { CREDENTIAL_REQUEST_HEADERS, type CallerCredentials } from './credentials.js';
import { authenticator, isAuthEnabled, requireAuthentication, type Caller } from './auth.js';
import { httpErrorHandler, limitDocumentSize, pageSecurityPolicy, readCallerCredentials } from './http.js';
import { playgroundAssets, playgroundPage } from './playground/index.js';
import { exampleTabs } from './playground/examples.js';
import { dashboard } from './dashboard.js';
import { corsPolicy } from './cors.js';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { requestScope, scopeOf } from './ops/requestScope.js';
import type { GatewayMetrics } from './ops/metrics.js';
import type { Tracing } from './ops/tracing.js';
import { combineObservers } from './ops/observers.js';
import { Readiness } from './ops/readiness.js';
import { listen, type RunningGateway } from './listen.js';
import { LiveHub } from './live/hub.js';
import { LiveRelay } from './live/relay.js';
import { LiveServer } from './live/server.js';
import { accountReader } from './live/read.js';

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
  /** Live updates of this replica: its watchers and subscribers (stats for tests and metrics). */
  readonly live: LiveHub;
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

// Redis, metrics and tracing are loaded only when configured: a deployment without them never loads their packages.
async function createStore(config: GatewayConfig, logger: Logger): Promise<SharedStore> {
  if (!config.redisUrl) return memoryStore(config.cacheMaxEntries);
  const { redisStore } = await import('./cache/redis.js');
  return redisStore(config.redisUrl.toString(), logger);
}

async function createMetrics(config: GatewayConfig): Promise<GatewayMetrics | undefined> {
  return config.metrics ? new (await import('./ops/metrics.js')).GatewayMetrics() : undefined;
}

async function createTracing(config: GatewayConfig, exporter: SpanExporter | undefined): Promise<Tracing | undefined> {
  return config.tracing || exporter ? (await import('./ops/tracing.js')).startTracing(config.tracing, exporter) : undefined;
}

/** Builds the gateway; resolves once Apollo has started. Call close() when done, listening or not. */
export async function createGateway(config: GatewayConfig, options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger;
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const store = await createStore(config, logger);
  const metrics = await createMetrics(config);
  const tracing = await createTracing(config, options.spanExporter);
  // One server secret signs cursors and keys the shared cache: CURSOR_SECRET, shared by replicas, or random per process.
  const secret = config.cursorSecret ?? randomBytes(32).toString('base64url');
  const clients = createClients(config, { logger, store, observer: combineObservers([metrics?.observer, tracing?.observer]), keySecret: secret });
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

  const schema = await gatewaySchema(config);
  const apollo = createApollo(config, { logger, httpServer, store, metrics, tracing, schema });
  await apollo.start();

  const limiter = config.rateLimitPerMinute > 0 ? callerLimiter(config.rateLimitPerMinute, store.redis) : undefined;
  const hub = new LiveHub({
    config,
    logger,
    watcherContext: (credentials) => createRequestContext(contextSetup, credentials, undefined, undefined, { fresh: true }),
    readAccount: accountReader(schema),
    // With Redis, one replica leads each account's watcher and the others hear it (live/relay.ts).
    relay: store.redis ? new LiveRelay(store.redis, logger) : undefined,
    cachedContext: (credentials) => createRequestContext(contextSetup, credentials),
  });
  metrics?.watchLive(hub);
  const live = new LiveServer({
    config,
    logger,
    schema,
    hub,
    authenticate: isAuthEnabled(config.auth) ? authenticator(config.auth) : undefined,
    limiter,
    validationRules: queryArmor(config).validationRules ?? [],
    requestContext: (credentials, caller) => createRequestContext(contextSetup, credentials, undefined, caller),
    formatError: gatewayErrorFormatter(logger),
  });
  live.attach(httpServer);

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
    // Pages on other origins: listed ones are let in (their preflight answered here, before authentication), others not.
    corsPolicy(config.cors, logger),
    // Answers differ by caller and by the caller's own provider credentials: no shared cache may mix them up.
    (_req, res, next) => {
      res.vary(['Authorization', 'X-Api-Key', ...CREDENTIAL_REQUEST_HEADERS].join(', '));
      next();
    },
    authenticate,
    nameCaller,
    ...(limiter ? [rateLimit(limiter, config.rateLimitPerMinute, logger)] : []),
    express.json({ limit: config.maxRequestBytes }),
    limitDocumentSize(config.maxQueryBytes),
    // Subscriptions over server-sent events (live/server.ts): /graphql/stream, or /graphql preferring an event stream.
    live.eventStreams(),
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
    live: hub,
    traces: options.spanExporter ? 'injected' : (config.tracing?.url.origin ?? 'off'),
    execute: <TData = Record<string, unknown>>(
      request: Omit<GraphQLRequest, 'query'> & { query?: string | DocumentNode },
      as: InProcessCaller = {},
    ) => apollo.executeOperation<TData>(request, { contextValue: createRequestContext(contextSetup, as.credentials ?? {}, undefined, as.caller) }),
    close() {
      closing ??= (async () => {
        readiness.startDraining();
        if (config.shutdown.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdown.delayMs));
        // Subscriptions end first (WebSockets close with 1001, event streams end): the drain below waits for open requests.
        await live.close();
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
