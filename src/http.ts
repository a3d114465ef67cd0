// The HTTP edge's small parts: the pages' Content-Security-Policy, the document size limit, the caller's provider
// credentials read from headers, and errors raised before Apollo as GraphQL-shaped JSON.
import type express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { callerCredentials, type CallerCredentials } from './credentials.js';
import { requestLogger, scopeOf } from './ops/requestScope.js';

/** Per-request provider credentials; malformed ones refuse the whole request with 400. */
export function readCallerCredentials(headers: Readonly<Record<string, readonly string[] | undefined>>): CallerCredentials {
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
export function pageSecurityPolicy(scripts: string): string {
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
export function limitDocumentSize(maxBytes: number): express.RequestHandler {
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
export function httpErrorHandler(logger: Logger): express.ErrorRequestHandler {
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
