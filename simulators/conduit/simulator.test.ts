// The Conduit simulator over HTTP: its auth headers, error bodies, amount style and client lists (API 2024-12-01).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { FIAT_ACCOUNT, MANY_ACCOUNTS, MANY_ACCOUNTS_CLIENT_ID, SEED_ACCOUNT, STABLECOIN_ACCOUNT } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

describe('the Conduit simulator', () => {
  const headers = () => {
    const env = simulator.env(sim.url);
    return { 'x-api-key': env.CONDUIT_API_KEY ?? '', 'x-api-secret': env.CONDUIT_API_SECRET ?? '' };
  };

  it('answers a missing secret with 401 and the BadRequest error body', async () => {
    const response = await fetch(`${sim.url}/accounts/${SEED_ACCOUNT.id}`, { headers: { 'x-api-key': headers()['x-api-key'] } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ detail: expect.any(String), code: 'unauthorized' }] });
  });

  it('answers a malformed account id with 400 invalid_request', async () => {
    const response = await fetch(`${sim.url}/accounts/acct_short`, { headers: headers() });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ detail: 'id must match ^acct_[a-zA-Z0-9]{27}$', code: 'invalid_request' }] });
  });

  it('answers an unknown account with 404 not_found', async () => {
    const response = await fetch(`${sim.url}/accounts/acct_0000000000000000000000000Zz`, { headers: headers() });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ detail: 'Account not found', code: 'not_found' }] });
  });

  it('serves amounts with six decimals and zero as "0"', async () => {
    const response = await fetch(`${sim.url}/accounts/${SEED_ACCOUNT.id}`, { headers: headers() });
    expect(await response.json()).toEqual(SEED_ACCOUNT);
  });

  it("lists a client's accounts with the client id in data[].id and totals per asset and network", async () => {
    const response = await fetch(`${sim.url}/clients/client_2ofTA13AD0xBtbEvBl20aEb1hEu/accounts`, { headers: headers() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: [
        {
          id: 'client_2ofTA13AD0xBtbEvBl20aEb1hEu',
          accountId: 'acct_2ofTA5mz0T91pBmD3tMTeLE7T4X',
          balances: { available: [{ asset: 'USD', amount: '10.000000' }] },
          businessLegalName: 'Acme LLC',
        },
        {
          id: 'client_2ofTA13AD0xBtbEvBl20aEb1hEu',
          accountId: STABLECOIN_ACCOUNT.id,
          balances: STABLECOIN_ACCOUNT.balances,
          businessLegalName: 'Acme LLC',
        },
      ],
      totalBalances: {
        available: [
          { asset: 'USD', amount: '10.000000' },
          { asset: 'USDC', network: 'solana', amount: '1200.000000' },
          { asset: 'USDC', network: 'base', amount: '75.250000' },
        ],
      },
    });
  });

  it("serves a client's account with its own id and the client's", async () => {
    const response = await fetch(`${sim.url}/clients/client_2HpTLFIaaEbuexLTLTvKB7bIGDH/account`, { headers: headers() });
    expect(await response.json()).toEqual({
      id: FIAT_ACCOUNT.id,
      clientId: 'client_2HpTLFIaaEbuexLTLTvKB7bIGDH',
      businessLegalName: 'Northwind Trading Ltd',
      balances: FIAT_ACCOUNT.balances,
    });
  });

  it('serves the long client list in its upstream order (newest first), which the gateway re-orders', async () => {
    const env = simulator.env(sim.url);
    const headers = { 'x-api-key': env.CONDUIT_API_KEY ?? '', 'x-api-secret': env.CONDUIT_API_SECRET ?? '' };
    const response = await fetch(`${sim.url}/clients/${MANY_ACCOUNTS_CLIENT_ID}/accounts`, { headers });
    const body = (await response.json()) as { data: Array<{ id: string; accountId: string }> };
    expect(body.data).toHaveLength(MANY_ACCOUNTS.length);
    expect(body.data[0]?.accountId).toBe(MANY_ACCOUNTS.at(-1)?.id);
    expect(new Set(body.data.map((item) => item.id))).toEqual(new Set([MANY_ACCOUNTS_CLIENT_ID]));
  });
});
