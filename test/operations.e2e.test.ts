// Operations end to end: readiness, Prometheus metrics, request ids, tracing, and graceful shutdown, over real HTTP (readiness with Redis: shared-cache.redis.e2e.test.ts).
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { memoryLogger, startStack, type Stack } from './harness.js';
import { loadConfig } from '../src/config.js';
import { startGateway } from '../src/server.js';
import { startSimulators } from '../simulators/index.js';

const MIDAZ_ID = 'midaz:01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38/0198f39e-5d20-7a11-b6f4-1e8c7a9d3f02';
const STELLAR_ID = 'stellar:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA';
const ACCOUNTS = `query Accounts($ids: [ID!]!) { accounts(ids: $ids) { id displayName balances { amount } } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const json = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** Sum of the samples of one metric whose labels include the given ones, from the Prometheus text format. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) sum += Number(match[3]);
  }
  return sum;
}

/** Opens a fresh TCP connection (no keep-alive pool): resolves with the status, or rejects when refused. */
const freshGet = (url: string) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

const logLines = (stack: Stack) => stack.logs.map((line) => JSON.parse(line) as Record<string, any>);

describe('GET /readyz', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ STELLAR_URL: undefined });
  });
  afterAll(() => stack.close());

  it('lists every provider, which are configured, and the in-memory cache before any call', async () => {
    const { status, body } = await json(`${stack.gateway.url}/readyz`);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.cache).toEqual({ kind: 'memory', reachable: true });
    expect(body.providers.STELLAR).toEqual({ configured: false });
    expect(body.providers.TALER).toEqual({ configured: true, status: 'unknown', answeredRecently: false, breaker: 'closed', lastRequest: null });
  });

  it('says which providers answered recently, with the last status and time', async () => {
    const before = Date.now();
    await stack.query(ACCOUNTS, { ids: ['taler:alice', MIDAZ_ID] });
    const { body } = await json(`${stack.gateway.url}/readyz`);
    for (const provider of ['TALER', 'MIDAZ']) {
      expect(body.providers[provider]).toMatchObject({
        configured: true,
        status: 'up',
        answeredRecently: true,
        breaker: 'closed',
        lastRequest: { answered: true, status: 200 },
      });
      expect(Date.parse(body.providers[provider].lastRequest.at)).toBeGreaterThanOrEqual(before - 5);
    }
    expect(body.providers.CONDUIT.lastRequest).toBeNull();
  });

  it('reports a failing provider and its open breaker as degraded, and stays ready', async () => {
    stack.fleet.byProvider.CONDUIT.faults.set({ fault: { kind: 'status', status: 503 } });
    try {
      for (let i = 0; i < 5; i++) await stack.query(ACCOUNTS, { ids: ['conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn'] });
      const { status, body } = await json(`${stack.gateway.url}/readyz`);
      expect(status).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.providers.CONDUIT).toMatchObject({
        status: 'degraded',
        answeredRecently: false,
        breaker: 'open',
        lastRequest: { answered: false, status: 503, code: 'UPSTREAM_ERROR' },
      });
      expect(body.providers.TALER.status).toBe('up');
    } finally {
      stack.fleet.byProvider.CONDUIT.faults.clear();
    }
  });
});

describe('GET /metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ STELLAR_CACHE_TTL_MS: '60000' });
  });
  afterAll(() => stack.close());
  const scrape = async () => {
    const response = await fetch(`${stack.gateway.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts GraphQL requests and errors by operation and code, and upstream requests as the providers saw them', async () => {
    stack.fleet.reset();
    await stack.query(ACCOUNTS, { ids: ['taler:alice', 'taler:bob', MIDAZ_ID] });
    await stack.query(ACCOUNTS, { ids: ['taler:nobody-here', 'conduit:acct_short'] });
    await stack.query('{ account(id: "taler:alice") { id } }');
    const text = await scrape();

    expect(metric(text, 'gateway_graphql_requests_total', { operation: 'Accounts' })).toBe(2);
    expect(metric(text, 'gateway_graphql_requests_total', { operation: 'anonymous' })).toBe(1);
    expect(metric(text, 'gateway_graphql_errors_total', { operation: 'Accounts', code: 'BAD_USER_INPUT' })).toBe(1);
    expect(metric(text, 'gateway_graphql_errors_total', { operation: 'Accounts', code: 'NOT_FOUND' })).toBe(1);
    expect(metric(text, 'gateway_graphql_errors_total')).toBe(2);
    expect(metric(text, 'gateway_graphql_request_duration_seconds_count', { operation: 'Accounts' })).toBe(2);
    expect(metric(text, 'gateway_graphql_requests_in_flight')).toBe(0);

    const taler = stack.fleet.byProvider.TALER.requests.length;
    expect(taler).toBeGreaterThan(0);
    expect(metric(text, 'gateway_upstream_requests_total', { provider: 'TALER' })).toBe(taler);
    expect(metric(text, 'gateway_upstream_requests_total', { provider: 'TALER', method: 'GET', status_class: '4xx', outcome: 'NOT_FOUND' })).toBe(1);
    expect(metric(text, 'gateway_upstream_requests_total', { provider: 'TALER', status_class: '2xx', outcome: 'OK' })).toBe(taler - 1);
    expect(metric(text, 'gateway_upstream_requests_total', { provider: 'MIDAZ' })).toBe(stack.fleet.byProvider.MIDAZ.requests.length);
    expect(metric(text, 'gateway_upstream_requests_total', { provider: 'CONDUIT' })).toBe(0);
    expect(metric(text, 'gateway_upstream_request_duration_seconds_count', { provider: 'TALER' })).toBe(taler);
  });

  it('shows each breaker state and the default Node.js metrics', async () => {
    const text = await scrape();
    for (const provider of ['INTERLEDGER', 'STELLAR', 'TALER', 'CONDUIT', 'MIDAZ']) {
      expect(metric(text, 'gateway_upstream_circuit_state', { provider, state: 'closed' })).toBe(1);
      expect(metric(text, 'gateway_upstream_circuit_state', { provider, state: 'open' })).toBe(0);
    }
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('counts cache misses and then hits for a cached provider', async () => {
    stack.fleet.reset();
    await stack.query(ACCOUNTS, { ids: [STELLAR_ID] });
    const misses = stack.fleet.byProvider.STELLAR.requests.length;
    expect(misses).toBeGreaterThan(0);
    let text = await scrape();
    expect(metric(text, 'gateway_cache_misses_total', { provider: 'STELLAR' })).toBe(misses);
    expect(metric(text, 'gateway_cache_hits_total', { provider: 'STELLAR' })).toBe(0);
    await stack.query(ACCOUNTS, { ids: [STELLAR_ID] });
    text = await scrape();
    expect(stack.fleet.byProvider.STELLAR.requests.length).toBe(misses);
    expect(metric(text, 'gateway_cache_hits_total', { provider: 'STELLAR' })).toBe(misses);
    expect(metric(text, 'gateway_upstream_requests_total', { provider: 'STELLAR' })).toBe(misses);
  });

  it('is open without gateway credentials, and off with METRICS=false', async () => {
    const secured = await startStack({ GATEWAY_AUTH: undefined, GATEWAY_API_KEYS: 'an-api-key-0123456789' });
    const off = await startStack({ METRICS: 'false' });
    try {
      expect((await fetch(`${secured.gateway.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${secured.gateway.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${off.gateway.url}/metrics`)).status).toBe(404);
    } finally {
      await Promise.all([secured.close(), off.close()]);
    }
  });
});

