// What subscriptions let in, over real WebSockets and event streams: authentication in connection_init (or the
// request's headers), the page's origin, the subprotocol, operation kinds, document limits, lookups, subscriptions
// per connection and per caller, idle sockets and shutdown. A refused subscription reaches no provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStack, type Stack } from '../harness.js';
import { subscribeSse, subscribeWs, until, wsClient, type Collected } from './client.js';

const KEY = 'live-test-key-0123456789abcdef';
const ACCOUNT = `subscription($ids: [ID!]!) { accountUpdated(ids: $ids) { id } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    GATEWAY_AUTH: undefined,
    GATEWAY_API_KEYS: KEY,
    LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
    LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '3',
    LIVE_MAX_CONNECTIONS_PER_CALLER: '3',
    MAX_IDS_PER_REQUEST: '3',
    CORS_ORIGINS: 'https://app.example',
    TALER_POLL_INTERVAL_MS: '60000',
  });
});
afterAll(async () => stack?.close());

const wsUrl = () => `${stack.gateway.url.replace(/^http/, 'ws')}/graphql`;

/** Opens a raw WebSocket: its handshake status when refused, or the socket. */
function rawSocket(protocols: string[], headers: Record<string, string> = {}): Promise<{ status?: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(), protocols, { headers });
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    socket.on('open', () => resolve({ socket }));
    socket.on('error', () => resolve({}));
  });
}

const closeOf = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));

describe('who may subscribe', () => {
  it('closes a WebSocket whose connection_init carries no valid key with 4401, before any provider call', async () => {
    const before = stack.fleet.totalRequests();
    for (const params of [{}, { 'x-api-key': 'wrong' }] as Array<Record<string, string>>) {
      const client = wsClient(stack.gateway.url, params);
      const events = subscribeWs(client, ACCOUNT, { ids: ['taler:alice'] });
      await until(
        () => client.closes.length > 0,
        5_000,
        () => 'closed',
      );
      expect(client.closes[0]!.code).toBe(4401);
      expect(events.events).toEqual([]);
      await client.dispose();
    }
    expect(stack.fleet.totalRequests()).toBe(before);
    expect(stack.logs.join('')).not.toContain('wrong');
  });

  it('serves a WebSocket whose connection_init carries the key (any header-name case)', async () => {
    const client = wsClient(stack.gateway.url, { 'X-Api-Key': KEY });
    const events = subscribeWs(client, ACCOUNT, { ids: ['taler:alice'] });
    await events.waitFor(1);
    expect(events.events[0]!.data).toEqual({ accountUpdated: { id: 'taler:alice' } });
    events.stop();
    await client.dispose();
  });

  it('answers an event stream without a key 401, with one 200 text/event-stream', async () => {
    const body = JSON.stringify({ query: ACCOUNT, variables: { ids: ['taler:alice'] } });
    const refused = await fetch(`${stack.gateway.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body,
    });
    expect(refused.status).toBe(401);
    expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const events = subscribeSse(`${stack.gateway.url}/graphql/stream`, ACCOUNT, { ids: ['taler:alice'] }, { 'x-api-key': KEY });
    await events.waitFor(1);
    expect(events.events[0]!.data).toEqual({ accountUpdated: { id: 'taler:alice' } });
    events.stop();
  });

  it('refuses an event stream a cross-site page could start without a preflight: another origin, a body not JSON, PUT', async () => {
    const before = stack.fleet.totalRequests();
    const body = JSON.stringify({ query: ACCOUNT, variables: { ids: ['taler:alice'] } });
    const send = (method: string, headers: Record<string, string>) =>
      fetch(`${stack.gateway.url}/graphql/stream`, { method, headers: { accept: 'text/event-stream', 'x-api-key': KEY, ...headers }, body });
    const evil = await send('POST', { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect([evil.status, (await evil.json()).errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    expect((await send('POST', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send('PUT', { 'content-type': 'application/json' })).status).toBe(405);
    const noQuery = await fetch(`${stack.gateway.url}/graphql/stream`, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'x-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    expect([noQuery.status, (await noQuery.json()).errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    const query = encodeURIComponent(ACCOUNT);
    const viaGet = await fetch(`${stack.gateway.url}/graphql/stream?query=${query}&variables=${encodeURIComponent('{"ids":["taler:alice"]}')}`, {
      headers: { accept: 'text/event-stream', 'x-api-key': KEY, origin: 'https://evil.example' },
    });
    expect(viaGet.status).toBe(403);
    expect(stack.fleet.totalRequests()).toBe(before);
  });

  it("answers a query whose Accept also lists text/event-stream (urql's) as JSON, over HTTP", async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': KEY,
        accept: 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed',
      },
      body: JSON.stringify({ query: '{ account(id: "taler:alice") { id } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { account: { id: 'taler:alice' } } });
  });

  it('refuses the upgrade from a page on an origin CORS_ORIGINS does not list (403), and serves a listed one', async () => {
    expect((await rawSocket(['graphql-transport-ws'], { origin: 'https://evil.example' })).status).toBe(403);
    const allowed = await rawSocket(['graphql-transport-ws'], { origin: 'https://app.example' });
    expect(allowed.socket).toBeDefined();
    allowed.socket!.close();
  });

  it('closes a socket that does not speak graphql-transport-ws with 4406', async () => {
    const { socket } = await rawSocket([]);
    expect(socket).toBeDefined();
    expect((await closeOf(socket!)).code).toBe(4406);
  });

  it('closes a connection whose provider credential headers are malformed with 4400', async () => {
    const client = wsClient(stack.gateway.url, { 'x-api-key': KEY, 'x-taler-authorization': 'Bearer \u0001' });
    subscribeWs(client, ACCOUNT, { ids: ['taler:alice'] });
    await until(
      () => client.closes.length > 0,
      5_000,
      () => 'closed',
    );
    expect(client.closes[0]!.code).toBe(4400);
    await client.dispose();
  });
});

describe('what a subscription may ask', () => {
  const errorOf = async (query: string, variables: Record<string, unknown> = {}) => {
    const client = wsClient(stack.gateway.url, { 'x-api-key': KEY });
    const events = subscribeWs(client, query, variables);
    await until(
      () => events.ended.how !== undefined || events.events.length > 0,
      5_000,
      () => 'an answer',
    );
    await client.dispose();
    const error = events.ended.error as Array<{ extensions?: { code?: string } }> | undefined;
    return Array.isArray(error) ? error[0]?.extensions?.code : events.events[0]?.errors?.[0]?.extensions?.code;
  };

  it('refuses queries and mutations (HTTP serves them), parse errors, invalid documents, and too many ids, calling no provider', async () => {
    const before = stack.fleet.totalRequests();
    expect(await errorOf('{ account(id: "taler:alice") { id } }')).toBe('OPERATION_NOT_SUPPORTED');
    expect(await errorOf('subscription {')).toBe('GRAPHQL_PARSE_FAILED');
    expect(await errorOf('subscription { accountUpdated(ids: ["taler:alice"]) { nope } }')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await errorOf(ACCOUNT, { ids: ['taler:a', 'taler:b', 'taler:c', 'taler:d'] })).toBe('BAD_USER_INPUT');
    expect(await errorOf(ACCOUNT, { ids: [{ id: 'taler:alice' }] })).toBe('BAD_USER_INPUT');
    expect(await errorOf(ACCOUNT, {})).toBe('BAD_USER_INPUT');
    expect(await errorOf('subscription { accountUpdated(ids: ["taler:alice"]) @skip(if: true) { id } }')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(
      await errorOf('subscription { ...Root } fragment Root on Subscription { accountUpdated(ids: ["taler:alice"]) @include(if: false) { id } }'),
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await errorOf(`subscription { accountUpdated(ids: ["taler:alice"]) { id } } # ${'x'.repeat(40_000)}`)).toBe('QUERY_TOO_LARGE');
    expect(stack.fleet.totalRequests()).toBe(before);
  });

  it('holds at most LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION per socket and LIVE_MAX_SUBSCRIPTIONS_PER_CALLER across sockets', async () => {
    const first = wsClient(stack.gateway.url, { 'x-api-key': KEY });
    const open = [subscribeWs(first, ACCOUNT, { ids: ['taler:alice'] }), subscribeWs(first, ACCOUNT, { ids: ['taler:bob'] })];
    await Promise.all(open.map((events) => events.waitFor(1)));
    // Refused before it starts: graphql-ws's `error` message for that operation, the others on.
    const refusal = (events: Collected) => (events.ended.error as Array<{ message: string; extensions: { code: string } }> | undefined)?.[0];
    const third = subscribeWs(first, ACCOUNT, { ids: ['taler:alice'] });
    await until(
      () => third.ended.how === 'error',
      5_000,
      () => 'refused',
    );
    expect(refusal(third)).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/one connection/) });

    const second = wsClient(stack.gateway.url, { 'x-api-key': KEY });
    const fourth = subscribeWs(second, ACCOUNT, { ids: ['taler:alice'] });
    await fourth.waitFor(1);
    expect(fourth.events[0], JSON.stringify(fourth.events)).toBeDefined();
    expect(fourth.events[0]!.data).toEqual({ accountUpdated: { id: 'taler:alice' } });
    const fifth = subscribeWs(second, ACCOUNT, { ids: ['taler:alice'] });
    await until(
      () => fifth.ended.how === 'error',
      5_000,
      () => 'refused',
    );
    expect(refusal(fifth)).toMatchObject({ extensions: { code: 'RATE_LIMITED' }, message: expect.stringMatching(/one caller/) });

    // Over an event stream, the caller's limit is a 429 before the stream opens.
    const refused = await fetch(`${stack.gateway.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': KEY },
      body: JSON.stringify({ query: ACCOUNT, variables: { ids: ['taler:alice'] } }),
    });
    expect([refused.status, (await refused.json()).errors[0].extensions.code]).toEqual([429, 'RATE_LIMITED']);
    // Leaving frees the place.
    open[0]!.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = subscribeWs(second, ACCOUNT, { ids: ['taler:bob'] });
    await again.waitFor(1);
    expect(again.events[0]!.data).toEqual({ accountUpdated: { id: 'taler:bob' } });
    await first.dispose();
    await second.dispose();
  });
});

describe('connections that end', () => {
  const gauge = async () => Number(/^gateway_live_subscriptions (\d+)$/m.exec(await (await fetch(`${stack.gateway.url}/metrics`)).text())?.[1]);

  it('ends every subscription of a closed socket, even one whose id was reused right after its complete', async () => {
    for (let round = 0; round < 5; round++) {
      const { socket } = await rawSocket(['graphql-transport-ws']);
      const messages: Array<{ type: string }> = [];
      socket!.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
      socket!.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': KEY } }));
      await until(
        () => messages.some((m) => m.type === 'connection_ack'),
        5_000,
        () => 'ack',
      );
      const subscribe = JSON.stringify({ id: 'x', type: 'subscribe', payload: { query: ACCOUNT, variables: { ids: ['taler:alice'] } } });
      socket!.send(subscribe);
      socket!.send(JSON.stringify({ id: 'x', type: 'complete' }));
      socket!.send(subscribe);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket!.close();
    }
    let open = await gauge();
    for (let i = 0; i < 40 && open !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = await gauge();
    }
    expect(open).toBe(0);
  });

  it('holds at most LIVE_MAX_CONNECTIONS_PER_CALLER WebSockets per caller (4429 beyond), and frees a place when one closes', async () => {
    const clients = [0, 1, 2, 3].map(() => wsClient(stack.gateway.url, { 'x-api-key': KEY }));
    const subscriptions = clients.map((client) => subscribeWs(client, ACCOUNT, { ids: ['taler:alice'] }));
    await until(
      () => subscriptions.filter((events) => events.events.length > 0).length === 3 && clients.some((client) => client.closes.length > 0),
      5_000,
      () => 'three served, one refused',
    );
    expect(clients.flatMap((client) => client.closes.map((close) => close.code))).toEqual([4429]);
    await Promise.all(clients.map((client) => client.dispose()));
  });
});

describe('idle sockets and shutdown', () => {
  it('closes a socket with no subscription after LIVE_IDLE_TIMEOUT_MS (1000), and every socket with 1001 at shutdown', async () => {
    const own = await startStack({ LIVE_IDLE_TIMEOUT_MS: '300', TALER_POLL_INTERVAL_MS: '60000' });
    try {
      const idle = wsClient(own.gateway.url);
      const done = subscribeWs(idle, ACCOUNT, { ids: ['taler:alice'] });
      await done.waitFor(1);
      done.stop();
      await until(
        () => idle.closes.length > 0,
        5_000,
        () => 'idle close',
      );
      expect(idle.closes[0]!.code).toBe(1000);

      const busy = wsClient(own.gateway.url);
      const events = subscribeWs(busy, ACCOUNT, { ids: ['taler:alice'] });
      await events.waitFor(1);
      await own.gateway.close();
      await until(
        () => busy.closes.length > 0,
        5_000,
        () => 'shutdown close',
      );
      expect(busy.closes[0]!.code).toBe(1001);
      await busy.dispose();
    } finally {
      await own.close();
    }
  });
});
