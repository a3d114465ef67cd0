// Live updates over server-sent events (graphql-sse) from the providers the gateway long-polls (Taler) or polls
// (Midaz, Interledger, Conduit): a movement recorded in a simulator reaches the subscriber as its exact new balance
// and, where the provider keeps a history, as the movement itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../harness.js';
import { MIDAZ_LEDGER_IDS, MIDAZ_NATIVE_IDS, MIDAZ_ORGANIZATION_ID } from '../../simulators/midaz/fixtures.js';
import { MIDAZ_DEMO_TOKEN } from '../../simulators/midaz/simulator.js';
import { SEED_ACCOUNT } from '../../simulators/conduit/fixtures.js';
import { subscribeSse, until, type Collected } from './client.js';

const ACCOUNT = `subscription($ids: [ID!]!) { accountUpdated(ids: $ids) { id balances { amount asset { code network } } } }`;
const ACTIVITY = `subscription($ids: [ID!]!) { activityAdded(ids: $ids) { id accountId direction amount asset { code } description } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    TALER_POLL_INTERVAL_MS: '250',
    TALER_TIMEOUT_MS: '3000',
    MIDAZ_POLL_INTERVAL_MS: '250',
    INTERLEDGER_POLL_INTERVAL_MS: '250',
    CONDUIT_POLL_INTERVAL_MS: '250',
  });
});
afterAll(async () => stack?.close());

const streamUrl = () => `${stack.gateway.url}/graphql/stream`;
const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
};
/** A decimal with at most two places, in hundredths, exactly. */
const cents = (amount: string): bigint => {
  const [whole, fraction = ''] = amount.split('.');
  expect(fraction.length).toBeLessThanOrEqual(2);
  return BigInt(`${whole}${fraction.padEnd(2, '0')}`);
};
const amounts = (events: Collected['events']) => events.map((event) => event.data?.accountUpdated?.balances.map((b: { amount: string }) => b.amount));

describe('live updates over server-sent events', () => {
  it('Taler: a booked transfer arrives through the long poll as the movement and the new balance', async () => {
    const accounts = subscribeSse(streamUrl(), ACCOUNT, { ids: ['taler:alice'] });
    const movements = subscribeSse(streamUrl(), ACTIVITY, { ids: ['taler:alice'] });
    await accounts.waitFor(1);
    expect(amounts(accounts.events)).toEqual([['10.5']]);
    // The long poll is waiting before the transfer is booked.
    await until(
      () => stack.fleet.byProvider.TALER.requests.some((r) => r.url.includes('/accounts/alice/transactions') && /timeout_ms=[1-9]/.test(r.url)),
      5_000,
      () => 'long poll',
    );
    await post(`${stack.fleet.byProvider.TALER.url}/__simulator/transfers`, {
      debtor: 'bob',
      creditor: 'alice',
      amount: 'EUR:1.25',
      subject: 'lunch',
    });
    await movements.waitFor(1);
    await accounts.waitFor(2);
    expect(movements.events[0]!.data!.activityAdded).toMatchObject({
      accountId: 'taler:alice',
      direction: 'CREDIT',
      amount: '1.25',
      asset: { code: 'EUR' },
      description: 'lunch',
    });
    expect(amounts(accounts.events)).toEqual([['10.5'], ['11.75']]);
    accounts.stop();
    movements.stop();
  });

  it('Midaz: a transaction is polled as a DEBIT with the new exact balance', async () => {
    const id = `midaz:${MIDAZ_NATIVE_IDS.twoKeys}`;
    const accounts = subscribeSse(streamUrl(), ACCOUNT, { ids: [id] });
    const movements = subscribeSse(streamUrl(), ACTIVITY, { ids: [id] });
    await accounts.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const path = `/v1/organizations/${MIDAZ_ORGANIZATION_ID}/ledgers/${MIDAZ_LEDGER_IDS.brazil}/transactions/json`;
    await post(
      `${stack.fleet.byProvider.MIDAZ.url}${path}`,
      {
        description: 'Troco',
        send: {
          asset: 'BRL',
          value: '0.05',
          source: { from: [{ accountAlias: '@padaria_estrela', amount: { asset: 'BRL', value: '0.05' } }] },
          distribute: { to: [{ accountAlias: '@maria_oliveira', amount: { asset: 'BRL', value: '0.05' } }] },
        },
      },
      { authorization: `Bearer ${MIDAZ_DEMO_TOKEN}` },
    );
    await movements.waitFor(1);
    await accounts.waitFor(2);
    expect(movements.events[0]!.data!.activityAdded).toMatchObject({ accountId: id, direction: 'DEBIT', amount: '-0.05', asset: { code: 'BRL' } });
    const [before, after] = amounts(accounts.events);
    expect(before).toContain('1520');
    expect(after).toContain('1519.95');
    accounts.stop();
    movements.stop();
  });

  it('Interledger: a settlement is polled as the new exact balance', async () => {
    const accounts = subscribeSse(
      streamUrl(),
      // Two spellings of one account are followed once.
      `subscription { accountUpdated(ids: ["interledger:alice", "interledger:Alice"]) { ... on InterledgerAccount { balance { net } } } }`,
    );
    await accounts.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(accounts.events).toHaveLength(1);
    const before = accounts.events[0]!.data!.accountUpdated.balance.net as string;
    await post(`${stack.fleet.byProvider.INTERLEDGER.url}/__simulator/settlements`, { accountId: 'alice', amount: '12345' });
    await accounts.waitFor(2);
    const after = accounts.events[1]!.data!.accountUpdated.balance.net as string;
    // alice's asset scale is 2: 123.45 more, exactly.
    expect(cents(after) - cents(before)).toBe(12345n);
    accounts.stop();
  });

  it('Conduit: a balance change is polled; activity is NOT_SUPPORTED for it, in the stream', async () => {
    const id = `conduit:${SEED_ACCOUNT.id}`;
    const accounts = subscribeSse(streamUrl(), ACCOUNT, { ids: [id] });
    const movements = subscribeSse(streamUrl(), ACTIVITY, { ids: [id] });
    await accounts.waitFor(1);
    await movements.waitFor(1);
    expect(movements.events[0]!.errors![0]!.extensions).toMatchObject({ code: 'NOT_SUPPORTED', accountId: id });
    await post(`${stack.fleet.byProvider.CONDUIT.url}/__simulator/balances`, {
      accountId: SEED_ACCOUNT.id,
      asset: 'USD',
      amount: '98765432109876543210.123456',
    });
    await accounts.waitFor(2);
    expect(amounts(accounts.events)[1]).toContain('98765432109876543210.123456');
    accounts.stop();
    movements.stop();
  });

  it('ends a subscription when its event stream is closed by the client', async () => {
    const gauge = async () => Number(/^gateway_live_subscriptions (\d+)$/m.exec(await (await fetch(`${stack.gateway.url}/metrics`)).text())?.[1]);
    const accounts = subscribeSse(streamUrl(), ACCOUNT, { ids: ['taler:bob'] });
    await accounts.waitFor(1);
    expect(await gauge()).toBe(1);
    accounts.stop();
    let open = await gauge();
    for (let i = 0; i < 40 && open !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = await gauge();
    }
    expect(open).toBe(0);
  });
});
