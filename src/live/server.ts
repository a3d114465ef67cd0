// Live updates over the wire: GraphQL over WebSocket (graphql-ws, subprotocol `graphql-transport-ws`, at /graphql) and
// over server-sent events (graphql-sse, distinct connections mode). Both check what /graphql checks: the Host name,
// the page's origin, gateway authentication (a WebSocket's credentials in `connection_init`), the caller's own
// provider credentials, the rate limit, the document's size, tokens, depth, cost and lookups; then only subscriptions
// run here (queries and mutations go to /graphql over HTTP, where Apollo serves them).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type express from 'express';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { handleProtocols, type Context as WsContext } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config.js';
import type { RequestContext } from '../context.js';
import { openCaller, UNAUTHENTICATED_MESSAGE, type Authenticate, type Caller } from '../auth.js';
import { callerCredentials, type CallerCredentials } from '../credentials.js';
import { originAllowed } from '../cors.js';
import { rateLimitMessage, servesHost, type CallerLimiter } from '../access.js';
import { countLookups } from '../operationRules.js';
import { SubscriptionContext } from './context.js';
import { endSubscriptions, newConnection, type LiveHub, type LiveSession } from './hub.js';

export interface LiveServerSetup {
  config: GatewayConfig;
  logger: Logger;
  schema: GraphQLSchema;
  hub: LiveHub;
  /** The gateway's credential check; undefined on an open gateway (every caller named by address). */
  authenticate: Authenticate | undefined;
  /** The per-caller rate limit (one point per subscription); undefined when off. */
  limiter: CallerLimiter | undefined;
  /** Depth, alias, directive and cost rules (graphql-armor), as Apollo validates with. */
  validationRules: readonly ValidationRule[];
  /** A request context for this caller and credentials (the subscription's context starts from it). */
  requestContext(credentials: CallerCredentials, caller: Caller): RequestContext;
  /** The gateway's error formatter (contract codes pass, anything else is masked and logged). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/** WebSocket close codes: graphql-ws's own for a refused connection, and the standard ones. */
export const CloseCode = {
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  TooManyRequests: 4429,
  /** The client did not read its events (RFC 6455 policy violation). */
  SlowConsumer: 1008,
  /** The gateway is shutting down (RFC 6455 going away). */
  GoingAway: 1001,
  /** No subscription for LIVE_IDLE_TIMEOUT_MS. */
  Idle: 1000,
} as const;

const clientError = (message: string, code: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extra } });

/** The parameters of one subscribe request (a graphql-ws `subscribe` payload, a graphql-sse request). */
interface OperationParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** Whether the root selection (through fragments) carries @skip or @include. */
function hasConditionalRoot(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include')) return true;
    if (selection.kind === Kind.INLINE_FRAGMENT) return hasConditionalRoot(document, selection.selectionSet, seen);
    if (selection.kind !== Kind.FRAGMENT_SPREAD || seen.has(selection.name.value)) return false;
    seen.add(selection.name.value);
    const fragment = document.definitions.find(
      (definition): definition is FragmentDefinitionNode =>
        definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
    );
    return fragment ? hasConditionalRoot(document, fragment.selectionSet, seen) : false;
  });
}

/** Whether a page's origin is the gateway's own (the dashboard, GraphiQL): same host and port as the request's Host. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Header values a connection presents: the upgrade request's, then `connection_init`'s (names case-insensitive, strings only). */
function presentedHeaders(request: IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) if (values) headers[name] = values;
  for (const [name, value] of Object.entries(params ?? {})) if (typeof value === 'string') headers[name.toLowerCase()] = [value];
  return headers;
}

export class LiveServer {
  private readonly sockets: WebSocketServer;
  private readonly connections = new WeakMap<object, LiveSession>();
  /** Open WebSockets per caller (LIVE_MAX_CONNECTIONS_PER_CALLER). */
  private readonly socketsPerCaller = new Map<string, number>();
  private readonly servesHost: (header: string | undefined) => boolean;
  private closed = false;

  constructor(private readonly setup: LiveServerSetup) {
    this.sockets = new WebSocketServer({ noServer: true, handleProtocols, maxPayload: setup.config.maxRequestBytes });
    this.servesHost = setup.config.allowedHosts ? servesHost(setup.config.allowedHosts) : () => true;
  }

