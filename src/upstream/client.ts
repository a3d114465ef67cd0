// One pooled keep-alive HTTP client per provider: time limit, size cap, credentials, and the mapping of
// upstream failures to contract error codes. Nothing from upstream (URL, headers, body) reaches a message.
import { Pool } from 'undici';
import type { Logger } from 'pino';
import type { AccountProvider } from '../generated/resolvers-types.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { createHash } from 'node:crypto';
import { ProviderPolicy, type CircuitStateName, type ResilienceSettings } from './resilience.js';
import type { SharedStore } from '../cache/store.js';
import { ACCEPTS_REQUEST_ID, REQUEST_ID_HEADER, type RequestScope } from '../ops/requestScope.js';
import type { WireIssue } from './wire.js';

export const PROVIDER_NAMES: Readonly<Record<AccountProvider, string>> = {
  INTERLEDGER: 'Interledger',
  STELLAR: 'Stellar',
  TALER: 'Taler',
  CONDUIT: 'Conduit',
  MIDAZ: 'Midaz',
};

export interface UpstreamClientOptions {
  provider: AccountProvider;
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
  cache?: { store: SharedStore; ttlMs: number };
  /** Told about every request sent and every cache lookup (metrics, traces); the client knows nothing of either. */
  observer?: UpstreamObserver;
}

/** The gateway request a per-request view serves (see forRequest); every part is optional. */
export interface RequestBinding {
  /** The caller's own provider credentials, replacing the configured ones (and part of the cache key). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Sent as X-Request-Id to providers that accept one (ACCEPTS_REQUEST_ID); never part of the cache key. */
  requestId?: string | undefined;
  /** Handed to the observer with each upstream request (tracing parents its span under the operation's). */
  scope?: RequestScope | undefined;
  /** Logs this request's upstream failures (the request's logger, with its id); the client's own otherwise. */
  logger?: Logger | undefined;
}

/** What a per-request view adds to each call it makes: no credentials, so nothing here is in the cache key. */
interface RequestCall {
  headers: Readonly<Record<string, string>> | undefined;
  scope: RequestScope | undefined;
  logger: Logger | undefined;
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

interface CacheEntry {
  text: string | null;
  fetchedAt: string;
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
  /** Body text to value; JSON.parse unless the provider needs numbers kept exact. */
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
}

/** Successful answer: the parsed body, or undefined for 204 No Content. */
export type UpstreamBody = unknown;

/** What provider modules use: calls to one provider, and errors attributed to it. */
export type ProviderClient = Pick<UpstreamClient, 'provider' | 'get' | 'fetch' | 'send' | 'error' | 'reportWire'>;

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

/** Statuses a mutation answers to its caller as user errors rather than failing with an error code. */
const USER_ERROR_STATUSES = new Set([400, 404, 409, 422]);

export class UpstreamClient {
  readonly provider: AccountProvider;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly name: string;
  private readonly policy: ProviderPolicy;
  /** Cached resources being read right now, so concurrent misses make one call. */
  private readonly inFlight = new Map<string, Promise<CacheEntry>>();
  private last: LastRequest | undefined;

  constructor(private readonly options: UpstreamClientOptions) {
    this.provider = options.provider;
    this.name = PROVIDER_NAMES[options.provider];
    this.policy = new ProviderPolicy(
      { ...DEFAULT_RESILIENCE, ...options.resilience, timeoutMs: options.timeoutMs, maxConcurrent: options.maxConnections },
      this.name,
      (code, message, extra) => this.error(code, message, extra),
    );
    this.basePath = options.baseUrl.pathname.replace(/\/+$/, '');
    this.pool = new Pool(options.baseUrl.origin, {
      connections: options.maxConnections,
      keepAliveTimeout: 10_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    });
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
    const path = this.pathFor(segments, options.query);
    const parse = options.parse ?? JSON.parse;
    const cacheKey = this.options.cache ? this.cacheKey(path, options.headers) : undefined;
    if (cacheKey && !options.noCache) {
      const cached = await this.readCache(cacheKey);
      this.options.observer?.onCacheLookup({ provider: this.provider, hit: cached !== undefined });
      if (cached) return { body: this.parse(cached.text, parse), fetchedAt: cached.fetchedAt, cached: true };
      // The same resource already on its way for the same credentials: share that call, do not start another.
      const pending = this.inFlight.get(cacheKey);
      if (pending) {
        const entry = await pending;
        return { body: this.parse(entry.text, parse), fetchedAt: entry.fetchedAt, cached: true };
      }
    }
    const loading = this.load(path, options, parse, cacheKey);
    if (cacheKey) {
      const shared = loading.then(({ text, fetchedAt }) => ({ text, fetchedAt }));
      // Waiters rethrow a failure from `shared`; with none, it must not surface as an unhandled rejection.
      shared.catch(() => undefined);
      this.inFlight.set(cacheKey, shared);
      void loading.then(
        () => this.inFlight.delete(cacheKey),
        () => this.inFlight.delete(cacheKey),
      );
    }
    const { body, fetchedAt } = await loading;
    return { body, fetchedAt, cached: false };
  }

