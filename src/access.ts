// HTTP-level access rules in front of GraphQL: the Host names served, the caller of an open gateway, and the
// per-caller request rate. Authentication itself (keys, tokens, scopes) is in auth.ts.
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import { openCaller } from './auth.js';
import { requestLogger, scopeOf } from './ops/requestScope.js';

/** Loopback names: `localhost`, 127.0.0.0/8 and [::1]. */
const LOOPBACK_NAME = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/** The Host header's name, without port, lower case; undefined when absent or malformed. */
function hostName(header: string | undefined): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(header ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * Serves only loopback Host names and the listed ones (ALLOWED_HOSTS): a page on another site that points its own
 * DNS name at 127.0.0.1 (DNS rebinding) is answered 421 Misdirected Request and reaches nothing.
 */
export function hostCheck(allowed: readonly string[], logger: Logger): RequestHandler {
  const serves = servesHost(allowed);
  return (req, res, next) => {
    if (serves(req.headers.host)) return next();
    requestLogger(logger, scopeOf(res)).info({ reason: 'host not served', path: req.path }, 'request refused');
    res.status(421).json({ errors: [{ message: 'This gateway does not serve that host name.', extensions: { code: 'MISDIRECTED_REQUEST' } }] });
  };
}

/** Whether a Host header names loopback or one of the `allowed` names (the check of hostCheck, for WebSocket upgrades too). */
export function servesHost(allowed: readonly string[]): (header: string | undefined) => boolean {
  const names = new Set(allowed.map((name) => name.toLowerCase()));
  return (header) => {
    const name = hostName(header);
    return name !== undefined && (LOOPBACK_NAME.test(name) || names.has(name));
  };
}

/** On a gateway without authentication, every caller is named by its address and may do everything. */
export const openAccess: RequestHandler = (req, res, next) => {
  res.locals.caller = openCaller(req.socket.remoteAddress);
  next();
};

/** Puts the caller's id into the request's scope, so the request's log lines name it. */
export const nameCaller: RequestHandler = (_req, res, next) => {
  const scope = scopeOf(res);
  if (scope && res.locals.caller) scope.callerId = res.locals.caller.id;
  next();
};

/** Counts a caller's requests: undefined while within the limit, else the whole seconds until one is allowed again. */
export type CallerLimiter = (callerId: string) => Promise<{ remaining: number } | { retryAfter: number }>;

/**
 * At most `perMinute` requests per caller and minute (rate-limiter-flexible, in Redis when the gateway has one so
 * that replicas share the count). A Redis outage lets requests through (the in-memory limiter takes over).
 */
export function callerLimiter(perMinute: number, redis?: Redis): CallerLimiter {
  // rate-limiter-flexible is loaded only where a limit is set (GATEWAY_RATE_LIMIT).
  const loading = import('rate-limiter-flexible').then(({ RateLimiterMemory, RateLimiterRedis, RateLimiterRes }) => {
    const memory = new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'rate' });
    const limiter: RateLimiterAbstract = redis
      ? new RateLimiterRedis({ storeClient: redis, points: perMinute, duration: 60, keyPrefix: 'rate', insuranceLimiter: memory })
      : memory;
    return { limiter, RateLimiterRes };
  });
  return async (callerId) => {
    const { limiter, RateLimiterRes } = await loading;
    try {
      return { remaining: (await limiter.consume(callerId)).remainingPoints };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return { remaining: 0 };
      return { retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  };
}

/** The message of a refusal by the rate limit. */
export const rateLimitMessage = (perMinute: number, seconds: number): string =>
  `Too many requests: at most ${perMinute} a minute. Try again in ${seconds} s.`;

/**
 * At most `perMinute` GraphQL requests per caller and minute (see callerLimiter); beyond it 429 with `Retry-After` in
 * whole seconds. WebSocket and event-stream subscriptions count against the same limit (one per subscription).
 */
export function rateLimit(limiter: CallerLimiter, perMinute: number, logger: Logger): RequestHandler {
  return async (_req, res, next) => {
    const caller = res.locals.caller?.id ?? 'unknown';
    const outcome = await limiter(caller);
    if ('remaining' in outcome) {
      res.setHeader('RateLimit-Limit', perMinute);
      res.setHeader('RateLimit-Remaining', outcome.remaining);
      return next();
    }
    const seconds = outcome.retryAfter;
    requestLogger(logger, scopeOf(res)).info({ reason: 'rate limit', callerId: caller, retryAfter: seconds }, 'request refused');
    res
      .status(429)
      .set('retry-after', String(seconds))
      .json({ errors: [{ message: rateLimitMessage(perMinute, seconds), extensions: { code: 'RATE_LIMITED', retryAfter: seconds } }] });
  };
}
