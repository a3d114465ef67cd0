// Per-provider call policies: bulkhead, circuit breaker and retries with backoff and jitter (cockatiel), within an
// overall time limit; a rate-limited provider's wait (Retry-After or a rate-limit reset header, see
// retryAfterSeconds) is honoured only while it fits in that limit.
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import { ErrorCode, GatewayError } from '../errors.js';

export interface ResilienceSettings {
  /** Time limit of one logical call, retries and queueing included. */
  timeoutMs: number;
  /** Extra attempts after a transient failure. */
  retries: number;
  /** Base of the exponential backoff between attempts. */
  retryBaseDelayMs: number;
  /** Consecutive failed calls that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before it lets one trial call through. */
  breakerCooldownMs: number;
  /** Most calls in flight to the provider at once (the bulkhead). */
  maxConcurrent: number;
  /** Most calls waiting for a slot; more are refused at once. */
  maxQueued: number;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

/** Makes GatewayErrors for one provider (the client's `error`). */
export type ErrorFactory = (code: ErrorCode, message: string, extra?: { retryAfter?: number; cause?: unknown }) => GatewayError;

/**
 * A failure that says the provider itself is unwell, so it counts towards opening its circuit: unreachable, 502,
 * 503, 504, or no answer in time. A 500 or a malformed body may concern one resource only and never trips it.
 */
const isProviderFailure = (error: Error) =>
  error instanceof GatewayError && ((error.code === ErrorCode.UpstreamTimeout && !error.waitedInQueue) || error.providerDown);

/** A call that waited in the gateway's queue for more than this share of its time limit did not give the provider a fair chance. */
const FAIR_SHARE_OF_LIMIT = 0.9;

/** Marks the deadline's expiry inside execute; never escapes it. */
const EXPIRED = Symbol('expired');

export class ProviderPolicy {
  readonly breaker: CircuitBreakerPolicy;
  /** Bulkhead, breaker and retries, built once: a call allocates only its deadline. */
  private readonly retrying: IPolicy;
  /** The same without retries, for changes that must not be sent twice. */
  private readonly once: IPolicy;