  /** The upstream call within the provider's policies: parsed, and cached when caching is on. */
  private async load(
    path: string,
    options: GetOptions,
    parse: (text: string) => unknown,
    cacheKey: string | undefined,
  ): Promise<CacheEntry & { body: unknown }> {
    const started = performance.now();
    try {
      const text = await this.policy.execute((signal) => this.observed('GET', options.request, (answered) => this.attempt(path, options, signal, answered)));
      const fetchedAt = new Date().toISOString();
      const body = this.parse(text, parse);
      if (cacheKey) await this.writeCache(cacheKey, { text, fetchedAt });
      return { text, fetchedAt, body };
    } catch (error) {
      const mapped = error instanceof GatewayError ? error : this.transportError(error, undefined);
      this.loggerFor(options.request).warn(
        { provider: this.provider, path, code: mapped.code, ms: Math.round(performance.now() - started), reason: describe(mapped) },
        'upstream call failed',
      );
      throw mapped;
    }
  }

  /** One try: the request, its status, its body text (null for 204). */
  private async attempt(path: string, options: GetOptions, signal: AbortSignal, answered: (status: number) => void): Promise<string | null> {
    try {
      const response = await this.pool.request({
        method: 'GET',
        path,
        headers: { accept: 'application/json', ...options.request?.headers, ...this.options.headers, ...options.headers },
        signal,
      });
      const status = response.statusCode;
      answered(status);
      if (status === 204) {
        await response.body.dump();
        return null;
      }
      if (options.emptyIf && status >= 400 && status <= 499 && status !== 429) {
        const text = await this.readBody(response.body, response.headers['content-length']).catch(() => '');
        if (options.emptyIf(status, parseLeniently(text, JSON.parse))) return null;
        throw this.statusError(status, undefined);
      }
      if (status < 200 || status > 299) {
        const retryAfter = parseRetryAfter(response.headers['retry-after']);
        await response.body.dump().catch(() => undefined);
        throw this.statusError(status, retryAfter);
      }
      return await this.readBody(response.body, response.headers['content-length']);
    } catch (error) {
      throw error instanceof GatewayError ? error : this.transportError(error, signal);
    }
  }

  /** Runs one request, then records how it ended (for /readyz) and tells the observer (with the request's scope). */
  private async observed<T>(method: string, call: RequestCall | undefined, request: (answered: (status: number) => void) => Promise<T>): Promise<T> {
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
      this.last = { at: new Date(), answered: status !== undefined && status < 500, ...(status === undefined ? {} : { status }), ...(code ? { code } : {}) };
      this.options.observer?.onRequest({ provider: this.provider, method, status, code, startedAt, ms: performance.now() - started, scope: call?.scope });
    }
  }

  /** Cache key: provider, a digest of the credentials in effect (so no caller sees another's data), and the path. */
  private cacheKey(path: string, callerHeaders: Readonly<Record<string, string>> | undefined): string {
    const credentials = JSON.stringify({ ...this.options.headers, ...callerHeaders });
    const identity = createHash('sha256').update(credentials).digest('base64url').slice(0, 22);
    return `response:${this.provider}:${identity}:${path}`;
  }

  /** Drops the cached copy of a resource this caller just changed (other callers' copies expire with their TTL). */
  private async forget(path: string, callerHeaders: Readonly<Record<string, string>> | undefined): Promise<void> {
    if (this.options.cache) await this.options.cache.store.delete(this.cacheKey(path, callerHeaders));
  }