  /** Serves graphql-ws on the HTTP server's upgrades of /graphql; other upgrades are refused. */
  attach(httpServer: Server): void {
    useServer(
      {
        schema: this.setup.schema,
        connectionInitWaitTimeout: 5_000,
        onConnect: (ctx) => this.connect(ctx),
        onSubscribe: (ctx, _id, payload) => this.subscribeOverSocket(ctx, payload),
        onNext: (_ctx, _id, _payload, _args, result) => this.format(result),
        onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.formatOne(error, true)),
        // Every subscription of a closed socket ends here, whatever graphql-ws still holds (an id reused at once).
        onClose: (ctx) => {
          const session = this.connections.get(ctx);
          if (session) endSubscriptions(session.connection);
          this.connections.delete(ctx);
        },
      },
      this.sockets,
      12_000,
    );
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /**
   * The express middleware of server-sent event subscriptions, mounted on /graphql after authentication, the rate
   * limit and the body parser: `/graphql/stream`, and `/graphql` for a client that prefers an event stream; anything
   * else goes on to Apollo.
   */
  eventStreams(): express.RequestHandler {
    const handler = createHandler<Record<PropertyKey, unknown>>({
      schema: this.setup.schema,
      // Distinct connections only: no stream tokens another caller could guess or reuse.
      authenticate: () => null,
      onSubscribe: async (req, params) => {
        const res = req.context.res;
        const session: LiveSession = {
          caller: res.locals.caller as Caller,
          credentials: res.locals.credentials as CallerCredentials,
          connection: newConnection(() => res.destroy()),
        };
        const prepared = this.prepare(params, session);
        if (!Array.isArray(prepared)) return prepared as ExecutionArgs & { contextValue: Record<PropertyKey, unknown> };
        const code = prepared[0]?.extensions.code;
        const status = code === 'RATE_LIMITED' ? 429 : code === 'SHUTTING_DOWN' ? 503 : code === 'QUERY_TOO_LARGE' ? 413 : 400;
        return [
          JSON.stringify({ errors: prepared.map((error) => this.formatOne(error, true)) }),
          { status, statusText: 'Refused', headers: { 'content-type': 'application/json' } },
        ];
      },
      onNext: (_ctx, _req, result) => this.format(result as ExecutionResult) as ExecutionResult,
    });
    return (req, res, next) => {
      // At /graphql, only a client that prefers an event stream to JSON (urql lists both for every operation).
      const stream =
        req.path === '/stream' || req.accepts(['application/graphql-response+json', 'application/json', 'text/event-stream']) === 'text/event-stream';
      if (!stream || this.closed || !this.setup.config.live.enabled) return next();
      try {
        res.locals.credentials = callerCredentials(req.headersDistinct);
      } catch (error) {
        res.status(400).json({ errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT' } }] });
        return;
      }
      const refused = this.refuseStream(req);
      if (refused) {
        this.setup.logger.info({ reason: refused.reason, transport: 'sse' }, 'request refused');
        res.status(refused.status).json({ errors: [{ message: refused.message, extensions: { code: refused.code } }] });
        return;
      }
      handler(req, res).catch((error: unknown) => {
        this.setup.logger.error({ err: error }, 'event stream failed');
        if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.end();
      });
    };
  }

  /**
   * Why an event-stream request is refused before it starts anything: a page on an origin that may not call the
   * gateway (a cross-site request that needs no preflight could otherwise start a subscription), or a POST whose body
   * is not JSON (the graphql-sse protocol sends JSON; a text/plain body is what a cross-site form would send).
   */
  private refuseStream(req: express.Request): { status: number; code: string; reason: string; message: string } | undefined {
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(this.setup.config.cors, origin) && !sameOrigin(origin, req.headers.host)) {
      return {
        status: 403,
        code: 'FORBIDDEN',
        reason: 'origin not allowed',
        message: `Pages on ${origin} may not subscribe: CORS_ORIGINS lists the origins that may.`,
      };
    }
    if (req.method === 'POST' && !req.is('application/json')) {
      return { status: 415, code: 'BAD_REQUEST', reason: 'not JSON', message: 'Send the subscription as application/json.' };
    }
    if (req.method !== 'POST' && req.method !== 'GET') {
      return { status: 405, code: 'BAD_REQUEST', reason: 'method', message: 'Subscribe with POST (or GET) and Accept: text/event-stream.' };
    }
    // What graphql-sse would refuse without a code: no query, variables that are not a JSON object.
    const params = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
    const bad = (message: string) => ({ status: 400, code: 'BAD_REQUEST', reason: 'malformed request', message });
    if (typeof params?.query !== 'string') return bad('Send the subscription as `query`.');
    if (req.method === 'GET' && params.variables !== undefined) {
      try {
        const variables: unknown = JSON.parse(String(params.variables));
        if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return bad('`variables` must be a JSON object.');
      } catch {
        return bad('`variables` must be a JSON object.');
      }
    }
    return undefined;
  }

  /** Ends every subscription, then closes every WebSocket with 1001 (going away). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.setup.hub.close();
    for (const socket of this.sockets.clients) socket.close(CloseCode.GoingAway, 'The gateway is shutting down.');
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }

  /** Checks an upgrade's path, Host and Origin before the WebSocket handshake; refusals are plain HTTP answers. */
  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, reason: string, text: string) => {
      this.setup.logger.info({ reason, path: '/graphql', transport: 'websocket' }, 'request refused');
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/graphql' || this.closed || !this.setup.config.live.enabled) return refuse(404, 'no WebSocket here', 'Not Found');
    if (!this.servesHost(request.headers.host)) return refuse(421, 'host not served', 'Misdirected Request');
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(this.setup.config.cors, origin) && !sameOrigin(origin, request.headers.host)) {
      return refuse(403, 'origin not allowed', 'Forbidden');
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) => this.sockets.emit('connection', ws, request));
  }

  /** `connection_init`: authenticates and reads the caller's own credentials, or closes (4401, 4400). */
  private async connect(ctx: WsContext<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>): Promise<boolean> {
    const { socket, request } = ctx.extra;
    const headers = presentedHeaders(request, ctx.connectionParams);
    const refuse = (code: number, reason: string, message: string) => {
      this.setup.logger.info({ reason, transport: 'websocket' }, 'request refused');
      socket.close(code, message);
      return false;
    };
    let caller: Caller;
    if (this.setup.authenticate) {
      const outcome = await this.setup.authenticate({ apiKey: headers['x-api-key']?.[0], authorization: headers['authorization']?.[0] });
      if (!('caller' in outcome)) return refuse(CloseCode.Unauthorized, outcome.reason, UNAUTHENTICATED_MESSAGE.slice(0, 120));
      caller = outcome.caller;
    } else {
      caller = openCaller(request.socket.remoteAddress);
    }
    let credentials: CallerCredentials;
    try {
      credentials = callerCredentials(headers);
    } catch (error) {
      return refuse(CloseCode.BadRequest, 'bad credential headers', (error as Error).message.slice(0, 120));
    }
    const callerId = caller.id;
    const open = this.socketsPerCaller.get(callerId) ?? 0;
    if (open >= this.setup.config.live.maxConnectionsPerCaller) {
      return refuse(
        CloseCode.TooManyRequests,
        'too many connections',
        `At most ${this.setup.config.live.maxConnectionsPerCaller} WebSockets per caller.`,
      );
    }
    this.socketsPerCaller.set(callerId, open + 1);
    socket.once('close', () => {
      const left = (this.socketsPerCaller.get(callerId) ?? 1) - 1;
      if (left > 0) this.socketsPerCaller.set(callerId, left);
      else this.socketsPerCaller.delete(callerId);
    });
    const session: LiveSession = {
      caller,
      credentials,
      connection: newConnection(() => {
        this.setup.logger.info({ callerId, transport: 'websocket' }, 'slow consumer disconnected');
        socket.close(CloseCode.SlowConsumer, 'Events were not read in time.');
        setTimeout(() => socket.terminate(), 1_000).unref();
      }),
    };
    this.connections.set(ctx, session);
    this.watchIdle(socket, session);
    return true;
  }

  /** Closes a socket that has had no subscription for LIVE_IDLE_TIMEOUT_MS. */
  private watchIdle(socket: WebSocket, session: LiveSession): void {
    const limit = this.setup.config.live.idleTimeoutMs;
    if (limit <= 0) return;
    let idleSince = Date.now();
    const timer = setInterval(
      () => {
        if (session.connection.subscriptions.size > 0) idleSince = Date.now();
        else if (Date.now() - idleSince >= limit) socket.close(CloseCode.Idle, 'No subscription: closed as idle.');
      },
      Math.min(limit, 10_000),
    );
    timer.unref();
    socket.once('close', () => clearInterval(timer));
  }

  private async subscribeOverSocket(ctx: object, payload: OperationParams): Promise<ExecutionArgs | readonly GraphQLError[]> {
    const session = this.connections.get(ctx);
    if (!session) return [clientError('The connection is not initialised.', 'UNAUTHENTICATED')];
    const limited = await this.rateLimited(session);
    if (limited) return [limited];
    return this.prepare(payload, session);
  }

  /** One point of the caller's rate limit per subscription: the refusal, or undefined. */
  private async rateLimited(session: LiveSession): Promise<GraphQLError | undefined> {
    const { limiter, config } = this.setup;
    if (!limiter) return undefined;
    const outcome = await limiter(session.caller?.id ?? 'unknown');
    if ('remaining' in outcome) return undefined;
    return clientError(rateLimitMessage(config.rateLimitPerMinute, outcome.retryAfter), 'RATE_LIMITED', { retryAfter: outcome.retryAfter });
  }

  /**
   * The execution of one subscribe request, or why it is refused: too large, unparsable, invalid (graphql-js and
   * graphql-armor rules), not a subscription, or more lookups than MAX_IDS_PER_REQUEST.
   */
  private prepare(params: OperationParams, session: LiveSession): ExecutionArgs | GraphQLError[] {
    const { config, schema, validationRules, hub } = this.setup;
    const { query, variables, operationName } = params;
    if (typeof query !== 'string' || query === '') return [clientError('Send the subscription as `query`.', 'BAD_REQUEST')];
    if (Buffer.byteLength(query) > config.maxQueryBytes)
      return [clientError(`The GraphQL document is larger than ${config.maxQueryBytes} bytes.`, 'QUERY_TOO_LARGE')];
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables)))
      return [clientError('`variables` must be an object.', 'BAD_REQUEST')];
    if (operationName != null && typeof operationName !== 'string') return [clientError('`operationName` must be a string.', 'BAD_REQUEST')];
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: config.queryLimits.maxTokens });
    } catch (error) {
      return [clientError((error as GraphQLError).message, 'GRAPHQL_PARSE_FAILED')];
    }
    const invalid = validate(schema, document, [...specifiedRules, ...validationRules]);
    if (invalid.length > 0) return invalid.map((error) => clientError(error.message, 'GRAPHQL_VALIDATION_FAILED'));
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) return [clientError('Name the operation to run (operationName).', 'OPERATION_RESOLUTION_FAILURE')];
    if (operation.operation !== 'subscription') {
      return [clientError('Only subscriptions are served here: send queries and mutations to /graphql over HTTP.', 'OPERATION_NOT_SUPPORTED')];
    }
    // The GraphQL spec's rule: a subscription's root field may not be skipped (graphql-js would fail on it).
    if (hasConditionalRoot(document, operation.selectionSet)) {
      return [clientError('A subscription’s root field cannot carry @skip or @include.', 'GRAPHQL_VALIDATION_FAILED')];
    }
    const refused = this.setup.hub.admit(session);
    if (refused) return [refused];
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], (variables ?? {}) as Record<string, unknown>, { maxErrors: 10 });
    if (coerced.errors) return coerced.errors.map((error) => clientError(error.message, 'BAD_USER_INPUT'));
    const variableValues = coerced.coerced;
    const lookups = countLookups(document, operation, variableValues);
    if (lookups > config.maxIdsPerRequest) {
      return [
        clientError(`At most ${config.maxIdsPerRequest} accounts may be followed in one operation; this one follows ${lookups}.`, 'BAD_USER_INPUT'),
      ];
    }
    const base = this.setup.requestContext(session.credentials, session.caller!);
    return {
      schema,
      document,
      variableValues,
      operationName: operationName ?? undefined,
      contextValue: new SubscriptionContext(base, { hub, session }),
    };
  }

  /** An event as the client gets it: each error through the gateway's formatter. */
  private format(result: ExecutionResult): FormattedExecutionResult {
    const { errors, ...rest } = result;
    return errors?.length ? { ...rest, errors: errors.map((error) => this.formatOne(error, false)) } : rest;
  }

  /** Errors before execution without a code are a client's mistake (a variable that does not coerce): BAD_USER_INPUT. */
  private formatOne(error: GraphQLError, beforeExecution: boolean): GraphQLFormattedError {
    const formatted = error.toJSON();
    if (beforeExecution && formatted.extensions?.code === undefined) return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
    return this.setup.formatError(formatted, error);
  }
}