  constructor(
    private readonly settings: ResilienceSettings,
    private readonly name: string,
    private readonly error: ErrorFactory,
  ) {
    this.breaker = circuitBreaker(handleWhen(isProviderFailure), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    const limit = bulkhead(settings.maxConcurrent, settings.maxQueued);
    const retries = retry(
      handleWhen((error) => error instanceof GatewayError && error.retryable),
      {
        maxAttempts: settings.retries,
        backoff: backoffWithRetryAfter(settings.retryBaseDelayMs),
      },
    );
    this.retrying = wrap(limit, this.breaker, retries);
    this.once = wrap(limit, this.breaker);
  }

  get circuitState(): CircuitStateName {
    return (['closed', 'open', 'half-open', 'isolated'] as const)[this.breaker.state] ?? 'closed';
  }

  /**
   * Runs one logical call within the time limit (queueing and retries included); `attempt` gets a signal that
   * aborts at the limit. `idempotent: false` (a POST or PATCH) never retries: a lost answer must not become two
   * accounts. The deadline is a plain timer: measured, cockatiel's timeout policy (an AbortController and a
   * DOMException per call) cost more CPU than the rest of the call's policies together.
   */
  async execute<T>(attempt: (signal: AbortSignal) => Promise<T>, { idempotent = true } = {}): Promise<T> {
    const deadline = performance.now() + this.settings.timeoutMs;
    const controller = new AbortController();
    let lastFailure: unknown;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(EXPIRED);
        controller.abort();
      }, this.settings.timeoutMs);
    });
    const tryOnce = async () => {
      const started = performance.now();
      try {
        return await attempt(controller.signal);
      } catch (error) {
        lastFailure = error;
        // Cut short because the attempt started late (the call waited in the gateway's own queue, or for a retry):
        // the provider did not get its time, so this is no failure of the provider's (no breaker count).
        if (
          error instanceof GatewayError &&
          error.code === ErrorCode.UpstreamTimeout &&
          deadline - started < this.settings.timeoutMs * FAIR_SHARE_OF_LIMIT
        ) {
          error.waitedInQueue = true;
        }
        if (error instanceof GatewayError && error.retryable) error.retryable = this.fitsBefore(error, deadline);
        throw error;
      }
    };
    try {
      return await Promise.race([(idempotent ? this.retrying : this.once).execute(tryOnce, controller.signal), expired]);
    } catch (error) {
      if (error !== EXPIRED) throw this.translate(error);
      // Out of time while waiting to retry: the provider's own failure says more than "timeout".
      const failure = lastFailure instanceof GatewayError && lastFailure.code !== ErrorCode.UpstreamTimeout ? lastFailure : undefined;
      throw failure ?? this.error(ErrorCode.UpstreamTimeout, `${this.name} did not answer within ${this.settings.timeoutMs} ms.`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A retry is worth it only if it can finish in time: a 429's wait (retryAfter) must fit, and a backoff must leave room. */
  private fitsBefore(error: GatewayError, deadline: number): boolean {
    const remaining = deadline - performance.now();
    const retryAfter = error.extensions.retryAfter;
    if (error.code === ErrorCode.RateLimited) return typeof retryAfter === 'number' && retryAfter * 1000 < remaining;
    return remaining > this.settings.retryBaseDelayMs;
  }

  private translate(error: unknown): unknown {
    if (error instanceof TaskCancelledError) {
      return this.error(ErrorCode.UpstreamTimeout, `${this.name} did not answer within ${this.settings.timeoutMs} ms.`, { cause: error });
    }
    if (error instanceof BrokenCircuitError) {
      return this.error(ErrorCode.UpstreamError, `${this.name} is failing; the gateway is not calling it for a few seconds.`, { cause: error });
    }
    if (error instanceof BulkheadRejectedError) {
      return this.error(ErrorCode.UpstreamError, `${this.name} has too many calls waiting; try again shortly.`, { cause: error });
    }
    return error;
  }
}

/** Full-jitter exponential backoff, or the wait the provider asked for (retryAfter, from retryAfterSeconds) when it did. */
function backoffWithRetryAfter(baseDelayMs: number): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const factory: IBackoffFactory<IRetryBackoffContext<unknown>> = {
    next(context): IBackoff<IRetryBackoffContext<unknown>> {
      const error = 'error' in context.result ? context.result.error : undefined;
      const retryAfter = error instanceof GatewayError ? error.extensions.retryAfter : undefined;
      const duration = typeof retryAfter === 'number' ? retryAfter * 1000 : Math.random() * baseDelayMs * 2 ** Math.min(context.attempt, 8);
      return { duration, next: (next) => factory.next(next) };
    },
  };
  return factory;
}

/** The largest value of GraphQL's Int: `extensions.retryAfter` is clamped to 0..this. */
export const MAX_RETRY_AFTER_SECONDS = 2_147_483_647;
/** A reset value at or above this is an epoch time in seconds (2001-09-09), not a delay: 31 years is no delay. */
const EPOCH_SECONDS_FROM = 1_000_000_000;
/** A reset value at or above this is an epoch time in milliseconds (as epoch seconds it would be the year 33658). */
const EPOCH_MILLISECONDS_FROM = 1_000_000_000_000;

