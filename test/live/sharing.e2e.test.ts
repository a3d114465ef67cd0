// One watcher per account, however many subscribe: Horizon's payments stream is opened once for every subscriber of
// an account, the account read once per payment, and the stream closed when the last subscriber leaves. A stream the
// provider drops is opened again from the last event, so no payment is lost or sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../harness.js';
import { SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID } from '../../simulators/stellar/fixtures.js';
import { subscribeWs, until, wsClient, type Collected } from './client.js';

const SEED = `stellar:${SEED_ACCOUNT_ID}`;
const ACCOUNT = `subscription($ids: [ID!]!) { accountUpdated(ids: $ids) { id balances { amount asset { code } } } }`;
const ACTIVITY = `subscription($ids: [ID!]!) { activityAdded(ids: $ids) { id amount } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ STELLAR_POLL_INTERVAL_MS: '250' });
});
afterAll(async () => stack?.close());

const stellar = () => stack.fleet.byProvider.STELLAR;
const streamsOpened = () =>
  stellar().requests.filter((r) => r.url.startsWith(`/accounts/${SEED_ACCOUNT_ID}/payments`) && r.headers.accept === 'text/event-stream').length;
const accountReads = () => stellar().count('GET', `/accounts/${SEED_ACCOUNT_ID}`);
const openStreams = async () => ((await (await fetch(`${stellar().url}/__simulator/streams`)).json()) as { open: number }).open;

async function pay(amount: string): Promise<string> {
  const response = await fetch(`${stellar().url}/simulator/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

describe('the shared watcher', () => {
  it('serves six subscribers on three sockets with one stream and one account read per payment, and survives a dropped stream', async () => {
    const clients = [wsClient(stack.gateway.url), wsClient(stack.gateway.url), wsClient(stack.gateway.url)];
    const accounts = clients.map((client) => subscribeWs(client, ACCOUNT, { ids: [SEED] }));
    const movements = clients.map((client) => subscribeWs(client, ACTIVITY, { ids: [SEED, SEED] }));
    await Promise.all(accounts.map((events) => events.waitFor(1)));
    await until(
      () => streamsOpened() === 1,
      5_000,
      () => 'one stream',
    );
    expect(accountReads()).toBe(1);
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_live_subscriptions 6$/m);
    expect(metrics).toMatch(/^gateway_live_watchers 1$/m);

    const first = await pay('0.0000002');
    await Promise.all([...movements, ...accounts].map((events, i) => events.waitFor(i < 3 ? 1 : 2)));
    expect(streamsOpened()).toBe(1);
    expect(accountReads()).toBe(2);

    // Horizon drops every stream: the watcher opens it again from the last event it got.
    expect(((await (await fetch(`${stellar().url}/__simulator/streams/drop`, { method: 'POST' })).json()) as { dropped: number }).dropped).toBe(1);
    await until(
      () => streamsOpened() === 2,
      10_000,
      () => 'stream opened again',
    );
    const resumed = stellar()
      .requests.filter((r) => r.url.startsWith(`/accounts/${SEED_ACCOUNT_ID}/payments`))
      .at(-1)!;
    expect(new URL(resumed.url, 'http://x').searchParams.get('cursor')).not.toBe('now');

    const second = await pay('0.0000003');
    await Promise.all([...movements, ...accounts].map((events, i) => events.waitFor(i < 3 ? 2 : 3)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const idsOf = (events: Collected) => events.events.map((event) => event.data?.activityAdded?.id);
    for (const events of movements)
      expect(idsOf(events)).toEqual([`activity:stellar:${SEED_ACCOUNT_ID}:${first}`, `activity:stellar:${SEED_ACCOUNT_ID}:${second}`]);
    for (const events of accounts) expect(events.events).toHaveLength(3);
    expect(accountReads()).toBe(3);

    // The last subscriber leaving closes the stream.
    for (const events of [...accounts, ...movements]) events.stop();
    let open = await openStreams();
    for (let i = 0; i < 50 && open > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = await openStreams();
    }
    expect(open).toBe(0);
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it("waits for Horizon's Retry-After before opening a refused stream again", async () => {
    const path = `/accounts/${TRADER_ACCOUNT_ID}/payments`;
    const fault = { fault: { kind: 'rateLimit', retryAfterSeconds: 2 }, path: `^${path}$`, times: 1 };
    expect((await fetch(`${stellar().url}/__simulator/faults`, { method: 'POST', body: JSON.stringify(fault) })).status).toBeLessThan(300);
    const attempts = () => stellar().requests.filter((r) => r.url.startsWith(path) && r.headers.accept === 'text/event-stream').length;
    const client = wsClient(stack.gateway.url);
    const movements = subscribeWs(client, ACTIVITY, { ids: [`stellar:${TRADER_ACCOUNT_ID}`] });
    await until(
      () => attempts() === 1,
      5_000,
      () => 'first attempt',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(attempts()).toBe(1);
    await until(
      () => attempts() === 2,
      5_000,
      () => 'second attempt after Retry-After',
    );
    // Refused once, then open: the subscriber heard nothing of it.
    expect(movements.events).toEqual([]);
    movements.stop();
    await client.dispose();
  });

  it('survives Horizon answering the stream with a page that is not an event stream: an error event, the gateway still up', async () => {
    const path = `/accounts/${SEED_ACCOUNT_ID}/payments`;
    const fault = { fault: { kind: 'status', status: 200, body: '<html>maintenance</html>' }, path: `^${path}$` };
    expect((await fetch(`${stellar().url}/__simulator/faults`, { method: 'POST', body: JSON.stringify(fault) })).status).toBeLessThan(300);
    try {
      const client = wsClient(stack.gateway.url);
      const movements = subscribeWs(client, ACTIVITY, { ids: [SEED] });
      await movements.waitFor(1, 10_000);
      expect(movements.events[0]!.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', accountId: SEED });
      expect(JSON.stringify(movements.events)).not.toMatch(/maintenance|html|127\.0\.0\.1/);
      movements.stop();
      await client.dispose();
      expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
    } finally {
      await fetch(`${stellar().url}/__simulator/faults`, { method: 'DELETE' });
    }
  });
});
