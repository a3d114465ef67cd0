// The Conduit simulator's balance route over HTTP: sets one available balance exactly (by asset and network), adds
// one the account lacks, needs no API key, and refuses bad input with Conduit's error body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { EMPTY_ACCOUNT, SEED_ACCOUNT } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

const KEYS = { 'x-api-key': 'demo-conduit-key', 'x-api-secret': 'demo-conduit-secret' };

async function setBalance(body: unknown) {
  const response = await fetch(`${sim.url}/__simulator/balances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const accountOf = async (id: string) => (await (await fetch(`${sim.url}/accounts/${id}`, { headers: KEYS })).json()) as Record<string, any>;

describe('POST /__simulator/balances', () => {
  it('sets the balance of one asset on one network exactly, leaving the others, and answers the account', async () => {
    const set = await setBalance({ accountId: SEED_ACCOUNT.id, asset: 'USDT', network: 'tron', amount: '123456789012345678901234.000001' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      id: SEED_ACCOUNT.id,
      balances: {
        available: [
          { asset: 'USD', amount: '150.320000' },
          { asset: 'USDC', network: 'ethereum', amount: '90.000000' },
          { asset: 'USDT', network: 'ethereum', amount: '0' },
          { asset: 'USDT', network: 'tron', amount: '123456789012345678901234.000001' },
        ],
      },
      createdAt: SEED_ACCOUNT.createdAt,
    });
    expect(await accountOf(SEED_ACCOUNT.id)).toEqual(set.body);
    const fiat = await setBalance({ accountId: SEED_ACCOUNT.id, asset: 'USD', amount: '0.5' });
    expect(fiat.body.balances.available[0]).toEqual({ asset: 'USD', amount: '0.500000' });
    const zero = await setBalance({ accountId: SEED_ACCOUNT.id, asset: 'USDC', network: 'ethereum', amount: '0.000000' });
    expect(zero.body.balances.available[1]).toEqual({ asset: 'USDC', network: 'ethereum', amount: '0' });
  });

  it('adds a balance the account does not hold yet, fiat without a network or a token with one', async () => {
    await setBalance({ accountId: EMPTY_ACCOUNT.id, asset: 'EUR', amount: '10' });
    const added = await setBalance({ accountId: EMPTY_ACCOUNT.id, asset: 'USDC', network: 'base', amount: '2.25' });
    expect(added.body.balances.available).toEqual([
      { asset: 'EUR', amount: '10.000000' },
      { asset: 'USDC', network: 'base', amount: '2.250000' },
    ]);
  });

  it('refuses bad input with a 400 that says what is wrong, and an unknown account with 404, changing nothing', async () => {
    const before = await accountOf(SEED_ACCOUNT.id);
    const id = SEED_ACCOUNT.id;
    const cases: Array<[unknown, string]> = [
      ['nope', 'body must be a JSON object { accountId, asset, network?, amount }'],
      [{ accountId: 'acct_short', asset: 'USD', amount: '1' }, 'accountId must match ^acct_[a-zA-Z0-9]{27}$'],
      [{ accountId: id, asset: 'usd', amount: '1' }, 'asset must be an asset code such as "USD" or "USDC"'],
      [{ accountId: id, asset: 'USDC', network: 5, amount: '1' }, 'network, when given, must be a network name such as "ethereum" or "tron"'],
      [{ accountId: id, asset: 'USD', amount: 1.5 }, 'amount must be a decimal string (not a JSON number)'],
      [{ accountId: id, asset: 'USD', amount: '-1' }, 'amount must be a non-negative decimal with at most 6 fractional digits; got "-1"'],
      [
        { accountId: id, asset: 'USD', amount: '1.0000001' },
        'amount must be a non-negative decimal with at most 6 fractional digits; got "1.0000001"',
      ],
      [{ accountId: id, asset: 'USD', amount: '1e3' }, 'amount must be a non-negative decimal with at most 6 fractional digits; got "1e3"'],
    ];
    for (const [body, detail] of cases)
      expect(await setBalance(body)).toEqual({ status: 400, body: { errors: [{ detail, code: 'invalid_request' }] } });
    const unknown = await setBalance({ accountId: 'acct_2ZZZZZZZZZZZZZZZZZZZZZZZZZZ', asset: 'USD', amount: '1' });
    expect(unknown).toEqual({ status: 404, body: { errors: [{ detail: 'Account not found', code: 'not_found' }] } });
    expect(await accountOf(SEED_ACCOUNT.id)).toEqual(before);
  });

  it('still refuses Conduit routes without the API key', async () => {
    expect((await fetch(`${sim.url}/accounts/${SEED_ACCOUNT.id}`)).status).toBe(401);
  });
});
