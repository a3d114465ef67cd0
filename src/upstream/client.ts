// One client per provider: its transport (transport.ts) within its call policies (resilience.ts), its share of the
// response cache (responseCache.ts), the mapping of failures to contract error codes (statusErrors.ts), and the
// per-request views provider modules call through (requestView.ts). It knows a provider only by its value and label.
import type { Logger } from 'pino';
import type { AccountProvider } from '../generated/resolvers-types.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { ProviderPolicy, retryAfterSeconds, type CircuitStateName, type ResilienceSettings } from './resilience.js';
import { DuplicateKeyError, MalformedJsonError, parseJson } from './exactJson.js';
import type { RequestScope } from '../ops/requestScope.js';
import type { WireIssue } from './wire.js';
import { BodyRefusal, Transport } from './transport.js';
import { ResponseCache, type CacheEntry, type ResponseCacheSettings } from './responseCache.js';
import { describe, UpstreamErrors, USER_ERROR_STATUSES, type BodyRefusalKind, type ErrorExtra } from './statusErrors.js';
import { requestView, type ProviderClient, type RequestBinding, type RequestCall } from './requestView.js';
import { routeTemplate, withoutQuery } from './routes.js';
import type { Readable } from 'node:stream';
import type { ResponseHeaders } from './resilience.js';
import { isEventStream, openEventStream, readEvents, EventStreamError, type ServerSentEvent } from './eventStream.js';

export type { ProviderClient, RequestBinding } from './requestView.js';

export interface UpstreamClientOptions {
  provider: AccountProvider;
  /** The provider's name in messages and logs ("Taler has no such account."): its identity's label. */
  label: string;
  /** Send the gateway request's id as X-Request-Id (its identity's acceptsRequestId); off by default. */
  acceptsRequestId?: boolean;
  baseUrl: URL;
  timeoutMs: number;
  /** Credentials and fixed headers sent with every call. */
  headers: Readonly<Record<string, string>>;
  maxBodyBytes: number;
  maxConnections: number;
  logger: Logger;
  /** Retries, breaker and bulkhead; the time limit and concurrency come from timeoutMs and maxConnections. */
  resilience?: Partial<Omit<ResilienceSettings, 'timeoutMs' | 'maxConcurrent'>>;
  /** Shared cache of successful GET responses, keyed by path and credential identity; off when absent. */
  cache?: ResponseCacheSettings;
  /** Told about every request sent and every cache lookup (metrics, traces); the client knows nothing of either. */
  observer?: UpstreamObserver;
}

/** One HTTP request to a provider (one attempt: a retried call makes several), as it ended. */
export interface UpstreamRequestEvent {
  provider: AccountProvider;
  method: string;
  /** The HTTP status, when the provider answered. */
  status?: number;
  /** The contract error code the request ended with; absent when it succeeded. */
  code?: ErrorCode;
  /** Epoch milliseconds when it started, and how long it took. */
  startedAt: number;
  ms: number;
  /** The scope of the gateway request that made it; absent outside one. */
  scope?: RequestScope | undefined;
}

export interface UpstreamObserver {
  onRequest(event: UpstreamRequestEvent): void;
  onCacheLookup(event: { provider: AccountProvider; hit: boolean }): void;
  /** A body read under the tolerant-reading rule left fields out or was refused (see upstream/wire.ts). */
  onWireIssue?(event: WireIssue & { provider: AccountProvider }): void;
}

/** The last request sent to the provider: when, and whether it answered (any HTTP status below 500). */
export interface LastRequest {
  at: Date;
  answered: boolean;
  status?: number;
  code?: ErrorCode;
}

/** A successful answer and when the provider gave it (earlier than now when it came from the cache). */
export interface Fetched {
  /** The parsed body, or undefined for 204 No Content. */
  body: unknown;
  /** ISO 8601 time the upstream answered. */
  fetchedAt: string;
  cached: boolean;
}

export const DEFAULT_RESILIENCE = {
  retries: 2,
  retryBaseDelayMs: 50,
  breakerThreshold: 5,
  breakerCooldownMs: 3_000,
  maxQueued: 10_000,
} as const satisfies Omit<ResilienceSettings, 'timeoutMs' | 'maxConcurrent'>;

