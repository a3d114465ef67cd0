// Live updates from Stellar over a real WebSocket: Horizon's payments stream (the simulator's server-sent events)
// tells of each payment; the gateway reads the account again and sends its new balances, exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../harness.js';
import { SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, UNKNOWN_ACCOUNT_ID } from '../../simulators/stellar/fixtures.js';
import { subscribeWs, until, wsClient } from './client.js';

const SEED = `stellar:${SEED_ACCOUNT_ID}`;
const TRADER = `stellar:${TRADER_ACCOUNT_ID}`;
const ACCOUNT = `subscription($ids: [ID!]!) { accountUpdated(ids: $ids) { id balances { amount asset { code } } } }`;
const ACTIVITY = `subscription($ids: [ID!]!) { activityAdded(ids: $ids) { id accountId direction amount asset { code } counterparty } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ STELLAR_POLL_INTERVAL_MS: '250' });
});
afterAll(async () => stack?.close());

async function pay(from: string, to: string, amount: string): Promise<void> {
  const response = await fetch(`${stack.fleet.byProvider.STELLAR.url}/simulator/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to, amount }),
  });
  expect(response.status).toBe(201);
}

/** An XLM amount in stroops (seven decimal places), exactly. */
const stroops = (amount: string): bigint => {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(`${whole}${fraction.padEnd(7, '0')}`);
};
const xlm = (event: { data?: any }) => event.data?.accountUpdated?.balances.find((b: { asset: { code: string } }) => b.asset.code === 'XLM')?.amount;

describe('Stellar live updates over graphql-ws', () => {
  it('sends the current state, then the new exact balance and the movement after a payment', async () => {
    const client = wsClient(stack.gateway.url);
    const accounts = subscribeWs(client, ACCOUNT, { ids: [SEED] });
    const movements = subscribeWs(client, ACTIVITY, { ids: [SEED] });
    await accounts.waitFor(1);
    const before = xlm(accounts.events[0]!);
    expect(before).toMatch(/^\d+(\.\d+)?$/);
    // The stream is open before the payment is recorded, or the payment would be history.
    await until(
      () => stack.fleet.byProvider.STELLAR.count('GET', `/accounts/${SEED_ACCOUNT_ID}/payments`) >= 1,
      5_000,
      () => 'stream opened',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await pay(SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, '0.0000001');
    await movements.waitFor(1);
    await accounts.waitFor(2);
    expect(movements.events[0]!.data!.activityAdded).toMatchObject({
      accountId: SEED,
      direction: 'DEBIT',
      amount: '-0.0000001',
      asset: { code: 'XLM' },
      counterparty: TRADER_ACCOUNT_ID,
    });
    // One stroop less, exactly.
    expect(stroops(xlm(accounts.events[1]!)) - stroops(before)).toBe(-1n);
    accounts.stop();
    movements.stop();
    await client.dispose();
  });

  it('follows a malformed and an unknown id with one error event each, and the others on', async () => {
    const client = wsClient(stack.gateway.url);
    const unknown = `stellar:${UNKNOWN_ACCOUNT_ID}`;
    const accounts = subscribeWs(client, ACCOUNT, { ids: ['stellar:nope', unknown, TRADER] });
    await accounts.waitFor(3);
    const errorOf = (id: string) => accounts.events.find((event) => event.errors?.[0]?.extensions?.accountId === id);
    expect(errorOf('stellar:nope')?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf('stellar:nope')?.data).toEqual({ accountUpdated: null });
    expect(errorOf(unknown)?.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'STELLAR' });
    // An unknown account is not read again and again.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(stack.fleet.byProvider.STELLAR.count('GET', `/accounts/${UNKNOWN_ACCOUNT_ID}`)).toBe(1);
    expect(accounts.events).toHaveLength(3);
    expect(accounts.events.find((event) => event.data?.accountUpdated)?.data?.accountUpdated.id).toBe(TRADER);
    accounts.stop();
    await client.dispose();
  });
});
