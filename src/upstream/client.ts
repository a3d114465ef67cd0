// One pooled keep-alive HTTP client per provider: time limit, size cap, credentials, and the mapping of
// upstream failures to contract error codes. Nothing from upstream (URL, headers, body) reaches a message.
import { Pool } from 'undici';
import type { Logger } from 'pino';
import { pipeline, Duplex, Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';
import type { AccountProvider } from '../generated/resolvers-types.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { createHmac } from 'node:crypto';
import { ProviderPolicy, parseRetryAfterHeader, retryAfterSeconds, type CircuitStateName, type ResilienceSettings, type ResponseHeaders } from './resilience.js';
import { DuplicateKeyError, MalformedJsonError, parseJson } from './exactJson.js';
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
  cache?: {
    store: SharedStore;
    ttlMs: number;
    /** Server secret keying the credential part of cache keys (HMAC): a leaked key reveals no credential. */
    keySecret: string;
  };
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
    const parse = options.parse ?? parseJson;
    const source: BodySource = { method: 'GET', path, request: options.request };
    const cacheKey = this.options.cache ? this.cacheKey(path, options.headers) : undefined;
    if (cacheKey && !options.noCache) {
      const cached = await this.readCache(cacheKey);
      this.options.observer?.onCacheLookup({ provider: this.provider, hit: cached !== undefined });
      if (cached) return { body: this.parse(cached.text, parse, source), fetchedAt: cached.fetchedAt, cached: true };
      // The same resource already on its way for the same credentials: share that call, do not start another.
      const pending = this.inFlight.get(cacheKey);
      if (pending) {
        const entry = await pending;
        return { body: this.parse(entry.text, parse, source), fetchedAt: entry.fetchedAt, cached: true };
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
    const source: BodySource = { method: 'GET', path, request: options.request };
    try {
      const text = await this.policy.execute((signal) => this.observed('GET', options.request, (answered) => this.attempt(path, options, signal, answered)));
      const fetchedAt = new Date().toISOString();
      const body = this.parse(text, parse, source);
      if (cacheKey) await this.writeCache(cacheKey, { text, fetchedAt });
      return { text, fetchedAt, body };
    } catch (error) {
      const mapped = error instanceof GatewayError ? error : this.transportError(error, undefined);
      this.loggerFor(options.request).warn(
        { provider: this.provider, path: withoutQuery(path), route: this.routeOf(source), code: mapped.code, ms: Math.round(performance.now() - started), reason: describe(mapped) },
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
        headers: { ...REQUEST_HEADERS, ...options.request?.headers, ...this.options.headers, ...options.headers },
        signal,
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
        throw this.statusError(status, undefined);
      }
      if (status < 200 || status > 299) {
        const retryAfter = status === 429 ? retryAfterSeconds(response.headers) : undefined;
        await response.body.dump().catch(() => undefined);
        throw this.statusError(status, retryAfter);
      }
      return await this.readBody(response.body, response.headers, source);
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
    // An HMAC under a server secret, not a plain digest: a cache key read from Redis cannot be tried against guesses.
    const identity = createHmac('sha256', this.options.cache?.keySecret ?? '').update(credentials).digest('base64url').slice(0, 22);
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
              ...REQUEST_HEADERS,
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
            throw this.statusError(status, retryAfter);
          }
          const source: BodySource = { method, path, request: options.request };
          const text = await this.readBody(response.body, response.headers, source);
          const changed = status >= 200 && status <= 299;
          if (changed && method !== 'POST') await this.forget(path, options.headers);
          return { status, body: text ? this.parseSent(text, options.parse ?? parseJson, changed, source) : undefined };
        } catch (error) {
          throw error instanceof GatewayError ? error : this.transportError(error, signal);
        }
      }), { idempotent });
    } catch (error) {
      const mapped = error instanceof GatewayError ? error : this.transportError(error, undefined);
      this.loggerFor(options.request).warn(
        { provider: this.provider, method, path: withoutQuery(path), route: this.routeOf({ method, path }), code: mapped.code, reason: describe(mapped) },
        'upstream change failed',
      );
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
    return this.pool.close();
  }

  private pathFor(segments: readonly string[], query?: Readonly<Record<string, string>>): string {
    const path = `${this.basePath}/${segments.map(encodeURIComponent).join('/')}`;
    const search = query ? new URLSearchParams(query).toString() : '';
    return search ? `${path}?${search}` : path;
  }

  /**
   * The body as text, decoded from the content codings Content-Encoding lists (gzip, x-gzip, deflate, br, identity;
   * several are undone in reverse order), streaming. maxBodyBytes caps the body both as sent and as decoded: reading
   * stops as soon as either passes it, so a 50 KB gzip body that would inflate to 50 MB is refused after inflating
   * at most the cap. Refused with UPSTREAM_ERROR, and reported (log and metric, field `(body)`): a body over the cap,
   * a coding the gateway did not ask for, or a body its coding cannot decode. A failure of the connection itself
   * is rethrown as it is (the caller maps it to "could not be reached" or a time-out).
   */
  private async readBody(body: Readable, headers: ResponseHeaders, source: BodySource): Promise<string> {
    const max = this.options.maxBodyBytes;
    const length = first(headers['content-length']);
    if (length !== undefined && Number(length) > max) {
      discard(body);
      throw this.refuseBody(source, 'larger than the cap');
    }
    const codings = contentCodings(headers['content-encoding']);
    if (!Array.isArray(codings)) {
      discard(body);
      throw this.refuseBody(source, 'content coding not supported', { coding: codings.unsupported });
    }
    if (codings.length === 0) return this.collect(body, max, body, source);
    let sent = 0;
    const capSent = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        sent += chunk.length;
        if (sent > max) done(this.refuseBody(source, 'larger than the cap'));
        else done(null, chunk);
      },
    });
    const decoders = [...codings].reverse().map(decoderFor);
    const decoded = pipeline([body, capSent, ...decoders], () => undefined) as unknown as Readable;
    try {
      return await this.collect(decoded, max, decoded, source);
    } catch (error) {
      if (error instanceof GatewayError || !isDecodingError(error)) throw error;
      throw this.refuseBody(source, 'content coding could not be decoded', { cause: error });
    }
  }

  /** Every chunk of `stream` as UTF-8 text, stopping (and destroying `stream`) once `max` bytes are passed. */
  private async collect(chunksOf: AsyncIterable<Buffer>, max: number, stream: Readable, source: BodySource): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of chunksOf) {
      size += chunk.length;
      if (size > max) {
        const refused = this.refuseBody(source, 'larger than the cap');
        discard(stream);
        throw refused;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
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
  private refuseBody(source: BodySource, reason: BodyRefusal, detail: { cause?: unknown; field?: string; coding?: string } = {}): GatewayError {
    const coding = detail.coding !== undefined && /^[a-z0-9._+-]{1,32}$/i.test(detail.coding) ? ` (${detail.coding})` : '';
    this.reportWire({ outcome: 'refused', route: this.routeOf(source), fields: [detail.field ?? '(body)'], reason: reason + coding }, source.request);
    return this.error(ErrorCode.UpstreamError, `${this.name} ${REFUSAL_MESSAGES[reason]}`, { cause: detail.cause });
  }

  /**
   * The route template of a call, for logs and metrics: the method and the path below the base URL, without its
   * query, each segment that is not a word of a provider's API (ROUTE_WORDS) written `{id}` so that no account id
   * or user name reaches a metric label (`GET /v1/organizations/{id}/ledgers/{id}/accounts/{id}/balances`).
   */
  private routeOf({ method, path }: Pick<BodySource, 'method' | 'path'>): string {
    const below = withoutQuery(path).slice(this.basePath.length);
    return `${method} ${below.split('/').map((segment) => (segment === '' || ROUTE_WORDS.has(segment) ? segment : '{id}')).join('/') || '/'}`;
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

/**
 * Retry-After as whole seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. A 429's wait
 * also comes from the rate-limit reset headers: see retryAfterSeconds in resilience.ts.
 */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  return parseRetryAfterHeader(first(header), now);
}

/** The content codings the gateway asks for (Accept-Encoding) and decodes; identity is always acceptable. */
export const ACCEPTED_CODINGS = 'gzip, deflate, br';

/** Sent with every call; configured and per-call headers come after and may replace them. */
const REQUEST_HEADERS = { accept: 'application/json', 'accept-encoding': ACCEPTED_CODINGS } as const;

/** Where a body came from, for reports of its refusal. */
interface BodySource {
  method: string;
  /** The request path, query included (it is dropped before anything is logged). */
  path: string;
  request?: RequestCall | undefined;
}

/** Why a body was refused, as logged (`reason`), and what the caller is told. */
type BodyRefusal = 'larger than the cap' | 'content coding not supported' | 'content coding could not be decoded' | 'not valid JSON' | 'duplicate key';

const REFUSAL_MESSAGES: Readonly<Record<BodyRefusal, string>> = {
  'larger than the cap': 'sent a response larger than the gateway accepts.',
  'content coding not supported': 'sent a response in a content coding the gateway does not read.',
  'content coding could not be decoded': 'sent a compressed response that could not be decoded.',
  'not valid JSON': 'sent a response that is not valid JSON.',
  'duplicate key': 'sent a response with a key given twice with different values.',
};

/**
 * Path segments route templates keep as they are: the words of the five providers' APIs (Midaz, Horizon,
 * libeufin-bank, Conduit, the Interledger connector). Anything else in a path is an id and reads `{id}`.
 */
const ROUTE_WORDS: ReadonlySet<string> = new Set([
  'v1', 'v2', 'organizations', 'ledgers', 'accounts', 'account', 'balances', 'balance', 'alias', 'external',
  'portfolios', 'segments', 'assets', 'metadata', 'clients', 'customers', 'config', 'monitor', 'public-accounts',
  'transactions', 'withdrawals', 'cashouts', 'conversion-info', 'token', 'challenge', 'routes', 'settlements',
  'operations', 'payments', 'offers', 'trades', 'effects', 'data', 'claimable_balances', 'liquidity_pools',
]);

/** Stops reading a body and closes its connection; the abort error undici then emits has nobody to tell. */
function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

const withoutQuery = (path: string): string => path.split('?', 1)[0] ?? path;
const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The codings a Content-Encoding header lists, in the order they were applied, lower-case, without identity
 * (`x-gzip` reads as gzip, RFC 9110 §8.4.1.3); `{ unsupported }` names the first coding the gateway does not read.
 */
export function contentCodings(header: string | string[] | undefined): string[] | { unsupported: string } {
  const codings: string[] = [];
  for (const value of Array.isArray(header) ? header : header === undefined ? [] : [header]) {
    for (const part of value.split(',')) {
      const coding = part.trim().toLowerCase();
      if (coding === '' || coding === 'identity') continue;
      if (coding === 'gzip' || coding === 'x-gzip') codings.push('gzip');
      else if (coding === 'deflate' || coding === 'br') codings.push(coding);
      else return { unsupported: coding };
    }
  }
  return codings;
}

/** A streaming decoder for one coding contentCodings accepted. */
function decoderFor(coding: string): Duplex {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'br') return createBrotliDecompress();
  return new DeflateDecoder();
}

/** An error of zlib or brotli (the body does not decode), as opposed to one of the connection. */
function isDecodingError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(Z_|ERR__ERROR|ERR_BROTLI|ERR_ZLIB)/.test(code);
}