describe('request ids', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => stack.fleet.byProvider.MIDAZ.faults.clear());

  const post = (headers: Record<string, string> = {}) =>
    fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: ACCOUNTS, variables: { ids: ['taler:alice', MIDAZ_ID] }, operationName: 'Accounts' }),
    });

  it('returns a caller’s id, logs it, and passes it to Midaz only', async () => {
    stack.fleet.reset();
    const response = await post({ 'x-request-id': 'req-123 from the caller' });
    expect(response.headers.get('x-request-id')).toBe('req-123 from the caller');
    const midaz = stack.fleet.byProvider.MIDAZ.requests;
    expect(midaz.length).toBeGreaterThan(0);
    expect(midaz.every((request) => request.headers['x-request-id'] === 'req-123 from the caller')).toBe(true);
    expect(stack.fleet.byProvider.TALER.requests.every((request) => request.headers['x-request-id'] === undefined)).toBe(true);
    const line = logLines(stack).find((entry) => entry.requestId === 'req-123 from the caller' && entry.msg === 'graphql request');
    expect(line).toMatchObject({ level: 30, operation: 'Accounts', status: 200, errors: 0 });
    expect(typeof line?.ms).toBe('number');
  });

  it.each([
    ['none is sent', {}],
    ['the one sent is too long', { 'x-request-id': 'x'.repeat(129) }],
  ])('makes a UUID when %s, and uses it the same way', async (_case, headers) => {
    stack.fleet.reset();
    const id = (await post(headers)).headers.get('x-request-id') ?? '';
    expect(id).toMatch(UUID);
    expect(stack.fleet.byProvider.MIDAZ.requests.map((request) => request.headers['x-request-id'])).toContain(id);
    expect(logLines(stack).some((entry) => entry.requestId === id && entry.msg === 'graphql request')).toBe(true);
  });

  it('puts the id on every line of the request, with no variables or headers in the request line', async () => {
    stack.fleet.byProvider.MIDAZ.faults.set({ fault: { kind: 'status', status: 500 } });
    await post({ 'x-request-id': 'failing-1', authorization: 'Bearer should-never-appear' });
    const lines = stack.logs.filter((line) => line.includes('failing-1')).map((line) => JSON.parse(line));
    expect(lines.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['upstream call failed', 'graphql request']));
    const requestLine = lines.find((entry) => entry.msg === 'graphql request');
    expect(requestLine.errors).toBe(1);
    expect(JSON.stringify(requestLine)).not.toMatch(/taler:alice|should-never-appear|variables|headers/);
    expect(stack.logs.join('\n')).not.toContain('should-never-appear');
  });
});