export interface GetOptions {
  query?: Readonly<Record<string, string>>;
  /**
   * Body text to value: parseJson (numbers as JavaScript numbers where exact) unless the provider passes
   * parseExactJson (every number as exact decimal text). Both refuse a key given twice with different values.
   */
  parse?: (text: string) => unknown;
  /** Headers for this call only (a caller's own provider credentials), replacing the configured ones. */
  headers?: Readonly<Record<string, string>>;
  /** Read the provider even if the shared cache holds a copy (a read before a write); the answer is cached. */
  noCache?: boolean;
  /**
   * For an answer that means "nothing here" although its status is a 4xx (Midaz answers a list filter matching nothing
   * with 404 and code 0064): given the status and the parsed error body (its text when not JSON), true makes the call
   * answer like a 204 (body undefined) instead of failing. Not consulted for other statuses.
   */
  emptyIf?: (status: number, body: unknown) => boolean;
  /** Set by a per-request view (forRequest): the gateway request this call serves. */
  request?: RequestCall;
  /** Ends the call early (a long poll nobody waits for any more): it then fails like a connection failure. */
  signal?: AbortSignal;
}

export interface EventsOptions {
  query?: Readonly<Record<string, string>>;
  /** Headers for this stream only (a caller's own provider credentials), replacing the configured ones. */
  headers?: Readonly<Record<string, string>>;
  /** Sent as `Last-Event-ID`: where a dropped stream resumes. */
  lastEventId?: string | undefined;
  /** Ends the stream (the generator then returns). */
  signal: AbortSignal;
  /** Set to the provider's last `retry:` advice, in ms, as it comes. */
  retry?: { ms?: number };
  /** A stream silent for this long is ended with UPSTREAM_TIMEOUT, in ms. */
  idleTimeoutMs: number;
  /** Set by a per-request view (forRequest). */
  request?: RequestCall;
}

/** Successful answer: the parsed body, or undefined for 204 No Content. */
export type UpstreamBody = unknown;

export interface SendOptions {
  /** JSON request body. */
  json?: unknown;
  query?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
  parse?: (text: string) => unknown;
  /** Set by a per-request view (forRequest): the gateway request this call serves. */
  request?: RequestCall;
}

/** The answer to a change: 2xx, or a 4xx the provider module turns into user errors. */
export interface SentResponse {
  status: number;
  /** Parsed body; undefined when empty; the raw text when it is not JSON. */
  body: unknown;
}

/** Where a body came from, for reports of its refusal. */
interface BodySource {
  method: string;
  /** The request path, query included (it is dropped before anything is logged). */
  path: string;
  request?: RequestCall | undefined;
}

export class UpstreamClient {
  readonly provider: AccountProvider;
  readonly label: string;
  readonly acceptsRequestId: boolean;
  private readonly transport: Transport;
  private readonly errors: UpstreamErrors;
  private readonly policy: ProviderPolicy;
  private readonly cache: ResponseCache | undefined;
  private last: LastRequest | undefined;

