// The tests that need a real redis-server (the second test tier, `npm run test:e2e`): the response cache and
// automatic persisted queries shared by two gateways, answering when Redis goes away, and /readyz reporting Redis.
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryLogger, startStack, type Stack } from './harness.js';
import { startRedis, type RedisServer } from './redis.js';
import { loadConfig } from '../src/config.js';
import { startGateway } from '../src/server.js';

const idsOf = (stack: Stack, prefix: string) => stack.fleet.sampleIds.filter((id) => id.startsWith(`${prefix}:`));
const ACCOUNTS = `query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName fetchedAt balances { amount } } }`;
/**
 * Waits until a gateway reaches Redis, as a readiness gate would: until then its cache and APQ writes are dropped
 * (the store fails open), which on a busy machine can outlast the first request.
 */
const redisReady = (target: Stack) =>
  vi.waitFor(async () => expect((await json(`${target.gateway.url}/readyz`)).body.cache).toEqual({ kind: 'redis', reachable: true }), {
    timeout: 10_000,
  });
const json = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** A second gateway on the same simulators as `stack`. */
async function startStackOn(env: Record<string, string>): Promise<Stack> {
  const logs: string[] = [];
  const gateway = await startGateway(loadConfig({ ...env, PORT: '0', GATEWAY_AUTH: 'none' }), { logger: memoryLogger(logs) });
  const owner = stack as Stack;
  return {
    fleet: owner.fleet,
    gateway,
    logs,
    query: async (query, variables, headers = {}) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await response.text();
      return { ...JSON.parse(raw), raw, status: response.status };
    },
    close: () => gateway.close(),
  };
}

describe('Redis', () => {
  let redis: RedisServer;
  let other: Stack | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());
  afterEach(async () => {
    await other?.close();
    other = undefined;
  });

  it('shares the response cache between two gateways with the same CURSOR_SECRET (it keys the cache)', async () => {
    const shared = { STELLAR_CACHE_TTL_MS: '5000', REDIS_URL: redis.url, CURSOR_SECRET: 'replicas-share-this-secret-0123456789' };
    stack = await startStack(shared);
    // Both gateways read the same simulator, so its call count shows the second one served from Redis.
    other = await startStackOn({ ...stack.fleet.env, ...shared });
    await Promise.all([redisReady(stack), redisReady(other)]);
    const id = idsOf(stack, 'stellar')[0] as string;
    const first = await stack.query(ACCOUNTS, { ids: [id] });
    const second = await other.query(ACCOUNTS, { ids: [id] });
    expect(second.data?.accounts[0]).toEqual(first.data?.accounts[0]);
    expect(stack.fleet.byProvider.STELLAR.requests).toHaveLength(1);
  });

  it('shares automatic persisted queries between two gateways', async () => {
    stack = await startStack({ REDIS_URL: redis.url });
    other = await startStackOn({ ...stack.fleet.env, REDIS_URL: redis.url });
    await Promise.all([redisReady(stack), redisReady(other)]);
    const query = `{ account(id: "taler:alice") { id } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const send = (target: Stack, body: Record<string, unknown>) =>
      fetch(`${target.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        (r) => r.json(),
      );

    expect((await send(other, { extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send(stack, { query, extensions })).data.account.id).toBe('taler:alice');
    // Apollo stores a registered query without holding the response for it: give Redis a moment.
    let fromOther = await send(other, { extensions });
    // On a machine busy with the rest of the suite that write can take more than a second.
    for (let attempt = 0; attempt < 100 && !fromOther.data; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fromOther = await send(other, { extensions });
    }
    expect(fromOther.data?.account.id, JSON.stringify(fromOther.errors)).toBe('taler:alice');
  });

  it('keeps answering when Redis goes away, reading upstream instead', async () => {
    const gone = await startRedis();
    stack = await startStack({ STELLAR_CACHE_TTL_MS: '5000', REDIS_URL: gone.url });
    await gone.stop();
    const id = idsOf(stack, 'stellar')[0] as string;
    const result = await stack.query(ACCOUNTS, { ids: [id] });
    expect(result.errors).toBeUndefined();
    expect(stack.fleet.byProvider.STELLAR.requests).toHaveLength(1);
  });
});

describe('GET /readyz with Redis', () => {
  let redis: RedisServer;
  let gateway: Stack;
  let stopped = false;
  beforeAll(async () => {
    redis = await startRedis();
    gateway = await startStack({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await gateway.close();
    if (!stopped) await redis.stop();
  });

  it('says whether Redis is reachable, and stays ready when it is not', async () => {
    // The connection is made in the background at start-up: reachable once it is up.
    await vi.waitFor(async () => expect((await json(`${gateway.gateway.url}/readyz`)).body.cache).toEqual({ kind: 'redis', reachable: true }));
    await redis.stop();
    stopped = true;
    const { status, body } = await json(`${gateway.gateway.url}/readyz`);
    expect(status).toBe(200);
    expect(body.cache).toEqual({ kind: 'redis', reachable: false });
  });
});
