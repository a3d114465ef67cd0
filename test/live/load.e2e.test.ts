// A bounded load: 200 subscribers on 10 WebSockets follow 4 Stellar accounts (each subscriber 2 of them) while 24
// payments go round between the accounts. Every subscriber must get every movement of its accounts once, in the
// order Horizon recorded them; one stream per account serves them all; and once everyone has left, the streams are
// closed and the heap is back near where it started.
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../harness.js';
import { ISSUER_ACCOUNT_ID, LIQUIDITY_PROVIDER_ACCOUNT_ID, SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID } from '../../simulators/stellar/fixtures.js';
import { subscribeWs, until, wsClient, type Collected } from './client.js';

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

const ACCOUNTS = [SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, LIQUIDITY_PROVIDER_ACCOUNT_ID, ISSUER_ACCOUNT_ID];
const SOCKETS = 10;
const PER_SOCKET = 20;
const PAYMENTS = 24;
const ACTIVITY = `subscription($ids: [ID!]!) { activityAdded(ids: $ids) { id accountId amount } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ STELLAR_POLL_INTERVAL_MS: '250', LIVE_MAX_SUBSCRIPTIONS_PER_CALLER: '1000' });
});
afterAll(async () => stack?.close());

const stellar = () => stack.fleet.byProvider.STELLAR;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};

/** Subscribes every socket's subscribers (each to two of the accounts), then waits until every stream is open. */
async function subscribeAll(clients: Array<ReturnType<typeof wsClient>>) {
  const subscribers: Array<{ accounts: string[]; events: Collected }> = [];
  clients.forEach((client, socket) => {
    for (let i = 0; i < PER_SOCKET; i++) {
      const n = socket * PER_SOCKET + i;
      const accounts = [ACCOUNTS[n % 4]!, ACCOUNTS[(n + 1 + (n % 3)) % 4]!];
      subscribers.push({ accounts, events: subscribeWs(client, ACTIVITY, { ids: accounts.map((id) => `stellar:${id}`) }) });
    }
  });
  await until(
    () => ACCOUNTS.every((id) => stellar().requests.some((r) => r.url.startsWith(`/accounts/${id}/payments`))),
    10_000,
    () => 'streams',
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return subscribers;
}

async function payRound(): Promise<Array<{ from: string; to: string; id: string }>> {
  const payments = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const from = ACCOUNTS[i % 4]!;
    const to = ACCOUNTS[(i + 1 + (i % 2)) % 4]!;
    const response = await fetch(`${stellar().url}/simulator/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, to, amount: '0.0000001' }),
    });
    expect(response.status).toBe(201);
    payments.push({ from, to, id: ((await response.json()) as { id: string }).id });
  }
  return payments;
}

async function run(): Promise<{ events: number; ms: number }> {
  const clients = Array.from({ length: SOCKETS }, () => wsClient(stack.gateway.url));
  const subscribers = await subscribeAll(clients);
  const started = performance.now();
  const payments = await payRound();
  const expected = subscribers.map(({ accounts }) =>
    payments.flatMap(({ from, to, id }) =>
      accounts.filter((account) => account === from || account === to).map((account) => `activity:stellar:${account}:${id}`),
    ),
  );
  await Promise.all(subscribers.map(({ events }, i) => events.waitFor(expected[i]!.length, 20_000)));
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 200));
  subscribers.forEach(({ accounts, events }, i) => {
    const got = events.events.map((event) => event.data?.activityAdded?.id);
    // Once each, in Horizon's order within each account (accounts interleave freely).
    for (const account of accounts) {
      const mine = (ids: Array<string | undefined>) => ids.filter((id) => id?.startsWith(`activity:stellar:${account}:`));
      expect(mine(got)).toEqual(mine(expected[i]!));
    }
    expect(got).toHaveLength(expected[i]!.length);
  });
  expect(
    new Set(
      stellar()
        .requests.filter((r) => r.headers.accept === 'text/event-stream')
        .map((r) => r.url.split('?')[0]),
    ).size,
  ).toBe(4);
  for (const { events } of subscribers) events.stop();
  await Promise.all(clients.map((client) => client.dispose()));
  return { events: expected.reduce((sum, list) => sum + list.length, 0), ms };
}

describe('200 subscribers on 4 accounts', () => {
  it('gets every movement to every subscriber once and in order, with one stream per account, and gives the memory back', async () => {
    await run(); // warm-up: code loaded, pools and caches filled
    const before = heapMb();
    const { events, ms } = await run();
    let open = -1;
    for (let i = 0; i < 100 && open !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = ((await (await fetch(`${stellar().url}/__simulator/streams`)).json()) as { open: number }).open;
    }
    expect(open).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = heapMb();
    console.info(
      `live load: ${SOCKETS * PER_SOCKET} subscribers, ${ACCOUNTS.length} accounts, ${PAYMENTS} payments, ${events} events delivered in ${Math.round(ms)} ms; heap ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after`,
    );
    expect(after - before).toBeLessThan(8);
  }, 90_000);
});