describe('tracing', () => {
  const exporter = new InMemorySpanExporter();
  let close: () => Promise<void>;
  let url: string;
  let fleet: Awaited<ReturnType<typeof startSimulators>>;
  beforeAll(async () => {
    fleet = await startSimulators();
    const config = loadConfig({ ...fleet.env, PORT: '0', GATEWAY_AUTH: 'none', STELLAR_CACHE_TTL_MS: '0' });
    const gateway = await startGateway(config, { logger: memoryLogger([]), spanExporter: exporter });
    url = gateway.url;
    close = async () => {
      await gateway.close();
      await fleet.close();
    };
  });
  afterAll(() => close());

  it('records a span per operation, named after it, with a child span per upstream request', async () => {
    fleet.reset();
    exporter.reset();
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ACCOUNTS, variables: { ids: ['taler:alice', 'taler:nobody-here', MIDAZ_ID] } }),
    });
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'Accounts');
    expect(operation?.kind).toBe(SpanKind.SERVER);
    expect(operation?.attributes).toMatchObject({
      'graphql.operation.name': 'Accounts',
      'graphql.operation.type': 'query',
      'graphql.errors.count': 1,
    });
    const children = spans.filter((span) => span.parentSpanContext?.spanId === operation?.spanContext().spanId);
    expect(children.length).toBe(spans.length - 1);
    expect(children.every((span) => span.spanContext().traceId === operation?.spanContext().traceId && span.kind === SpanKind.CLIENT)).toBe(true);
    const taler = children.filter((span) => span.attributes['gateway.provider'] === 'TALER');
    expect(taler.length).toBe(fleet.byProvider.TALER.requests.length);
    expect(children.filter((span) => span.attributes['gateway.provider'] === 'MIDAZ').length).toBe(fleet.byProvider.MIDAZ.requests.length);
    expect(taler.map((span) => span.attributes)).toContainEqual({
      'gateway.provider': 'TALER',
      'http.request.method': 'GET',
      'http.response.status_code': 404,
      'gateway.outcome': 'NOT_FOUND',
      'error.type': 'NOT_FOUND',
    });
    expect(taler.map((span) => span.attributes)).toContainEqual({
      'gateway.provider': 'TALER',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'gateway.outcome': 'OK',
    });
    expect(children.every((span) => span.name === `GET ${span.attributes['gateway.provider']}`)).toBe(true);
  });

  it('keeps the spans of concurrent requests apart', async () => {
    exporter.reset();
    const ask = (id: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query One { account(id: "${id}") { id } }` }),
      });
    await Promise.all([ask('taler:alice'), ask(MIDAZ_ID)]);
    const spans = exporter.getFinishedSpans();
    const operations = spans.filter((span) => span.name === 'One');
    expect(operations).toHaveLength(2);
    for (const operation of operations) {
      const providers = new Set(
        spans.filter((span) => span.parentSpanContext?.spanId === operation.spanContext().spanId).map((span) => span.attributes['gateway.provider']),
      );
      expect(providers.size).toBe(1);
    }
  });
});

describe('graceful shutdown', () => {
  it('answers 503 on /readyz, refuses new connections, and still finishes the request in flight', async () => {
    const stack = await startStack({ SHUTDOWN_DELAY_MS: '300' });
    try {
      stack.fleet.byProvider.MIDAZ.faults.set({ fault: { kind: 'latency', ms: 1_500 } });
      const inFlight = stack.query(ACCOUNTS, { ids: [MIDAZ_ID] });
      while (stack.fleet.byProvider.MIDAZ.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const closed = stack.gateway.close();
      expect(await freshGet(`${stack.gateway.url}/readyz`)).toBe(503);
      expect(await freshGet(`${stack.gateway.url}/healthz`)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expect(freshGet(`${stack.gateway.url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const result = await inFlight;
      expect(result.status).toBe(200);
      expect(result.errors).toBeUndefined();
      expect(result.data?.accounts[0].id).toBe(MIDAZ_ID);
      await closed;
    } finally {
      await stack.close();
    }
  });

  it('exits 0 on SIGTERM as one Node process, as the image runs it', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    // One process receiving the signal itself, as `node dist/src/main.js` in the image (the tsx CLI would add a
    // parent process that relays signals); tsx only compiles the sources here.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', DASHBOARD: 'false' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const until = Date.now() + 15_000;
    while (!/GraphQL endpoint/.test(output) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shut down cleanly');
  });
});
