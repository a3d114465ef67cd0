// Builds the gateway (HTTP app, Apollo Server, provider clients) from a config. Never reads the environment.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import type { AccountProvider } from './generated/resolvers-types.js';
import type { GatewayConfig } from './config.js';
import { createRequestContext, type ContextSetup, type ProviderClients, type RequestContext } from './context.js';
import { memoryStore, redisStore, type SharedStore } from './cache/store.js';
import { keyValueCache } from './cache/apq.js';
import { CursorCodec } from './cursor.js';
import { createCoreResolvers, type CacheSeconds } from './resolvers.js';
import { createErrorFormatter } from './errors.js';
import { providers } from './providers/index.js';
import { UpstreamClient } from './upstream/client.js';
import { callerCredentials } from './credentials.js';
import { isAuthEnabled, requireAuthentication } from './auth.js';
import { playgroundAssets, playgroundPage } from './playground/index.js';
import { exampleTabs } from './playground/examples.js';
import { dashboard } from './dashboard.js';

const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** Every `.graphql` file below schema/, in a stable order. */
export function loadTypeDefs(): string[] {
  return (readdirSync(SCHEMA_DIR, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

export function buildSchema(config: Pick<GatewayConfig, 'maxIdsPerRequest'>, cacheMaxAge: CacheSeconds = {}): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [createCoreResolvers(config.maxIdsPerRequest, cacheMaxAge), ...Object.values(providers).map((module) => module.resolvers)],
  });
}

export interface GatewayOptions {
  logger: Logger;
  /** Global ids of sample accounts (demo mode): GraphiQL's examples and the dashboard's preset. */
  sampleIds?: readonly string[];
}

export interface RunningGateway {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

function createStore(config: GatewayConfig, logger: Logger): SharedStore {
  return config.redisUrl ? redisStore(config.redisUrl.toString(), logger) : memoryStore(config.cacheMaxEntries);
}

function createClients(config: GatewayConfig, logger: Logger, store: SharedStore): ProviderClients {
  const clients: ProviderClients = {};
  for (const [provider, settings] of Object.entries(config.providers) as Array<[AccountProvider, NonNullable<GatewayConfig['providers'][AccountProvider]>]>) {
    clients[provider] = new UpstreamClient({
      provider,
      baseUrl: settings.url,
      timeoutMs: settings.timeoutMs,
      headers: settings.headers,
      maxBodyBytes: config.maxUpstreamBodyBytes,
      maxConnections: config.maxConnectionsPerProvider,
      logger,
      ...(settings.cacheTtlMs > 0 && !config.naive ? { cache: { store, ttlMs: settings.cacheTtlMs } } : {}),
    });
  }
  return clients;
}

/** Starts the gateway on config.port (0 picks a free port) and resolves once it accepts queries. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const store = createStore(config, logger);
  const clients = createClients(config, logger, store);
  const contextSetup: ContextSetup = {
    registry: providers,
    clients,
    cursors: new CursorCodec(config.cursorSecret),
    sourceOptions: (provider, ownCredentials) => ({
      dedupe: !config.naive,
      // A caller's own credentials may not be admin: list calls would be refused, so ask account by account.
      listThreshold: config.naive || ownCredentials ? 0 : (config.providers[provider]?.listThreshold ?? 0),
    }),
  };

  const armor = queryArmor(config);
  const maxAges = cacheSeconds(config);
  const apollo = new ApolloServer<RequestContext>({
    schema: buildSchema(config, maxAges),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Automatic persisted queries live in the shared store (Redis when configured), like the response cache.
    cache: keyValueCache(store, 'apollo:'),
    persistedQueries: { cache: keyValueCache(store, 'apq:') },
    validationRules: armor.validationRules,
    formatError: createErrorFormatter((error, formatted) => logger.error({ err: error, path: formatted.path }, 'unexpected error')),
    // graphql-armor's typings point at Apollo's CommonJS build; the plugins are the same objects.
    plugins: [...(armor.plugins as unknown as Array<ApolloServerPlugin<RequestContext>>), ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Root fields carry each provider's hint; nested objects may live as long as the longest, so the root decides.
      ApolloServerPluginCacheControl({ defaultMaxAge: Math.max(0, ...Object.values(maxAges)) }),
    ],
    logger,
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', providers: Object.keys(config.providers) });
  });
  if (config.playground) {
    const page = playgroundPage(exampleTabs(options.sampleIds ?? []));
    app.use(playgroundAssets());
    app.get('/graphql', (req, res, next) => {
      if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
      res.type('html').send(page);
    });
  }
  if (config.dashboard) app.use(dashboard(options.sampleIds ?? [], logger));
  const authenticate = isAuthEnabled(config.auth) ? [requireAuthentication(config.auth, logger)] : [];
  app.use(
    '/graphql',
    ...authenticate,
    express.json({ limit: config.maxRequestBytes }),
    expressMiddleware(apollo, { context: async ({ req }) => createRequestContext(contextSetup, readCallerCredentials(req.headers)) }),
  );

  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, providers: Object.keys(config.providers) }, 'gateway listening');

  return {
    url,
    async close() {
      await apollo.stop();
      await Promise.all(Object.values(clients).map((client) => client.close()));
      await store.close();
    },
  };
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
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: !config.introspection },
  }).protect();
}

/** Per-request provider credentials; malformed ones refuse the whole request with 400. */
function readCallerCredentials(headers: import('node:http').IncomingHttpHeaders) {
  try {
    return callerCredentials(headers);
  } catch (error) {
    throw new GraphQLError(error instanceof Error ? error.message : 'Bad credential headers.', {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
}

/** Errors before Apollo (an oversized or unparsable body) as a GraphQL-shaped JSON error, never a stack trace. */
function httpErrorHandler(logger: Logger): express.ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; type?: string }, _req, res, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error }, 'unexpected HTTP error');
    const message =
      status === 413 ? 'Request body too large.' : status === 400 ? 'Request body is not valid JSON.' : status < 500 ? 'Bad request.' : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}
