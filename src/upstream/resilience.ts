// Per-provider call policies (cockatiel): overall time limit, bulkhead, circuit breaker, and retries with
// backoff and jitter that honour Retry-After only while it fits in the time limit.
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
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

/** A failure that says the provider is unwell: these count towards opening the circuit. */
const isProviderFailure = (error: Error) =>
  error instanceof GatewayError && (error.code === ErrorCode.UpstreamError || error.code === ErrorCode.UpstreamTimeout);

export class ProviderPolicy {
  readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;

  constructor(private readonly settings: ResilienceSettings, private readonly name: string, private readonly error: ErrorFactory) {
    this.breaker = circuitBreaker(handleWhen(isProviderFailure), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerThreshold),
    });
    this.bulkhead = bulkhead(settings.maxConcurrent, settings.maxQueued);
  }

  get circuitState(): CircuitStateName {
    return (['closed', 'open', 'half-open', 'isolated'] as const)[this.breaker.state] ?? 'closed';
  }

  /**
   * Runs one logical call; `attempt` is called once per try with a signal that aborts at the time limit.
   * `idempotent: false` (a POST or PATCH) never retries: a lost answer must not become two accounts.
   */
  async execute<T>(attempt: (signal: AbortSignal) => Promise<T>, { idempotent = true } = {}): Promise<T> {
    const deadline = performance.now() + this.settings.timeoutMs;
    let lastFailure: Error | undefined;
    const retries = retry(handleWhen((error) => ((lastFailure = error), this.worthRetrying(error, deadline))), {
      maxAttempts: idempotent ? this.settings.retries : 0,
      backoff: backoffWithRetryAfter(this.settings.retryBaseDelayMs),
    });
    const limit = timeout(this.settings.timeoutMs, TimeoutStrategy.Aggressive);
    try {
      return await wrap(limit, this.bulkhead, this.breaker, retries).execute(({ signal }) => attempt(signal));
    } catch (error) {
      // Out of time while waiting to retry: the provider's own failure says more than "timeout".
      throw error instanceof TaskCancelledError && lastFailure ? lastFailure : this.translate(error);
    }
  }

  /** Retry transient failures, and a 429 whose Retry-After still fits before the deadline. */
  private worthRetrying(error: Error, deadline: number): boolean {
    if (!(error instanceof GatewayError)) return false;
    const remaining = deadline - performance.now();
    if (error.code === ErrorCode.RateLimited) {
      const retryAfter = error.extensions.retryAfter;
      return typeof retryAfter === 'number' && retryAfter * 1000 < remaining;
    }
    return error.retryable && remaining > this.settings.retryBaseDelayMs;
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
