// Two replicas sharing Redis follow the same account with one watcher for the whole deployment: one Horizon stream,
// every payment to the subscribers of both; when the leading replica stops, the other takes the lead.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from './harness.js';
import { startRedis, type RedisServer } from './redis.js';
import { loadConfig } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/server.js';
import { startSimulators, type SimulatorFleet } from '../simulators/index.js';
import { SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID } from '../simulators/stellar/fixtures.js';
import { subscribeWs, until, wsClient } from './live/client.js';

const SEED = `stellar:${SEED_ACCOUNT_ID}`;
const ACTIVITY = `subscription($ids: [ID!]!) { activityAdded(ids: $ids) { id amount } }`;
const ACCOUNT = `subscription($ids: [ID!]!) { accountUpdated(ids: $ids) { id balances { amount } } }`;

let redis: RedisServer;
let fleet: SimulatorFleet;
const gateways: RunningGateway[] = [];
beforeAll(async () => {
  redis = await startRedis();
  fleet = await startSimulators();
  for (let i = 0; i < 2; i++) {
    const config = loadConfig({
      ...fleet.env,
      PORT: '0',
      GATEWAY_AUTH: 'none',
      REDIS_URL: redis.url,
      STELLAR_POLL_INTERVAL_MS: '250',
      STELLAR_CACHE_TTL_MS: '5000',
    });
    gateways.push(await startGateway(config, { logger: memoryLogger([]) }));
  }
  // Both reach Redis before anyone subscribes: a replica that cannot reach it leads its accounts itself (fails open).
  await vi.waitFor(
    async () => {
      for (const gateway of gateways)
        expect(((await (await fetch(`${gateway.url}/readyz`)).json()) as { cache: unknown }).cache).toEqual({ kind: 'redis', reachable: true });
    },
    { timeout: 10_000 },
  );
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await fleet?.close();
  await redis?.stop();
});

const streams = () => fleet.byProvider.STELLAR.requests.filter((r) => r.headers.accept === 'text/event-stream').length;
const pay = async () => {
  const response = await fetch(`${fleet.byProvider.STELLAR.url}/simulator/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '0.0000001' }),
  });
  expect(response.status).toBe(201);
  return `activity:stellar:${SEED_ACCOUNT_ID}:${((await response.json()) as { id: string }).id}`;
};

describe('live updates shared by replicas through Redis', () => {
  it('runs one watcher for two replicas, and moves it to the other when its replica stops', async () => {
    const [a, b] = gateways as [RunningGateway, RunningGateway];
    const clientA = wsClient(a.url);
    const clientB = wsClient(b.url);
    const movesA = subscribeWs(clientA, ACTIVITY, { ids: [SEED] });
    const accountsA = subscribeWs(clientA, ACCOUNT, { ids: [SEED] });
    await accountsA.waitFor(1);
    await until(
      () => streams() === 1,
      5_000,
      () => 'stream',
    );
    const movesB = subscribeWs(clientB, ACTIVITY, { ids: [SEED] });
    const accountsB = subscribeWs(clientB, ACCOUNT, { ids: [SEED] });
    await accountsB.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(streams()).toBe(1);

    const first = await pay();
    await movesA.waitFor(1);
    await movesB.waitFor(1);
    await accountsA.waitFor(2);
    await accountsB.waitFor(2);
    expect(movesB.events[0]!.data!.activityAdded.id).toBe(first);
    expect(accountsB.events[1]!.data).toEqual(accountsA.events[1]!.data);
    expect(streams()).toBe(1);

    // The leader (A, first to subscribe) stops: B takes the lead and opens the stream.
    await a.close();
    await until(
      () => streams() === 2,
      15_000,
      () => 'B opened the stream',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await pay();
    await movesB.waitFor(2);
    expect(movesB.events.map((event) => event.data?.activityAdded.id)).toEqual([first, second]);
    await clientB.dispose();
    await clientA.dispose();
  }, 40_000);
});
