// HTTP to one upstream origin: the pooled keep-alive undici connections, the headers every call carries, content
// codings and the body size cap. It knows nothing of providers, accounts or the contract's error codes: a body it
// will not read is a BodyRefusal, a failed connection is undici's own error (upstream/statusErrors.ts maps both).
import { Pool, type Dispatcher } from 'undici';
import { pipeline, Duplex, Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';
import type { ResponseHeaders } from './resilience.js';

/** The content codings the gateway asks for (Accept-Encoding) and decodes; identity is always acceptable. */
export const ACCEPTED_CODINGS = 'gzip, deflate, br';

/** Sent with every call; the caller's headers come after and may replace them. */
const REQUEST_HEADERS = { accept: 'application/json', 'accept-encoding': ACCEPTED_CODINGS } as const;

/** Why the transport would not read a body, as logged (`reason`). */
export type BodyRefusalReason = 'larger than the cap' | 'content coding not supported' | 'content coding could not be decoded';

/** A body the transport refused to read (too large, or in a coding it does not read); nothing of the body is kept. */
export class BodyRefusal extends Error {
  constructor(
    readonly reason: BodyRefusalReason,
    readonly detail: { cause?: unknown; coding?: string } = {},
  ) {
    super(`body refused: ${reason}`);
    this.name = 'BodyRefusal';
  }
}

export interface TransportOptions {
  baseUrl: URL;
  /** Time limit of connecting, of the headers and of the body, each. */
  timeoutMs: number;
  /** Most concurrent connections to the origin. */
  maxConnections: number;
  /** Largest body read, in bytes, both as sent and as decoded. */
  maxBodyBytes: number;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, from pathFor. */
  path: string;
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  signal: AbortSignal;
}

export class Transport {
  /** The base URL's path without its trailing slashes: every request path starts with it. */
  readonly basePath: string;
  private readonly pool: Pool;

  constructor(private readonly options: TransportOptions) {
    this.basePath = options.baseUrl.pathname.replace(/\/+$/, '');
    this.pool = new Pool(options.baseUrl.origin, {
      connections: options.maxConnections,
      keepAliveTimeout: 10_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    });
  }

  /** base/<segments, each percent-encoded>?query: a segment can never leave its place in the path. */
  pathFor(segments: readonly string[], query?: Readonly<Record<string, string>>): string {
    const path = `${this.basePath}/${segments.map(encodeURIComponent).join('/')}`;
    const search = query ? new URLSearchParams(query).toString() : '';
    return search ? `${path}?${search}` : path;
  }

  /** Sends one request: status, headers and the unread body (read it with readText, or dump it). */
  request({ method, path, headers, body, signal }: TransportRequest): Promise<Dispatcher.ResponseData> {
    return this.pool.request({ method, path, headers: { ...REQUEST_HEADERS, ...headers }, body, signal });
  }

  /**
   * The body as text, decoded from the content codings Content-Encoding lists (gzip, x-gzip, deflate, br, identity;
   * several are undone in reverse order), streaming. maxBodyBytes caps the body both as sent and as decoded: reading
   * stops as soon as either passes it, so a 50 KB gzip body that would inflate to 50 MB is refused after inflating
   * at most the cap. Throws a BodyRefusal for a body over the cap, a coding the gateway did not ask for, or a body
   * its coding cannot decode; a failure of the connection itself is rethrown as it is.
   */
  async readText(body: Readable, headers: ResponseHeaders): Promise<string> {
    const max = this.options.maxBodyBytes;
    const length = first(headers['content-length']);
    if (length !== undefined && Number(length) > max) {
      discard(body);
      throw new BodyRefusal('larger than the cap');
    }
    const codings = contentCodings(headers['content-encoding']);
    if (!Array.isArray(codings)) {
      discard(body);
      throw new BodyRefusal('content coding not supported', { coding: codings.unsupported });
    }
    if (codings.length === 0) return collect(body, max, body);
    let sent = 0;
    const capSent = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        sent += chunk.length;
        if (sent > max) done(new BodyRefusal('larger than the cap'));
        else done(null, chunk);
      },
    });
    const decoders = [...codings].reverse().map(decoderFor);
    const decoded = pipeline([body, capSent, ...decoders], () => undefined) as unknown as Readable;
    try {
      return await collect(decoded, max, decoded);
    } catch (error) {
      if (error instanceof BodyRefusal || !isDecodingError(error)) throw error;
      throw new BodyRefusal('content coding could not be decoded', { cause: error });
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Every chunk of `stream` as UTF-8 text, stopping (and destroying `stream`) once `max` bytes are passed. */
async function collect(chunksOf: AsyncIterable<Buffer>, max: number, stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunksOf) {
    size += chunk.length;
    if (size > max) {
      const refused = new BodyRefusal('larger than the cap');
      discard(stream);
      throw refused;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Stops reading a body and closes its connection; the abort error undici then emits has nobody to tell. */
function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

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