/**
 * "deflate" as RFC 9110 §8.4.1.2 defines it is a zlib stream (RFC 1950); some servers send a raw deflate stream
 * (RFC 1951) under that name. The first two bytes tell which (a zlib header is method 8 and a multiple of 31);
 * the matching inflater then runs with the stream's backpressure, so the size cap holds for either.
 */
class DeflateDecoder extends Duplex {
  private inner: Inflate | InflateRaw | undefined;
  private head: Buffer = Buffer.alloc(0);

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (!this.inner) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 2) return done();
      chunk = this.head;
      this.start();
    }
    if (this.inner!.write(chunk)) done();
    else this.inner!.once('drain', () => done());
  }

  override _final(done: (error?: Error | null) => void): void {
    if (!this.inner && this.head.length === 0) {
      this.push(null);
      return done();
    }
    if (!this.inner) {
      this.start();
      this.inner!.write(this.head);
    }
    this.inner!.end();
    done();
  }

  override _read(): void {
    this.inner?.resume();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.inner?.destroy();
    done(error);
  }

  private start(): void {
    const [first = 0, second = 0] = this.head;
    const zlibWrapped = (first & 0x0f) === 8 && first >> 4 <= 7 && ((first << 8) | second) % 31 === 0;
    const inner = zlibWrapped ? createInflate() : createInflateRaw();
    inner.on('data', (data: Buffer) => {
      if (!this.push(data)) inner.pause();
    });
    inner.once('end', () => this.push(null));
    inner.once('error', (error) => this.destroy(error));
    this.inner = inner;
  }
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
