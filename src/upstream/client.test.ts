import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { UpstreamClient, type UpstreamObserver } from './client.js';
import { contentCodings } from './transport.js';
import { MAX_RETRY_AFTER_SECONDS, parseRetryAfter, retryAfterSeconds } from './resilience.js';
import { parseExactJson } from './exactJson.js';
import { GatewayError } from '../errors.js';

const BODY = '{"id":"GA1","balances":[{"balance":"12.5000000"}],"note":"' + 'é'.repeat(200) + '"}';
/** 48 MB of zeros in a JSON string, gzipped to about 50 KB: a body that inflates a thousandfold. */
const BOMB = gzipSync(Buffer.concat([Buffer.from('"'), Buffer.alloc(48_000_000, 0x30), Buffer.from('"')]), { level: 9 });
const encoded =
  (coding: string, body: Buffer): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding }).end(body);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  '/empty': (_req, res) => res.writeHead(204).end(),
  '/missing': (_req, res) => res.writeHead(404).end('{"detail":"secret upstream detail"}'),
  '/unauthorized': (_req, res) => res.writeHead(401).end(),
  '/forbidden': (_req, res) => res.writeHead(403).end(),
  '/limited': (_req, res) => res.writeHead(429, { 'retry-after': '7' }).end(),
  '/broken': (_req, res) => res.writeHead(503).end('<html>upstream stack trace</html>'),
  '/garbage': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"truncated": '),
  '/huge': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(5000)}"`),
  '/huge-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(`"${'x'.repeat(3000)}`);
    res.end(`${'x'.repeat(3000)}"`);
  },
  '/hang': () => undefined,
  '/slow': (_req, res) => setTimeout(() => res.writeHead(200).end('{}'), 500),
  '/reset': (req) => req.socket.destroy(),
  '/flaky': (_req, res) => {
    if (state.failuresLeft-- > 0) res.writeHead(state.failStatus).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"recovered":true}');
  },
  '/limited-briefly': (_req, res) => {
    if (state.failuresLeft-- > 0) res.writeHead(429, { 'retry-after': '1' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"recovered":true}');
  },
  '/gzip': encoded('gzip', gzipSync(BODY)),
  '/x-gzip': encoded('x-gzip', gzipSync(BODY)),
  '/deflate': encoded('deflate', deflateSync(BODY)),
  '/deflate-raw': encoded('deflate', deflateRawSync(BODY)),
  '/br': encoded('br', brotliCompressSync(BODY)),
  '/stacked': encoded('deflate, gzip', gzipSync(deflateSync(BODY))),
  '/identity': encoded('identity', Buffer.from(BODY)),
  '/gzip-chunked': (_req, res) => {
    const body = gzipSync(BODY);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    for (let i = 0; i < body.length; i += 7) res.write(body.subarray(i, i + 7));
    res.end();
  },
  '/zstd': encoded('zstd', Buffer.from(BODY)),
  '/gzip-garbage': encoded('gzip', Buffer.from(BODY)),
  '/gzip-truncated': encoded('gzip', gzipSync(BODY).subarray(0, 40)),
  '/bomb': encoded('gzip', BOMB),
  '/bomb-deflate': encoded('deflate', deflateSync(Buffer.alloc(20_000_000, 0x30))),
  '/bomb-endless': (_req, res) => {
    // Compresses zeros for as long as anyone reads: only a reader that stops at its cap ever finishes.
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    const gzip = createGzip({ level: 1 });
    gzip.pipe(res);
    const zeros = Buffer.alloc(1 << 20, 0x30);
    const pump = () => {
      while (!res.destroyed && gzip.write(zeros));
      if (!res.destroyed) gzip.once('drain', pump);
    };
    res.on('close', () => {
      state.endlessClosed = true;
      gzip.destroy();
    });
    gzip.write('"');
    pump();
  },
  '/duplicate': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"available": "1", "available": "1000", "secret": "hunter2"}'),
  '/duplicate-long': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"n": 1234567890123456, "available": "1", "available": "1000"}'),
  '/limited-horizon': (_req, res) => {
    if (state.failuresLeft-- > 0)
      res.writeHead(429, { 'x-ratelimit-limit': '3600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': state.reset }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"recovered":true}');
  },
  '/limited-ietf': (_req, res) => {
    if (state.failuresLeft-- > 0) res.writeHead(429, { ratelimit: `"default";r=0;t=${state.reset}` }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"recovered":true}');
  },
  '/limited-bare': (_req, res) => res.writeHead(429).end(),
  '/echo-accept-encoding': (req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ acceptEncoding: req.headers['accept-encoding'] ?? null })),
  '/concurrency': (_req, res) => {
    state.inFlight++;
    state.peak = Math.max(state.peak, state.inFlight);
    setTimeout(() => {
      state.inFlight--;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }, 30);
  },
};
const state = { failuresLeft: 0, failStatus: 503, inFlight: 0, peak: 0, reset: '1', endlessClosed: false };