  private async readCache(key: string): Promise<CacheEntry | undefined> {
    const raw = await this.options.cache?.store.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as CacheEntry);
  }

  private async writeCache(key: string, entry: CacheEntry): Promise<void> {
    const cache = this.options.cache;
    if (cache) await cache.store.set(key, JSON.stringify(entry), cache.ttlMs);
  }

  /**
   * A change (POST, PUT, PATCH, DELETE) with a JSON body. 2xx and the client-error statuses a caller can act on
   * (400, 404, 409, 422) are returned; anything else throws like `get`. POST and PATCH are never retried.
   */
  async send(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', segments: readonly string[], options: SendOptions = {}): Promise<SentResponse> {
    const path = this.pathFor(segments, options.query);
    const idempotent = method === 'PUT' || method === 'DELETE';
    try {
      return await this.policy.execute((signal) => this.observed(method, options.request, async (answered) => {
        try {
          const response = await this.pool.request({
            method,
            path,
            headers: {
              accept: 'application/json',
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
            const retryAfter = parseRetryAfter(response.headers['retry-after']);
            await response.body.dump().catch(() => undefined);
            throw this.statusError(status, retryAfter);
          }
          const text = await this.readBody(response.body, response.headers['content-length']);
          if (status >= 200 && status <= 299 && method !== 'POST') await this.forget(path, options.headers);
          return { status, body: text ? parseLeniently(text, options.parse ?? JSON.parse) : undefined };
        } catch (error) {
          throw error instanceof GatewayError ? error : this.transportError(error, signal);
        }
      }), { idempotent });
    } catch (error) {
      const mapped = error instanceof GatewayError ? error : this.transportError(error, undefined);
      this.loggerFor(options.request).warn({ provider: this.provider, method, path, code: mapped.code, reason: describe(mapped) }, 'upstream change failed');
      throw mapped;
    }
  }

  /**
   * The same client for one gateway request: shares pool, policies and cache, never the headers. Calls carry the
   * caller's credentials, the request id (to providers that accept one), the request's scope and logger.
   */
  forRequest({ headers, requestId, scope, logger }: RequestBinding): ProviderClient {
    const sendsId = requestId !== undefined && ACCEPTS_REQUEST_ID.has(this.provider);
    const request: RequestCall = { headers: sendsId ? { [REQUEST_ID_HEADER]: requestId } : undefined, scope, logger };
    const bind = <O extends GetOptions | SendOptions>(options: O): O => ({ ...options, headers: headers ? { ...headers, ...options.headers } : options.headers, request });
    return {
      provider: this.provider,
      error: (code, message, extra) => this.error(code, message, extra),
      reportWire: (issue) => this.reportWire(issue, request),
      get: (segments, options = {}) => this.get(segments, bind(options)),
      fetch: (segments, options = {}) => this.fetch(segments, bind(options)),
      send: (method, segments, options = {}) => this.send(method, segments, bind(options)),
    };
  }

  /**
   * Tells operators what a body read left out: a log line with the provider, the route template and the field paths
   * (never their values), and the observer (a metric per provider and field).
   */
  reportWire(issue: WireIssue, request?: RequestCall): void {
    const message = issue.outcome === 'refused' ? 'upstream body refused' : 'upstream fields degraded';
    this.loggerFor(request).warn({ provider: this.provider, route: issue.route, fields: issue.fields }, message);
    this.options.observer?.onWireIssue?.({ provider: this.provider, ...issue });
  }

  private loggerFor(request: RequestCall | undefined): Logger {
    return request?.logger ?? this.options.logger;
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private pathFor(segments: readonly string[], query?: Readonly<Record<string, string>>): string {
    const path = `${this.basePath}/${segments.map(encodeURIComponent).join('/')}`;
    const search = query ? new URLSearchParams(query).toString() : '';
    return search ? `${path}?${search}` : path;
  }

  private async readBody(body: AsyncIterable<Buffer> & { destroy(): void }, contentLength: unknown): Promise<string> {
    const max = this.options.maxBodyBytes;
    if (typeof contentLength === 'string' && Number(contentLength) > max) {
      body.destroy();
      throw this.error(ErrorCode.UpstreamError, `${this.name} sent a response larger than the gateway accepts.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > max) {
        body.destroy();
        throw this.error(ErrorCode.UpstreamError, `${this.name} sent a response larger than the gateway accepts.`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
  }

  private parse(text: string | null, parse: (text: string) => unknown): unknown {
    if (text === null) return undefined;
    try {
      return parse(text);
    } catch (cause) {
      throw this.error(ErrorCode.UpstreamError, `${this.name} sent a response that is not valid JSON.`, { cause });
    }
  }

  private statusError(status: number, retryAfter: number | undefined): GatewayError {
    switch (status) {
      case 404:
        return this.error(ErrorCode.NotFound, `${this.name} has no such account.`);
      case 401:
        return this.error(ErrorCode.Unauthenticated, `${this.name} refused the gateway's credentials.`);
      case 403:
        return this.error(ErrorCode.Forbidden, `${this.name} does not allow access to this account.`);
      case 429:
        return this.error(ErrorCode.RateLimited, `${this.name} is rate-limiting the gateway; try again later.`, {
          retryAfter,
          retryable: retryAfter !== undefined,
        });
      default:
        return this.error(ErrorCode.UpstreamError, `${this.name} answered with HTTP ${status}.`, {
          retryable: status === 502 || status === 503 || status === 504,
          providerDown: status === 502 || status === 503 || status === 504,
        });
    }
  }

  private transportError(error: unknown, signal: AbortSignal | undefined): GatewayError {
    const code = (error as { code?: string })?.code ?? '';
    if (signal?.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return this.error(ErrorCode.UpstreamTimeout, `${this.name} did not answer within ${this.options.timeoutMs} ms.`, { cause: error });
    }
    return this.error(ErrorCode.UpstreamError, `${this.name} could not be reached.`, { cause: error, retryable: true, providerDown: true });
  }

  error(
    code: ErrorCode,
    message: string,
    extra: { retryAfter?: number | undefined; cause?: unknown; retryable?: boolean; providerDown?: boolean } = {},
  ): GatewayError {
    return new GatewayError(code, message, { provider: this.provider, ...extra });
  }
}

/** Retry-After as whole seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value.trim(), 10);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** A log-safe reason: the error's own message or its cause's code, never a body or header. */
function describe(error: GatewayError): string {
  const cause = error.originalError as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}

/** An error body may not be JSON (an HTML page, plain text): keep its text for the provider module to ignore. */
function parseLeniently(text: string, parse: (text: string) => unknown): unknown {
  try {
    return parse(text);
  } catch {
    return text;
  }
}
