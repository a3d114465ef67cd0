// Cross-origin calls to /graphql from browser pages (CORS): the origins CORS_ORIGINS lists (and loopback ones where
// config.ts allows them) are answered with their own origin, credentials allowed; every other origin gets no CORS
// header, and its preflight a plain 403, so its page never sends the operation. Apollo's CSRF prevention stays on for
// every request: a cross-origin request that skips the preflight is still refused before it executes.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { CorsConfig } from './config.js';
import { CREDENTIAL_REQUEST_HEADERS } from './credentials.js';
import { REQUEST_ID_HEADER, requestLogger, scopeOf } from './ops/requestScope.js';

/** What a GraphQL client sends: Apollo Client's and GraphQL clients' headers, gateway auth, and each provider credential header. */
export const CORS_ALLOWED_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'authorization',
  'x-api-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollographql-library-name',
  'apollographql-library-version',
  REQUEST_ID_HEADER,
  // The caller's own provider credentials, from the registry: a new provider's header is allowed with no edit here.
  ...CREDENTIAL_REQUEST_HEADERS,
]);

/** Response headers a page may read besides the safelisted ones. */
export const CORS_EXPOSED_HEADERS: readonly string[] = Object.freeze(['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining']);

export const CORS_ALLOWED_METHODS: readonly string[] = Object.freeze(['GET', 'POST', 'OPTIONS']);

/** How long a browser may reuse a preflight's answer: two hours, the most Chromium keeps one. */
export const CORS_MAX_AGE_SECONDS = 7200;

/** A loopback origin as browsers send it: http(s), localhost, 127.0.0.1 or [::1], any port. */
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Whether a page on `origin` may call the gateway under this configuration. */
export function originAllowed(config: CorsConfig, origin: string): boolean {
  return config.origins.includes(origin) || (config.loopback && LOOPBACK_ORIGIN.test(origin));
}

/**
 * The CORS middleware of /graphql, first in its chain (before authentication: a preflight carries no credentials).
 * Allowed origin: `Access-Control-Allow-Origin: <origin>` (never `*`), credentials, exposed headers; its preflight
 * 204 with the methods, headers and max age. Other origins: no CORS header; a preflight 403 in plain text.
 * Requests without `Origin` (servers, curl, same-origin GETs) pass untouched. Every answer varies by `Origin`.
 */
export function corsPolicy(config: CorsConfig, logger: Logger): RequestHandler {
  const allowedHeaders = CORS_ALLOWED_HEADERS.join(', ');
  const exposedHeaders = CORS_EXPOSED_HEADERS.join(', ');
  const methods = CORS_ALLOWED_METHODS.join(', ');
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined || !originAllowed(config, origin)) {
      if (!preflight) return next();
      requestLogger(logger, scopeOf(res)).info({ reason: 'origin not allowed', origin }, 'request refused');
      res.status(403).type('text/plain').send(`Pages on ${origin} may not call this gateway: its CORS_ORIGINS setting lists the origins that may.\n`);
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (!preflight) {
      res.setHeader('Access-Control-Expose-Headers', exposedHeaders);
      return next();
    }
    res.setHeader('Access-Control-Allow-Methods', methods);
    res.setHeader('Access-Control-Allow-Headers', allowedHeaders);
    res.setHeader('Access-Control-Max-Age', String(CORS_MAX_AGE_SECONDS));
    res.status(204).end();
  };
}
