// The scope of one HTTP request: its id (taken from X-Request-Id or made), kept in AsyncLocalStorage for logs and upstream calls.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Span } from '@opentelemetry/api';
import type { AccountProvider } from '../generated/resolvers-types.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Providers whose API takes a caller's request id (Midaz logs and echoes X-Request-Id); the others are not sent one. */
export const ACCEPTS_REQUEST_ID: ReadonlySet<AccountProvider> = new Set<AccountProvider>(['MIDAZ']);

export interface RequestScope {
  readonly requestId: string;
  /** Filled in by the Apollo plugin for GraphQL requests. */
  operationName?: string;
  errorCount: number;
  /** The GraphQL operation's span, when tracing is on: upstream spans are its children. */
  span?: Span;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being served, or undefined outside one (start-up, timers). */
export const currentScope = (): RequestScope | undefined => storage.getStore();

/** A caller's id when it is 1 to 128 printable ASCII characters; otherwise a fresh UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value && /^[\x20-\x7e]{1,128}$/.test(value) ? value : randomUUID();
}

/** The same logger with the current request's id on every line written while serving it. */
export function scopedLogger(logger: Logger): Logger {
  return logger.child({}, {
    formatters: {
      log: (fields) => {
        const scope = storage.getStore();
        return scope ? { requestId: scope.requestId, ...fields } : fields;
      },
    },
  });
}

/** Headers that carry the request id to a provider that accepts one. */
export const requestIdHeaders = (): Record<string, string> | undefined => {
  const scope = storage.getStore();
  return scope ? { [REQUEST_ID_HEADER]: scope.requestId } : undefined;
};

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Opens the scope, returns the id in the response header, and writes one line per request when it ends:
 * id, operation, status, duration and error count (never variables, headers or credentials).
 */
export function requestScope(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const scope: RequestScope = { requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]), errorCount: 0 };
    res.setHeader('X-Request-Id', scope.requestId);
    const started = performance.now();
    const path = req.path; // routers mounted on a prefix rewrite req.url while they run
    res.on('finish', () => storage.run(scope, () => {
      const graphql = path === '/graphql' && (req.method === 'POST' || res.getHeader('content-type')?.toString().includes('json'));
      const line = { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (graphql) logger.info({ ...line, operation: scope.operationName ?? null, errors: scope.errorCount }, 'graphql request');
      else if (!QUIET_PATHS.has(path)) logger.debug(line, 'http request');
    }));
    storage.run(scope, next);
  };
}

/** Records the operation's name and error count in the scope, for the request's log line. */
export function scopePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          const scope = storage.getStore();
          if (scope) scope.operationName = operationName ?? undefined;
        },
        async willSendResponse({ response, request }) {
          const scope = storage.getStore();
          if (!scope) return;
          scope.operationName ??= request.operationName ?? undefined;
          scope.errorCount = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
        },
      };
    },
  };
}
