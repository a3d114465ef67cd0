// The scope of one HTTP request: its id (taken from X-Request-Id or made), kept on res.locals and carried explicitly
// (GraphQL context, upstream client view) to logs, upstream calls and spans: no async context store, no promise hooks.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Span } from '@opentelemetry/api';

/** The request id's header, both ways; sent upstream only to providers whose identity accepts one. */
export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestScope {
  readonly requestId: string;
  /** Filled in by the Apollo plugin for GraphQL requests. */
  operationName?: string;
  errorCount: number;
  /** Who is calling (a key's id, a token's subject, an address): set once the caller is known. Never a secret. */
  callerId?: string;
  /** The GraphQL operation's span, when tracing is on: upstream spans are its children. */
  span?: Span;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set by the requestScope middleware for every request it sees. */
      scope?: RequestScope;
    }
  }
}

/** What a GraphQL context carries for the plugins below: the request's scope and logger (absent outside HTTP). */
export interface ScopedContext {
  readonly scope?: RequestScope | undefined;
  readonly logger?: Logger | undefined;
}

/** The scope the middleware opened for this response, or undefined when it did not run. */
export const scopeOf = (res: Response): RequestScope | undefined => res.locals.scope;

/** The logger for lines written while serving a request: the request id on each; the logger itself outside one. */
export const requestLogger = (logger: Logger, scope: RequestScope | undefined): Logger =>
  scope ? logger.child({ requestId: scope.requestId }) : logger;

/** A caller's id when it is 1 to 128 printable ASCII characters; otherwise a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value && /^[\x20-\x7e]{1,128}$/.test(value) ? value : randomUUID();
}

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Opens the scope (on res.locals), returns the id in the response header, and writes one line per request when it
 * ends: id, operation, status, duration and error count (never variables, headers or credentials).
 */
export function requestScope(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const scope: RequestScope = { requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]), errorCount: 0 };
    res.locals.scope = scope;
    res.setHeader('X-Request-Id', scope.requestId);
    const started = performance.now();
    const path = req.path; // routers mounted on a prefix rewrite req.url while they run
    res.on('finish', () => {
      const graphql = path === '/graphql' && (req.method === 'POST' || res.getHeader('content-type')?.toString().includes('json'));
      const line = { requestId: scope.requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (graphql)
        logger.info(
          { ...line, callerId: scope.callerId ?? null, operation: scope.operationName ?? null, errors: scope.errorCount },
          'graphql request',
        );
      else if (!QUIET_PATHS.has(path)) logger.debug(line, 'http request');
    });
    next();
  };
}

/** Errors Apollo is about to format, with the logger of the request they belong to (formatError is not told it). */
const errorLoggers = new WeakMap<object, Logger>();

/** The request logger of the GraphQL request whose response carries this error, when known. */
export const loggerForError = (error: unknown): Logger | undefined =>
  typeof error === 'object' && error !== null ? errorLoggers.get(error) : undefined;

/**
 * Records the operation's name and error count in the scope, for the request's log line, and remembers the request
 * logger of each error so that formatError logs unexpected ones with the request id.
 */
export function scopePlugin<T extends ScopedContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const { scope, logger } = contextValue;
      return {
        async didResolveOperation({ operationName }) {
          if (scope) scope.operationName = operationName ?? undefined;
        },
        async didEncounterErrors({ errors }) {
          if (logger) for (const error of errors) errorLoggers.set(error, logger);
        },
        async willSendResponse({ response, request }) {
          if (!scope) return;
          scope.operationName ??= request.operationName ?? undefined;
          scope.errorCount = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
        },
      };
    },
  };
}