/** Response headers as undici gives them: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * How long a provider that answered 429 asks the gateway to wait, in whole seconds (rounded up, clamped to
 * 0..MAX_RETRY_AFTER_SECONDS), from the first of these headers that is present and readable:
 *
 * 1. `Retry-After` (RFC 9110 §10.2.3): delta-seconds, or an HTTP date (seconds from `now` until then).
 * 2. `RateLimit` (draft-ietf-httpapi-ratelimit-headers-08 and later): a list of policies, `"default";r=0;t=30`,
 *    where `r` is the quota left and `t` the seconds until it resets. The wait is the largest `t` among exhausted
 *    policies (`r=0` or no `r`), or the largest `t` when none says it is exhausted. The dictionary form of draft-07
 *    (`limit=100, remaining=0, reset=30`) is read the same way.
 * 3. `RateLimit-Reset` (drafts up to -06): seconds until the quota resets.
 * 4. `X-RateLimit-Reset`: Stellar Horizon sends the seconds until its window resets (public Horizon answers 429
 *    with X-RateLimit-Limit/Remaining/Reset and no Retry-After); other servers (GitHub's style) send the epoch
 *    time of the reset.
 *
 * Reset values (3, 4 and `t`) follow one rule: below 1,000,000,000 a delay in seconds; from there an epoch time in
 * seconds, from 1,000,000,000,000 one in milliseconds, counted from `now` (a past time is 0). Fractions round up.
 * Undefined when none of the headers is there or readable: the caller gets RATE_LIMITED without `retryAfter`.
 */
export function retryAfterSeconds(headers: ResponseHeaders, now = Date.now()): number | undefined {
  return (
    parseRetryAfterHeader(first(headers['retry-after']), now) ??
    structuredRateLimit(joined(headers['ratelimit']), now) ??
    resetSeconds(first(headers['ratelimit-reset']), now) ??
    resetSeconds(first(headers['x-ratelimit-reset']), now)
  );
}

/**
 * Retry-After as whole seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. A 429's wait
 * also comes from the rate-limit reset headers: see retryAfterSeconds.
 */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  return parseRetryAfterHeader(first(header), now);
}

/** Retry-After as whole seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterHeader(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return clampSeconds(Number(text));
  // An HTTP date names its weekday and month: never a bare number, which Date.parse would read as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : clampSeconds((date - now) / 1000);
}

/** A reset header's value (delay, or epoch seconds or milliseconds: see retryAfterSeconds) as whole seconds. */
function resetSeconds(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d{1,20}(\.\d{1,9})?$/.test(text)) return undefined;
  const number = Number(text);
  if (number >= EPOCH_MILLISECONDS_FROM) return clampSeconds((number - now) / 1000);
  if (number >= EPOCH_SECONDS_FROM) return clampSeconds(number - now / 1000);
  return clampSeconds(number);
}

/** The wait a structured `RateLimit` header gives (see retryAfterSeconds, 2). */
function structuredRateLimit(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const policies: Array<{ remaining?: number; reset: number }> = [];
  const dictionary: { remaining?: number; reset?: number } = {};
  for (const member of splitOutsideQuotes(value, ',')) {
    const [item = '', ...parameters] = splitOutsideQuotes(member, ';');
    const pair = /^([a-z][a-z0-9_.*-]*)\s*=\s*(.*)$/i.exec(item);
    if (pair && !item.startsWith('"')) {
      // Draft-07 dictionary form: remaining=0, reset=30.
      const number = resetSeconds(pair[2], now);
      if (pair[1]!.toLowerCase() === 'reset' && number !== undefined) dictionary.reset = number;
      if (pair[1]!.toLowerCase() === 'remaining' && /^\d+$/.test(pair[2]!.trim())) dictionary.remaining = Number(pair[2]);
      continue;
    }
    let reset: number | undefined;
    let remaining: number | undefined;
    for (const parameter of parameters) {
      const [key = '', raw = ''] = parameter.split('=', 2).map((part) => part.trim());
      if (key === 't') reset = resetSeconds(raw, now);
      if (key === 'r' && /^\d+$/.test(raw)) remaining = Number(raw);
    }
    if (reset !== undefined) policies.push(remaining === undefined ? { reset } : { remaining, reset });
  }
  if (dictionary.reset !== undefined)
    policies.push(dictionary.remaining === undefined ? { reset: dictionary.reset } : { remaining: dictionary.remaining, reset: dictionary.reset });
  const exhausted = policies.filter((policy) => policy.remaining === undefined || policy.remaining === 0);
  const waits = (exhausted.length > 0 ? exhausted : policies).map((policy) => policy.reset);
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && quoted) i++;
    else if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

function clampSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return seconds > 0 ? MAX_RETRY_AFTER_SECONDS : 0;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil(seconds)));
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const joined = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value);