  constructor(private readonly options: UpstreamClientOptions) {
    this.provider = options.provider;
    this.label = options.label;
    this.acceptsRequestId = options.acceptsRequestId ?? false;
    this.errors = new UpstreamErrors(options.provider, options.label, options.timeoutMs);
    this.policy = new ProviderPolicy(
      { ...DEFAULT_RESILIENCE, ...options.resilience, timeoutMs: options.timeoutMs, maxConcurrent: options.maxConnections },
      this.label,
      (code, message, extra) => this.error(code, message, extra),
    );
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxConnections: options.maxConnections,
      maxBodyBytes: options.maxBodyBytes,
    });
    this.cache = options.cache ? new ResponseCache(options.provider, options.cache) : undefined;
  }

  /** Whether calls currently go through ('closed'), fail fast ('open') or are being tried again ('half-open'). */
  get circuitState(): CircuitStateName {
    return this.policy.circuitState;
  }

  /** The last request sent upstream (cache hits excluded), for /readyz; undefined before the first. */
  get lastRequest(): LastRequest | undefined {
    return this.last;
  }

  /** GET base/<segments, each percent-encoded>?query: the parsed body; throws a GatewayError on any failure. */
  async get(segments: readonly string[], options: GetOptions = {}): Promise<UpstreamBody> {
    return (await this.fetch(segments, options)).body;
  }

  /** Like get, with the time of the upstream answer: served from the shared cache when it holds a fresh copy. */
  async fetch(segments: readonly string[], options: GetOptions = {}): Promise<Fetched> {
    const path = this.transport.pathFor(segments, options.query);
    const parse = options.parse ?? parseJson;
    const source: BodySource = { method: 'GET', path, request: options.request };
    const cache = this.cache;
    const cacheKey = cache?.key(path, this.credentials(options.headers));
    if (cache && cacheKey && !options.noCache) {
      const cached = await cache.read(cacheKey);
      this.options.observer?.onCacheLookup({ provider: this.provider, hit: cached !== undefined });
      if (cached) return { body: this.parse(cached.text, parse, source), fetchedAt: cached.fetchedAt, cached: true };
      // The same resource already on its way for the same credentials: share that call, do not start another.
      const pending = cache.pending(cacheKey);
      if (pending) {
        const entry = await pending;
        return { body: this.parse(entry.text, parse, source), fetchedAt: entry.fetchedAt, cached: true };
      }
    }
    const loading = this.load(path, options, parse, cacheKey);
    if (cache && cacheKey) cache.share(cacheKey, loading);
    const { body, fetchedAt } = await loading;
    return { body, fetchedAt, cached: false };
  }

  /**
   * A server-sent event stream (GET base/<segments>?query with `Accept: text/event-stream`), on a connection of its
   * own outside the pool and its breaker: resolves once the provider answers with an event stream, then yields its
   * events (each at most maxBodyBytes). A failure status, another content type or a silence past `idleTimeoutMs`
   * throws a GatewayError as `get` would; the signal ends it quietly.
   */
  async events(segments: readonly string[], options: EventsOptions): Promise<AsyncGenerator<ServerSentEvent>> {
    const path = this.transport.pathFor(segments, options.query);
    const url = new URL(path, this.options.baseUrl.origin);
    const source: BodySource = { method: 'GET', path, request: options.request };
    const headers = { ...this.options.headers, ...options.headers, ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) };
    const response = await this.observed('GET', options.request, async (answered) => {
      try {
        const opened = await openEventStream(url, headers, options.signal, this.options.timeoutMs);
        answered(opened.statusCode);
        if (opened.statusCode < 200 || opened.statusCode > 299) {
          await opened.body.dump().catch(() => undefined);
          throw this.errors.status(opened.statusCode, opened.statusCode === 429 ? retryAfterSeconds(opened.headers) : undefined);
        }
        if (!isEventStream(opened.headers['content-type'])) {
          // Unread and closed; the abort error undici then emits has nobody to tell.
          opened.body.on('error', () => undefined).destroy();
          throw this.refuseBody(source, 'not an event stream');
        }
        return opened;
      } catch (error) {
        throw error instanceof GatewayError ? error : this.errors.transport(error, options.signal);
      }
    });
    const limits = { maxEventBytes: this.options.maxBodyBytes, idleTimeoutMs: options.idleTimeoutMs };
    const errors = this.errors;
    return (async function* () {
      try {
        yield* readEvents(response.body, limits, options.retry);
      } catch (error) {
        if (options.signal.aborted) return;
        if (error instanceof EventStreamError && error.reason === 'silent too long')
          throw errors.error(ErrorCode.UpstreamTimeout, 'The event stream went silent.');
        if (error instanceof EventStreamError) throw errors.refusal('larger than the cap');
        throw errors.transport(error, options.signal);
      }
    })();
  }

  /** The upstream call within the provider's policies: parsed, and cached when caching is on. */
  private async load(
    path: string,
    options: GetOptions,
    parse: (text: string) => unknown,
    cacheKey: string | undefined,
  ): Promise<CacheEntry & { body: unknown }> {
    const started = performance.now();
    const source: BodySource = { method: 'GET', path, request: options.request };
    try {
      const text = await this.policy.execute((signal) =>
        this.observed('GET', options.request, (answered) => this.attempt(path, options, signal, answered), options.signal),
      );
      const fetchedAt = new Date().toISOString();
      const body = this.parse(text, parse, source);
      if (cacheKey) await this.cache?.write(cacheKey, { text, fetchedAt });
      return { text, fetchedAt, body };
    } catch (error) {
      const mapped = error instanceof GatewayError ? error : this.errors.transport(error, undefined);
      if (options.signal?.aborted) throw mapped;
      this.loggerFor(options.request).warn(
        {
          provider: this.provider,
          path: withoutQuery(path),
          route: this.routeOf(source),
          code: mapped.code,
          ms: Math.round(performance.now() - started),
          reason: describe(mapped),
        },
        'upstream call failed',
      );
      throw mapped;
    }
  }

  /** One try: the request, its status, its body text (null for 204). */
  private async attempt(path: string, options: GetOptions, signal: AbortSignal, answered: (status: number) => void): Promise<string | null> {
    try {
      const response = await this.transport.request({
        method: 'GET',
        path,
        headers: { ...options.request?.headers, ...this.options.headers, ...options.headers },
        signal: options.signal ? AbortSignal.any([signal, options.signal]) : signal,
      });
      const status = response.statusCode;
      answered(status);
      if (status === 204) {
        await response.body.dump();
        return null;
      }
      const source: BodySource = { method: 'GET', path, request: options.request };
      if (options.emptyIf && status >= 400 && status <= 499 && status !== 429) {
        const text = await this.readBody(response.body, response.headers, source).catch(() => '');
        if (options.emptyIf(status, parseLeniently(text, options.parse ?? parseJson))) return null;
        throw this.errors.status(status, undefined);
      }
      if (status < 200 || status > 299) {
        const retryAfter = status === 429 ? retryAfterSeconds(response.headers) : undefined;
        await response.body.dump().catch(() => undefined);
        throw this.errors.status(status, retryAfter);
      }
      return await this.readBody(response.body, response.headers, source);
    } catch (error) {
      // Cancelled by whoever made the call (a live watcher that stopped): no failure of the provider's, never retried.
      if (options.signal?.aborted && !signal.aborted) throw this.error(ErrorCode.UpstreamError, 'The call was cancelled.');
      throw error instanceof GatewayError ? error : this.errors.transport(error, signal);
    }
  }

  /** Runs one request, then records how it ended (for /readyz) and tells the observer (with the request's scope). */
  private async observed<T>(
    method: string,
    call: RequestCall | undefined,
    request: (answered: (status: number) => void) => Promise<T>,
    cancel?: AbortSignal,
  ): Promise<T> {
    const startedAt = Date.now();
    const started = performance.now();
    let status: number | undefined;
    let code: ErrorCode | undefined;
    try {
      return await request((answer) => (status = answer));
    } catch (error) {
      code = error instanceof GatewayError ? error.code : ErrorCode.UpstreamError;
      throw error;
    } finally {
      // A call its caller cancelled says nothing of the provider: not recorded, not counted.
      if (!cancel?.aborted) this.record(method, status, code, startedAt, started, call);
    }
  }

  /** What a request ended with, for /readyz (the last request) and the observer (metrics, traces). */
  private record(
    method: string,
    status: number | undefined,
    code: ErrorCode | undefined,
    startedAt: number,
    started: number,
    call: RequestCall | undefined,
  ): void {
    this.last = {
      at: new Date(),
      answered: status !== undefined && status < 500,
      ...(status === undefined ? {} : { status }),
      ...(code ? { code } : {}),
    };
    this.options.observer?.onRequest({
      provider: this.provider,
      method,
      status,
      code,
      startedAt,
      ms: performance.now() - started,
      scope: call?.scope,
    });
  }

  /** The credentials in effect for a call: the configured headers, replaced by the caller's own where sent. */
  private credentials(callerHeaders: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
    return { ...this.options.headers, ...callerHeaders };
  }

  /**
   * A change (POST, PUT, PATCH, DELETE) with a JSON body. 2xx and the client-error statuses a caller can act on
   * (400, 404, 409, 422) are returned; anything else throws like `get`. POST and PATCH are never retried.
   */
  async send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', segments: readonly string[], options: SendOptions = {}): Promise<SentResponse> {
    const path = this.transport.pathFor(segments, options.query);
    const idempotent = method === 'PUT' || method === 'DELETE';
    try {
      return await this.policy.execute(
        (signal) =>
          this.observed(method, options.request, async (answered) => {
            try {
              const response = await this.transport.request({
                method,
                path,
                headers: {
                  ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
                  ...options.request?.headers,
                  ...this.options.headers,
                  ...options.headers,
                },
                body: options.json === undefined ? undefined : JSON.stringify(options.json),
                signal,
              });
              const status = response.statusCode;
              answered(status);
              if ((status < 200 || status > 299) && !USER_ERROR_STATUSES.has(status)) {
                const retryAfter = status === 429 ? retryAfterSeconds(response.headers) : undefined;
                await response.body.dump().catch(() => undefined);
                throw this.errors.status(status, retryAfter);
              }
              const source: BodySource = { method, path, request: options.request };
              const text = await this.readBody(response.body, response.headers, source);
              const changed = status >= 200 && status <= 299;
              // Drops the cached copy of a resource this caller just changed (other callers' copies expire with their TTL).
              if (changed && method !== 'POST' && this.cache) await this.cache.forget(this.cache.key(path, this.credentials(options.headers)));
              return { status, body: text ? this.parseSent(text, options.parse ?? parseJson, changed, source) : undefined };
            } catch (error) {
              throw error instanceof GatewayError ? error : this.errors.transport(error, signal);
            }
          }),
        { idempotent },
      );
    } catch (error) {
      const mapped = error instanceof GatewayError ? error : this.errors.transport(error, undefined);
      this.loggerFor(options.request).warn(
        {
          provider: this.provider,
          method,
          path: withoutQuery(path),
          route: this.routeOf({ method, path }),
          code: mapped.code,
          reason: describe(mapped),
        },
        'upstream change failed',
      );
      throw mapped;
    }
  }

  /**
   * The same client for one gateway request: shares pool, policies and cache, never the headers. Calls carry the
   * caller's credentials, the request id (to providers that accept one), the request's scope and logger.
   */
  forRequest(binding: RequestBinding): ProviderClient {
    return requestView(this, binding);
  }

  /**
   * Tells operators what a body read left out: a log line with the provider, the route template and the field paths
   * (never their values), and the observer (a metric per provider and field).
   */
  reportWire(issue: WireIssue & { reason?: string }, request?: RequestCall): void {
    const message = issue.outcome === 'refused' ? 'upstream body refused' : 'upstream fields degraded';
    const { reason, ...counted } = issue;
    this.loggerFor(request).warn({ provider: this.provider, route: issue.route, fields: issue.fields, ...(reason ? { reason } : {}) }, message);
    this.options.observer?.onWireIssue?.({ provider: this.provider, ...counted });
  }

  private loggerFor(request: RequestCall | undefined): Logger {
    return request?.logger ?? this.options.logger;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /**
   * The body as text (see Transport.readText). A body over the cap, in a coding the gateway did not ask for, or that its
   * coding cannot decode is refused with UPSTREAM_ERROR and reported (log and metric, field `(body)`). A failure of
   * the connection itself is rethrown as it is (the caller maps it to "could not be reached" or a time-out).
   */
  private async readBody(body: Readable, headers: ResponseHeaders, source: BodySource): Promise<string> {
    try {
      return await this.transport.readText(body, headers);
    } catch (error) {
      if (error instanceof BodyRefusal) throw this.refuseBody(source, error.reason, error.detail);
      throw error;
    }
  }

  /**
   * The body text read with `parse`. A body that is not JSON, or holds a key twice with different values (see
   * exactJson.ts), is refused with UPSTREAM_ERROR and reported: the route template, the field (`(body)`, or the
   * duplicated key's path) and the reason, never the body.
   */
  private parse(text: string | null, parse: (text: string) => unknown, source: BodySource): unknown {
    if (text === null) return undefined;
    try {
      return parse(text);
    } catch (cause) {
      throw this.refuseUnreadable(cause, source);
    }
  }

  /**
   * The body of a change's answer: like parse for a 2xx, except that text which is not JSON is handed over as it
   * is (the provider module's schema refuses it, or an empty success carries a word); a 4xx error body is read
   * leniently (its text when it is not JSON), and a duplicate key in it leaves it as text too.
   */
  private parseSent(text: string, parse: (text: string) => unknown, success: boolean, source: BodySource): unknown {
    try {
      return parse(text);
    } catch (cause) {
      if (success && cause instanceof DuplicateKeyError) throw this.refuseUnreadable(cause, source);
      return text;
    }
  }

  private refuseUnreadable(cause: unknown, source: BodySource): GatewayError {
    if (cause instanceof DuplicateKeyError) return this.refuseBody(source, 'duplicate key', { cause, field: cause.field });
    // Only the gateway's own parser errors are safe to keep: JSON.parse's messages quote the body.
    return this.refuseBody(source, 'not valid JSON', { cause: cause instanceof MalformedJsonError ? cause : undefined });
  }

  /**
   * Reports a refused body (a log line with the provider, route template, field and reason, and the wire metric;
   * nothing from the body) and makes its UPSTREAM_ERROR. `coding` is logged only when it is a plain token.
   */
  private refuseBody(source: BodySource, reason: BodyRefusalKind, detail: { cause?: unknown; field?: string; coding?: string } = {}): GatewayError {
    const coding = detail.coding !== undefined && /^[a-z0-9._+-]{1,32}$/i.test(detail.coding) ? ` (${detail.coding})` : '';
    this.reportWire({ outcome: 'refused', route: this.routeOf(source), fields: [detail.field ?? '(body)'], reason: reason + coding }, source.request);
    return this.errors.refusal(reason, detail.cause);
  }

  /** The route template of a call, for logs and metrics (see routes.ts). */
  private routeOf({ method, path }: Pick<BodySource, 'method' | 'path'>): string {
    return routeTemplate(method, path, this.transport.basePath);
  }

  /** An error attributed to this provider. */
  error(code: ErrorCode, message: string, extra: ErrorExtra = {}): GatewayError {
    return this.errors.error(code, message, extra);
  }
}

/** An error body may not be JSON (an HTML page, plain text): keep its text for the provider module to ignore. */
function parseLeniently(text: string, parse: (text: string) => unknown): unknown {
  try {
    return parse(text);
  } catch {
    return text;
  }
}
