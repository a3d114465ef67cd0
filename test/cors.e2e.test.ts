// CORS over real HTTP: what a browser's preflight and its cross-origin requests get back from /graphql for a listed
// origin, an unlisted one, and loopback pages in demo mode; and a malformed CORS_ORIGINS stopping start-up.
import { startProcess } from './support/process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { IDENTITIES } from '../src/providers/index.js';

const APP = 'https://app.example.com';
const DEV = 'http://localhost:5173';
const EVIL = 'https://evil.example';
const QUERY = '{ accounts(ids: ["taler:alice", "interledger:alice"]) { id balances { amount } } }';

/** Every header a GraphQL client in a browser may send, written here apart from cors.ts: the provider ones from the registry. */
const CLIENT_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollographql-library-name',
  'apollographql-library-version',
  'x-request-id',
  ...IDENTITIES.flatMap((identity) => identity.callerHeaders.map(([request]) => request)),
];

/** What a browser sends before a cross-origin POST with a JSON body and these headers. */
function preflight(stack: Stack, origin: string, headers = 'content-type'): Promise<Response> {
  return fetch(`${stack.gateway.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

function post(stack: Stack, headers: Record<string, string>, body = JSON.stringify({ query: QUERY })): Promise<Response> {
  return fetch(`${stack.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** The response's Access-Control-* headers, by lower-case name. */
const corsHeaders = (response: Response) => [...response.headers].filter(([name]) => name.startsWith('access-control-'));
const list = (value: string | null) => (value ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('CORS_ORIGINS at start-up', () => {
  it('takes comma-separated exact origins, as browsers write them', () => {
    const config = loadConfig({ CORS_ORIGINS: ` ${APP} , HTTP://LocalHost:5173/, https://app.example.com:443,http://[::1]:8080` });
    expect(config.cors).toEqual({ origins: [APP, DEV, 'http://[::1]:8080'], loopback: false });
  });

  it('lets loopback pages in by default on a loopback gateway (demo mode, npm run dev), and nothing else', () => {
    expect(loadConfig({}).cors).toEqual({ origins: [], loopback: true });
    expect(loadConfig({ NODE_ENV: 'production' }).cors).toEqual({ origins: [], loopback: false });
    expect(loadConfig({ HOST: '0.0.0.0' }).cors).toEqual({ origins: [], loopback: false });
    expect(loadConfig({ CORS_ORIGINS: 'none' }).cors).toEqual({ origins: [], loopback: false });
  });

  it.each([
    '*',
    'https://*.example.com',
    'app.example.com',
    'localhost:5173',
    'ftp://files.example.com',
    'https://app.example.com/app',
    'https://app.example.com/?x=1',
    'https://user:pw@app.example.com',
    'null',
    `${APP},nonsense`,
  ])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/^CORS_ORIGINS: /);
  });
});

describe('a listed origin', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ CORS_ORIGINS: `${APP},${DEV}` });
  });
  afterAll(() => stack?.close());

  it('gets its preflight answered 204 with its own origin, credentials, the methods and every header a GraphQL client sends', async () => {
    stack.fleet.reset();
    const response = await preflight(stack, APP, CLIENT_HEADERS.join(','));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(list(response.headers.get('access-control-allow-methods')).sort()).toEqual(['get', 'options', 'post']);
    const allowed = list(response.headers.get('access-control-allow-headers'));
    for (const header of CLIENT_HEADERS) expect(allowed, header).toContain(header);
    expect(IDENTITIES.flatMap((identity) => identity.callerHeaders).length).toBeGreaterThan(0);
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThanOrEqual(600);
    expect(list(response.headers.get('vary'))).toContain('origin');
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('gets its POST answered with its origin, credentials allowed and X-Request-Id and Retry-After readable', async () => {
    const response = await post(stack, { origin: DEV, 'x-request-id': 'cors-listed-1' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { accounts: Array<{ id: string }> }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.accounts.map((account) => account.id)).toEqual(['taler:alice', 'interledger:alice']);
    expect(response.headers.get('access-control-allow-origin')).toBe(DEV);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(list(response.headers.get('access-control-expose-headers'))).toEqual(expect.arrayContaining(['x-request-id', 'retry-after']));
    expect(response.headers.get('x-request-id')).toBe('cors-listed-1');
    expect(list(response.headers.get('vary'))).toContain('origin');
  });

  it('keeps CSRF prevention: a simple request without a preflight header is refused before it executes', async () => {
    stack.fleet.reset();
    const simplePost = await post(stack, { origin: APP, 'content-type': 'text/plain' });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/CSRF/);
    const simpleGet = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent(QUERY)}`, {
      headers: { origin: APP, accept: 'application/json' },
    });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/);
    const guardedGet = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent(QUERY)}`, {
      headers: { origin: APP, accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(guardedGet.status).toBe(200);
    expect(guardedGet.headers.get('access-control-allow-origin')).toBe(APP);
    expect(stack.fleet.totalRequests()).toBeGreaterThan(0);
  });

  it('does not stretch the list: a loopback origin not listed is refused once CORS_ORIGINS is set', async () => {
    const response = await preflight(stack, 'http://localhost:3000');
    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual([]);
  });
});

describe('an unlisted origin', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ CORS_ORIGINS: APP });
  });
  afterAll(() => stack?.close());

  it.each([EVIL, 'https://app.example.com.evil.example', 'http://app.example.com', 'https://app.example.com:8443', 'null'])(
    'gets a plain 403 to its preflight (%s), no CORS header and no CSRF message, and nothing reaches a provider',
    async (origin) => {
      stack.fleet.reset();
      const response = await preflight(stack, origin, 'content-type,authorization');
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual([]);
      expect(list(response.headers.get('vary'))).toContain('origin');
      const text = await response.text();
      expect(text).toContain('CORS_ORIGINS');
      expect(text).not.toMatch(/CSRF/);
      expect(stack.fleet.totalRequests()).toBe(0);
    },
  );

  it('gets no CORS header, so no credentials, even where its request is answered (a non-browser client sending Origin)', async () => {
    const response = await post(stack, { origin: EVIL });
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
    expect(list(response.headers.get('vary'))).toContain('origin');
  });

  it('is still refused by CSRF prevention when it sends a simple request without a preflight', async () => {
    stack.fleet.reset();
    const response = await post(stack, { origin: EVIL, 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(corsHeaders(response)).toEqual([]);
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('leaves requests without Origin (servers, curl) as they were, with Vary: Origin for caches', async () => {
    const response = await post(stack, {});
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
    expect(list(response.headers.get('vary'))).toContain('origin');
  });
});

describe('a gateway with authentication', () => {
  const API_KEY = 'cors-test-api-key-0123456789';
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_AUTH: undefined, GATEWAY_API_KEYS: API_KEY, CORS_ORIGINS: APP });
  });
  afterAll(() => stack?.close());

  it('answers the preflight before authentication (browsers send no credentials in it), and lets the page read a 401', async () => {
    const answer = await preflight(stack, APP, 'content-type,x-api-key');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    const refused = await post(stack, { origin: APP });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP);
    const accepted = await post(stack, { origin: APP, 'x-api-key': API_KEY });
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('the loopback default', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it.each([DEV, 'http://127.0.0.1:3000', 'http://[::1]:8080', 'http://localhost', 'https://localhost:5173'])('lets in %s', async (origin) => {
    const response = await preflight(stack, origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it.each([APP, 'http://localhost.evil.example:5173', 'http://127.0.0.2:3000', 'http://localhost:5173.evil.example', 'null'])(
    'refuses %s',
    async (origin) => {
      const response = await preflight(stack, origin);
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual([]);
    },
  );

  it('is off in production', async () => {
    const production = await startStack({ NODE_ENV: 'production' });
    try {
      const response = await preflight(production, DEV);
      expect(response.status).toBe(403);
      expect(corsHeaders(response)).toEqual([]);
    } finally {
      await production.close();
    }
  });
});

/** The gateway as `npm start` runs it (src/main.ts), with only these variables. */
const start = (env: Record<string, string>) => startProcess(env, undefined, 15_000);

describe('npm start', () => {
  it('in demo mode answers a loopback page’s preflight and refuses another site’s', async () => {
    const gateway = start({ PORT: '0' });
    try {
      const [, url] = (await gateway.waitFor(/GraphQL endpoint: (http:\/\/[^\s"]+\/graphql)/)) as RegExpExecArray & [string, string];
      const ask = (origin: string) =>
        fetch(url, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      const local = await ask(DEV);
      expect(local.status).toBe(204);
      expect(local.headers.get('access-control-allow-origin')).toBe(DEV);
      const other = await ask(EVIL);
      expect(other.status).toBe(403);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });

  it('stops with one line naming CORS_ORIGINS when an entry is malformed', async () => {
    const gateway = start({ PORT: '0', CORS_ORIGINS: 'app.example.com' });
    expect(await gateway.exited).toBe(1);
    expect(gateway.output()).toContain('CORS_ORIGINS');
    expect(gateway.output()).not.toMatch(/GraphQL endpoint/);
  });
});
