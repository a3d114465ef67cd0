import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { parseRetryAfter, UpstreamClient } from './client.js';
import { GatewayError } from '../errors.js';

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
  '/concurrency': (_req, res) => {
    state.inFlight++;
    state.peak = Math.max(state.peak, state.inFlight);
    setTimeout(() => {
      state.inFlight--;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    }, 30);
  },
};
const state = { failuresLeft: 0, failStatus: 503, inFlight: 0, peak: 0 };

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
afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

const client = (overrides: Partial<ConstructorParameters<typeof UpstreamClient>[0]> = {}) =>
  new UpstreamClient({
    provider: 'STELLAR',
    baseUrl: base,
    timeoutMs: 200,
    headers: { authorization: 'Basic c2VjcmV0OnNlY3JldA==' },
    maxBodyBytes: 4096,
    maxConnections: 4,
    logger: pino({ level: 'silent' }),
    ...overrides,
  });

async function failure(segment: string): Promise<GatewayError> {
  const error = await client().get([segment]).then(() => undefined, (e: unknown) => e);
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('UpstreamClient', () => {
  it('returns the parsed body below the base path', async () => {
    await expect(client().get(['ok'])).resolves.toEqual({ ok: true });
    expect(seen.at(-1)).toBe('/base/ok');
  });

  it('percent-encodes each path segment so an id cannot leave its path', async () => {
    await client().get(['ok', '../../admin?x=1#f', 'a/b']).catch(() => undefined);
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

  it('waits out a Retry-After that fits in the time limit, then answers', async () => {
    state.failuresLeft = 1;
    const started = performance.now();
    await expect(client({ timeoutMs: 3000 }).get(['limited-briefly'])).resolves.toEqual({ recovered: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers RATE_LIMITED at once when Retry-After exceeds the time limit', async () => {
    const before = countOf('limited');
    const started = performance.now();
    const error = await client({ timeoutMs: 3000 }).get(['limited']).catch((e: unknown) => e);
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
