// Per-provider call policies: bulkhead, circuit breaker and retries with backoff and jitter (cockatiel), within an
// overall time limit; Retry-After is honoured only while it fits in that limit.
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
  type BulkheadPolicy,
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
  error instanceof GatewayError && (error.code === ErrorCode.UpstreamTimeout || error.providerDown);

/** Marks the deadline's expiry inside execute; never escapes it. */
const EXPIRED = Symbol('expired');

export class ProviderPolicy {
  readonly breaker: CircuitBreakerPolicy;
  /** Bulkhead, breaker and retries, built once: a call allocates only its deadline. */
  private readonly retrying: IPolicy;
  /** The same without retries, for changes that must not be sent twice. */
  private readonly once: IPolicy;

  constructor(private readonly settings: ResilienceSettings, private readonly name: string, private readonly error: ErrorFactory) {
    this.breaker = circuitBreaker(handleWhen(isProviderFailure), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    const limit = bulkhead(settings.maxConcurrent, settings.maxQueued);
    const retries = retry(handleWhen((error) => error instanceof GatewayError && error.retryable), {
      maxAttempts: settings.retries,
      backoff: backoffWithRetryAfter(settings.retryBaseDelayMs),
    });
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
      try {
        return await attempt(controller.signal);
      } catch (error) {
        lastFailure = error;
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

  /** A retry is worth it only if it can finish in time: Retry-After must fit, and a backoff must leave room. */
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

/** Full-jitter exponential backoff, or the provider's Retry-After when it sent one. */
function backoffWithRetryAfter(baseDelayMs: number): IBackoffFactory<IRetryBackoffContext<unknown>> {
  const factory: IBackoffFactory<IRetryBackoffContext<unknown>> = {
    next(context): IBackoff<IRetryBackoffContext<unknown>> {
      const error = 'error' in context.result ? context.result.error : undefined;
      const retryAfter = error instanceof GatewayError ? error.extensions.retryAfter : undefined;
      const duration =
        typeof retryAfter === 'number' ? retryAfter * 1000 : Math.random() * baseDelayMs * 2 ** Math.min(context.attempt, 8);
      return { duration, next: (next) => factory.next(next) };
    },
  };
  return factory;
}