let server: Server;
let base: URL;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const path = (req.url ?? '').split('?')[0] ?? '';
    (routes[path.replace(/^\/base/, '')] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`);
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const client = (overrides: Partial<ConstructorParameters<typeof UpstreamClient>[0]> = {}) =>
  new UpstreamClient({
    provider: 'STELLAR',
    label: 'Stellar',
    baseUrl: base,
    timeoutMs: 200,
    headers: { authorization: 'Basic c2VjcmV0OnNlY3JldA==' },
    maxBodyBytes: 4096,
    maxConnections: 4,
    logger: pino({ level: 'silent' }),
    ...overrides,
  });

async function failure(segment: string): Promise<GatewayError> {
  const error = await client()
    .get([segment])
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('UpstreamClient', () => {
  it('returns the parsed body below the base path', async () => {
    await expect(client().get(['ok'])).resolves.toEqual({ ok: true });
    expect(seen.at(-1)).toBe('/base/ok');
  });

  it('percent-encodes each path segment so an id cannot leave its path', async () => {
    await client()
      .get(['ok', '../../admin?x=1#f', 'a/b'])
      .catch(() => undefined);
    expect(seen.at(-1)).toBe('/base/ok/..%2F..%2Fadmin%3Fx%3D1%23f/a%2Fb');
  });

  it('answers undefined for 204 No Content', async () => {
    await expect(client().get(['empty'])).resolves.toBeUndefined();
  });

  it.each([
    ['missing', 'NOT_FOUND'],
    ['unauthorized', 'UNAUTHENTICATED'],
    ['forbidden', 'FORBIDDEN'],
    ['limited', 'RATE_LIMITED'],
    ['broken', 'UPSTREAM_ERROR'],
    ['garbage', 'UPSTREAM_ERROR'],
    ['huge', 'UPSTREAM_ERROR'],
    ['huge-chunked', 'UPSTREAM_ERROR'],
    ['slow', 'UPSTREAM_TIMEOUT'],
    ['reset', 'UPSTREAM_ERROR'],
  ])('maps /%s to %s with the provider and no upstream detail', async (segment, code) => {
    const error = await failure(segment);
    expect(error.extensions).toMatchObject({ code, provider: 'STELLAR' });
    const text = JSON.stringify({ message: error.message, extensions: error.extensions });
    expect(text).not.toMatch(/127\.0\.0\.1|\/base|secret|stack|html|c2VjcmV0/);
  });

  it('carries Retry-After seconds on RATE_LIMITED', async () => {
    expect((await failure('limited')).extensions.retryAfter).toBe(7);
  });

  it('answers a slow upstream within its time limit', async () => {
    const started = performance.now();
    await failure('slow');
    expect(performance.now() - started).toBeLessThan(450);
  });

  it('still works after a refused oversized body (the pool recovers)', async () => {
    await failure('huge');
    await expect(client().get(['ok'])).resolves.toEqual({ ok: true });
  });
});

describe('UpstreamClient policies', () => {
  const countOf = (path: string) => seen.filter((url) => url === `/base/${path}`).length;

  it.each([502, 503, 504])('retries a %i and answers once the provider recovers', async (status) => {
    Object.assign(state, { failuresLeft: 2, failStatus: status });
    const before = countOf('flaky');
    await expect(client({ timeoutMs: 2000 }).get(['flaky'])).resolves.toEqual({ recovered: true });
    expect(countOf('flaky') - before).toBe(3);
  });

  it.each([500, 404, 401])('does not retry a %i', async (status) => {
    Object.assign(state, { failuresLeft: 1, failStatus: status });
    const before = countOf('flaky');
    await expect(client({ timeoutMs: 2000 }).get(['flaky'])).rejects.toBeInstanceOf(GatewayError);
    expect(countOf('flaky') - before).toBe(1);
  });

  it('counts a call its caller cancels (a long poll nobody waits for) as no failure of the provider: no retry, breaker closed, no metric', async () => {
    routes['/hang'] = (_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 1_000);
    const observed: unknown[] = [];
    const polling = client({
      timeoutMs: 2000,
      resilience: { breakerThreshold: 2 },
      observer: { onRequest: (event) => observed.push(event), onCacheLookup: () => undefined },
    });
    const before = countOf('hang');
    for (let i = 0; i < 3; i++) {
      const cancel = new AbortController();
      const call = polling.get(['hang'], { signal: cancel.signal }).catch((e: unknown) => e);
      setTimeout(() => cancel.abort(), 50);
      const error = await call;
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).providerDown).toBe(false);
    }
    expect(countOf('hang') - before).toBe(3);
    expect(polling.circuitState).toBe('closed');
    expect(observed).toEqual([]);
  });

  it('waits out a Retry-After that fits in the time limit, then answers', async () => {
    state.failuresLeft = 1;
    const started = performance.now();
    await expect(client({ timeoutMs: 3000 }).get(['limited-briefly'])).resolves.toEqual({ recovered: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers RATE_LIMITED at once when Retry-After exceeds the time limit', async () => {
    const before = countOf('limited');
    const started = performance.now();
    const error = await client({ timeoutMs: 3000 })
      .get(['limited'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 7 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(countOf('limited') - before).toBe(1);
  });

  it('opens the circuit after repeated failures, fails fast, and closes when the provider recovers', async () => {
    const breaking = client({ timeoutMs: 1000, resilience: { retries: 0, breakerThreshold: 3, breakerCooldownMs: 200 } });
    Object.assign(state, { failuresLeft: 3, failStatus: 503 });
    for (let i = 0; i < 3; i++) await breaking.get(['flaky']).catch(() => undefined);
    expect(breaking.circuitState).toBe('open');

    const before = countOf('flaky');
    const error = (await breaking.get(['flaky']).catch((e: unknown) => e)) as GatewayError;
    expect(error.extensions.code).toBe('UPSTREAM_ERROR');
    expect(countOf('flaky')).toBe(before);

    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(breaking.get(['flaky'])).resolves.toEqual({ recovered: true });
    expect(breaking.circuitState).toBe('closed');
  });

  it('never has more calls in flight to a provider than its cap, queueing the rest', async () => {
    Object.assign(state, { inFlight: 0, peak: 0 });
    const capped = client({ timeoutMs: 5000, maxConnections: 3 });
    const results = await Promise.all(Array.from({ length: 20 }, () => capped.get(['concurrency'])));
    expect(results).toHaveLength(20);
    expect(state.peak).toBe(3);
  });

  it('never counts time spent in the gateway’s own queue as a provider failure', async () => {
    // One connection: the first call answers in 500 ms; the next ones wait for it, then hang until their time is up.
    const queued = client({ timeoutMs: 1500, maxConnections: 1, resilience: { retries: 0, breakerThreshold: 1, breakerCooldownMs: 10_000 } });
    const results = await Promise.allSettled([queued.get(['slow']), ...Array.from({ length: 3 }, () => queued.get(['hang']))]);
    expect(results[0]?.status).toBe('fulfilled');
    expect(results.slice(1).every((result) => result.status === 'rejected' && (result.reason as GatewayError).code === 'UPSTREAM_TIMEOUT')).toBe(
      true,
    );
    expect(queued.circuitState).toBe('closed');
    await queued.close();
  });

  it('keeps the circuit closed through failures of single resources (500, malformed bodies)', async () => {
    const breaking = client({ timeoutMs: 1000, resilience: { retries: 0, breakerThreshold: 2, breakerCooldownMs: 10_000 } });
    for (let i = 0; i < 3; i++) {
      Object.assign(state, { failuresLeft: 1, failStatus: 500 });
      await breaking.get(['flaky']).catch(() => undefined);
      await breaking.get(['garbage']).catch(() => undefined);
    }
    expect(breaking.circuitState).toBe('closed');
    await expect(breaking.get(['ok'])).resolves.toEqual({ ok: true });
  });

  it('refuses calls beyond the queue at once with UPSTREAM_ERROR', async () => {
    const tiny = client({ timeoutMs: 5000, maxConnections: 1, resilience: { maxQueued: 1 } });
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => tiny.get(['concurrency'])));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.map((o) => (o.reason as GatewayError).extensions.code)).toEqual(['UPSTREAM_ERROR', 'UPSTREAM_ERROR']);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['7', 7],
    [' 120 ', 120],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10],
    ['soon', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(parseRetryAfter(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });
});

describe('content codings', () => {
  const expected = JSON.parse(BODY) as unknown;

  it('asks for gzip, deflate and br', async () => {
    await expect(client().get(['echo-accept-encoding'])).resolves.toEqual({ acceptEncoding: 'gzip, deflate, br' });
  });

  it.each(['gzip', 'x-gzip', 'deflate', 'deflate-raw', 'br', 'stacked', 'identity', 'gzip-chunked'])('reads a %s body', async (segment) => {
    await expect(client({ maxBodyBytes: 100_000 }).get([segment])).resolves.toEqual(expected);
  });

  it('decodes the body of a change too', async () => {
    await expect(client({ maxBodyBytes: 100_000 }).send('PUT', ['br'], { json: {} })).resolves.toEqual({ status: 200, body: expected });
  });

  it.each([
    ['zstd', 'content coding not supported (zstd)'],
    ['gzip-garbage', 'content coding could not be decoded'],
    ['gzip-truncated', 'content coding could not be decoded'],
  ])('refuses a %s body with UPSTREAM_ERROR, reported with its reason, the circuit untouched', async (segment, reason) => {
    const lines: string[] = [];
    const logged = client({ maxBodyBytes: 100_000, logger: linesLogger(lines), resilience: { breakerThreshold: 1 } });
    const error = await logged.get([segment]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR' });
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ msg: 'upstream body refused', reason, route: `GET /{id}`, fields: ['(body)'] }),
    );
    expect(logged.circuitState).toBe('closed');
  });

  it('refuses a 50 KB gzip body that inflates to 48 MB without inflating it all', async () => {
    expect(BOMB.length).toBeLessThan(100_000);
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 1);
    const error = await client({ maxBodyBytes: 1_000_000, timeoutMs: 5_000 })
      .get(['bomb'])
      .catch((e: unknown) => e);
    clearInterval(sampler);
    expect((error as GatewayError).extensions).toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect((error as GatewayError).message).toMatch(/larger than the gateway accepts/);
    expect(peak - baseline).toBeLessThan(16_000_000);
  });

  it('refuses a deflate bomb the same way', async () => {
    const error = await client({ maxBodyBytes: 1_000_000, timeoutMs: 5_000 })
      .get(['bomb-deflate'])
      .catch((e: unknown) => e);
    expect((error as GatewayError).message).toMatch(/larger than the gateway accepts/);
  });

  it('stops reading an endless compressed body as soon as it passes the cap, and closes the connection', async () => {
    state.endlessClosed = false;
    const started = performance.now();
    const error = await client({ maxBodyBytes: 2_000_000, timeoutMs: 5_000 })
      .get(['bomb-endless'])
      .catch((e: unknown) => e);
    expect((error as GatewayError).extensions).toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect((error as GatewayError).message).toMatch(/larger than the gateway accepts/);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect.poll(() => state.endlessClosed).toBe(true);
  });

  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['GZIP', ['gzip']],
    ['x-gzip', ['gzip']],
    ['deflate, gzip', ['deflate', 'gzip']],
    [
      ['br', 'gzip'],
      ['br', 'gzip'],
    ],
    ['gzip, identity', ['gzip']],
    ['compress', { unsupported: 'compress' }],
    ['gzip, zstd', { unsupported: 'zstd' }],
  ])('reads Content-Encoding %j as %j', (header, expectedCodings) => {
    expect(contentCodings(header as string | string[] | undefined)).toEqual(expectedCodings);
  });
});

describe('bodies refused for their JSON', () => {
  it.each(['duplicate', 'duplicate-long'])(
    'refuses a key given twice with different values (%s), logging the field and no value',
    async (segment) => {
      const lines: string[] = [];
      const issues: unknown[] = [];
      const observer: UpstreamObserver = { onRequest: () => undefined, onCacheLookup: () => undefined, onWireIssue: (issue) => issues.push(issue) };
      const error = await client({ logger: linesLogger(lines), observer })
        .get([segment], { parse: parseExactJson, query: { secret: 'q' } })
        .catch((e: unknown) => e);
      expect((error as GatewayError).extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR' });
      const refused = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'upstream body refused');
      expect(refused).toMatchObject({ provider: 'STELLAR', route: 'GET /{id}', fields: ['available'], reason: 'duplicate key' });
      expect(issues).toEqual([{ provider: 'STELLAR', outcome: 'refused', route: 'GET /{id}', fields: ['available'] }]);
      const failed = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'upstream call failed');
      expect(failed).toMatchObject({ path: `/base/${segment}`, route: 'GET /{id}', code: 'UPSTREAM_ERROR' });
      expect(lines.join('\n')).not.toMatch(/hunter2|1000|secret=q/);
    },
  );

  it('refuses a body that is not JSON, naming the reason and not the body', async () => {
    const lines: string[] = [];
    await client({ logger: linesLogger(lines) })
      .get(['garbage'])
      .catch(() => undefined);
    const refused = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'upstream body refused');
    expect(refused).toMatchObject({ provider: 'STELLAR', route: 'GET /{id}', fields: ['(body)'], reason: 'not valid JSON' });
    expect(lines.join('\n')).not.toContain('truncated');
  });

  it('names API words in route templates and nothing else', async () => {
    const lines: string[] = [];
    await client({ logger: linesLogger(lines) })
      .get(['v1', 'organizations', 'org-1', 'accounts', 'alice', 'balances'], { query: { metadata: 'secret' } })
      .catch(() => undefined);
    const failed = lines.map((line) => JSON.parse(line)).find((line) => line.msg === 'upstream call failed');
    expect(failed.route).toBe('GET /v1/organizations/{id}/accounts/{id}/balances');
    expect(failed.path).toBe('/base/v1/organizations/org-1/accounts/alice/balances');
  });
});

describe('rate-limit headers', () => {
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  it.each([
    [{ 'retry-after': '7' }, 7],
    [{ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }, 10],
    [{ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, 0],
    [{ 'retry-after': '99999999999999999999' }, MAX_RETRY_AFTER_SECONDS],
    [{ 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }, MAX_RETRY_AFTER_SECONDS],
    [{ 'retry-after': '7', 'x-ratelimit-reset': '60' }, 7],
    // Public Horizon: X-RateLimit-* and no Retry-After; the reset is the seconds until the window resets.
    [{ 'x-ratelimit-limit': '3600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '23' }, 23],
    [{ 'x-ratelimit-reset': '0' }, 0],
    [{ 'x-ratelimit-reset': '1.2' }, 2],
    // Epoch seconds and milliseconds (GitHub's style): counted from now.
    [{ 'x-ratelimit-reset': String(now / 1000 + 42) }, 42],
    [{ 'x-ratelimit-reset': String(now + 42_500) }, 43],
    [{ 'x-ratelimit-reset': String(now / 1000 - 100) }, 0],
    [{ 'ratelimit-reset': '30' }, 30],
    [{ 'ratelimit-reset': '30', 'x-ratelimit-reset': '5' }, 30],
    [{ ratelimit: '"default";r=0;t=30' }, 30],
    [{ ratelimit: 'default;r=0;t=30' }, 30],
    [{ ratelimit: '"burst";r=5;t=1, "daily";r=0;t=3600' }, 3600],
    [{ ratelimit: '"a";r=0;t=10, "b";r=0;t=20' }, 20],
    [{ ratelimit: '"a";r=3;t=10, "b";r=7;t=20' }, 20],
    [{ ratelimit: '"a";t=12' }, 12],
    [{ ratelimit: ['"a";r=1;t=5', '"b";r=0;t=9'] }, 9],
    [{ ratelimit: '"a, b";r=0;t=9' }, 9],
    [{ ratelimit: 'limit=100, remaining=0, reset=50' }, 50],
    [{ ratelimit: '"a";r=0;t=30', 'ratelimit-reset': '5' }, 30],
    [{ ratelimit: '"a";r=0', 'ratelimit-reset': '5' }, 5],
    [{ 'x-ratelimit-reset': '99999999999999999999' }, MAX_RETRY_AFTER_SECONDS],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-5' }, undefined],
    [{ 'retry-after': '2015' }, 2015],
    [{ 'x-ratelimit-reset': 'later' }, undefined],
    [{ ratelimit: 'garbage' }, undefined],
    [{ 'x-ratelimit-limit': '3600', 'x-ratelimit-remaining': '0' }, undefined],
    [{}, undefined],
  ])('reads %j as %j', (headers, expected) => {
    expect(retryAfterSeconds(headers, now)).toBe(expected);
  });

  it('waits out a Horizon X-RateLimit-Reset that fits in the time limit, then answers', async () => {
    Object.assign(state, { failuresLeft: 1, reset: '1' });
    const started = performance.now();
    await expect(client({ timeoutMs: 3000 }).get(['limited-horizon'])).resolves.toEqual({ recovered: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers RATE_LIMITED with retryAfter at once when the reset does not fit', async () => {
    Object.assign(state, { failuresLeft: 1, reset: '30' });
    const started = performance.now();
    const error = (await client({ timeoutMs: 3000 })
      .get(['limited-ietf'])
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 30 });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('answers RATE_LIMITED without retryAfter, and without retrying, when no header says how long', async () => {
    const error = (await client({ timeoutMs: 3000 })
      .get(['limited-bare'])
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.extensions.code).toBe('RATE_LIMITED');
    expect(error.extensions).not.toHaveProperty('retryAfter');
  });
});

function linesLogger(lines: string[]) {
  return pino({ level: 'debug' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
}

describe('shared cache keys', () => {
  it('key the credentials with an HMAC under the server secret, never a plain digest', async () => {
    const { memoryStore } = await import('../cache/store.js');
    const { createHash } = await import('node:crypto');
    const keys: string[] = [];
    const store = memoryStore(100);
    const recording = { ...store, set: (key: string, value: string, ttl: number) => (keys.push(key), store.set(key, value, ttl)) };
    const headers = { authorization: 'Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=' };
    for (const keySecret of ['first-secret-0123456789abcdefghijkl', 'second-secret-0123456789abcdefghijk']) {
      const cached = client({ headers, cache: { store: recording, ttlMs: 60_000, keySecret } });
      await cached.get(['ok']);
      await cached.close();
    }
    const plain = createHash('sha256').update(JSON.stringify(headers)).digest('base64url').slice(0, 22);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) expect(key).not.toContain(plain);
  });
});
