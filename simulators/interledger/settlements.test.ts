// The Interledger simulator's settlement route over HTTP: exact base-unit arithmetic on the clearing balance (and the
// net balance with it), no connector credentials, clear 400s and the connector's 404 for an unknown account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { DEMO_PASSWORD, simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

const ADMIN = `Basic ${Buffer.from(`admin:${DEMO_PASSWORD}`).toString('base64')}`;

async function settle(body: unknown) {
  const response = await fetch(`${sim.url}/__simulator/settlements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const balanceOf = async (accountId: string) =>
  ((await (await fetch(`${sim.url}/accounts/${accountId}/balance`, { headers: { authorization: ADMIN } })).json()) as Record<string, any>)
    .accountBalance;

describe('POST /__simulator/settlements', () => {
  it('adds signed base units exactly to the clearing balance, beyond what a JS number holds, and the net follows', async () => {
    const up = await settle({ accountId: 'Alice', amount: '12345678901234567890' });
    expect(up).toEqual({
      status: 200,
      body: {
        assetCode: 'USD',
        assetScale: '2',
        accountBalance: { accountId: 'alice', clearingBalance: '12345678901234567990', prepaidAmount: '50', netBalance: '12345678901234568040' },
      },
    });
    expect(await balanceOf('alice')).toEqual(up.body.accountBalance);
    const down = await settle({ accountId: 'bob', amount: '-1' });
    expect(down.body.accountBalance).toEqual({ accountId: 'bob', clearingBalance: '-1500000001', prepaidAmount: '0', netBalance: '-1500000001' });
  });

  it('is not a STREAM payment: the payments list is unchanged', async () => {
    const list = async () =>
      (await (await fetch(`${sim.url}/accounts/carol/payments`, { headers: { authorization: ADMIN } })).json()) as { payments: unknown[] };
    const before = (await list()).payments.length;
    expect((await settle({ accountId: 'carol', amount: '7' })).status).toBe(200);
    expect((await list()).payments.length).toBe(before);
  });

  it('refuses bad input with a clear 400 and an unknown account with the connector’s 404, changing nothing', async () => {
    const before = await balanceOf('alice');
    const cases: Array<[unknown, string]> = [
      ['not json', 'The body must be a JSON object { accountId, amount }'],
      [[1], 'The body must be a JSON object { accountId, amount }'],
      [{ amount: '1' }, 'accountId is required (a string)'],
      [{ accountId: 'alice', amount: 100 }, 'amount is required as a string of integer base units (not a JSON number)'],
      [{ accountId: 'alice' }, 'amount is required as a string of integer base units (not a JSON number)'],
      [{ accountId: 'alice', amount: '1.50' }, 'amount must be integer base units, e.g. "1500" or "-250"; got "1.50"'],
      [{ accountId: 'alice', amount: '+5' }, 'amount must be integer base units, e.g. "1500" or "-250"; got "+5"'],
      [{ accountId: 'alice', amount: '-0' }, 'amount must not be zero'],
    ];
    for (const [body, detail] of cases) expect(await settle(body)).toEqual({ status: 400, body: { title: 'Bad Request', status: 400, detail } });
    expect((await settle({ accountId: 'a b', amount: '1' })).body.type).toBe('https://errors.interledger.org/accounts/invalid-account-id');
    const unknown = await settle({ accountId: 'nobody', amount: '1' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe('https://errors.interledger.org/accounts/account-not-found');
    expect(await balanceOf('alice')).toEqual(before);
  });
});
