// The Midaz v3.8 simulator over HTTP: its error bodies and codes, bearer auth, balances with the position block,
// the account list's query rules, and account changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { MIDAZ_LEDGER_IDS, MIDAZ_NATIVE_IDS, MIDAZ_ORGANIZATION_ID, MIDAZ_SAMPLE_IDS, midazFixtures, midazPayoutFixtures } from './fixtures.js';
import { createMidazSimulator, MIDAZ_DEMO_TOKEN, simulator } from './simulator.js';

const ORG = MIDAZ_ORGANIZATION_ID;
const BRAZIL = MIDAZ_LEDGER_IDS.brazil;
const ledgerUrl = (ledger: string) => `/v1/organizations/${ORG}/ledgers/${ledger}/accounts`;
const UNKNOWN_ACCOUNT = `${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}/0198f3ff-0000-7000-8000-000000000000`;
const ENTITY_NOT_FOUND = {
  code: '0007',
  title: 'Entity Not Found',
  message: 'No entity was found for the given ID. Please make sure to use the correct ID for the entity you are trying to manage.',
};

const accountPath = (nativeId: string): string => {
  const [organizationId, ledgerId, accountId] = nativeId.split('/');
  return `/v1/organizations/${organizationId}/ledgers/${ledgerId}/accounts/${accountId}`;
};

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

describe('the Midaz simulator with its auth on', () => {
  const get = (path: string, token: string | null = MIDAZ_DEMO_TOKEN) =>
    fetch(`${sim.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers an unknown account with the exact 0007 body', async () => {
    const response = await get(accountPath(UNKNOWN_ACCOUNT));
    expect(response.status).toBe(404);
    expect(await response.json()).toStrictEqual(ENTITY_NOT_FOUND);
  });

  it('answers an unknown ledger with 0007 too', async () => {
    const response = await get(accountPath(`${MIDAZ_ORGANIZATION_ID}/0198f3ff-0000-7000-8000-000000000001/${MIDAZ_NATIVE_IDS.onHold.split('/')[2]}`));
    expect(response.status).toBe(404);
    expect(await response.json()).toStrictEqual(ENTITY_NOT_FOUND);
  });

  it('refuses a path id that is not a UUID with 0065', async () => {
    const response = await get(`/v1/organizations/${MIDAZ_ORGANIZATION_ID}/ledgers/${MIDAZ_LEDGER_IDS.brazil}/accounts/not-a-uuid`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: '0065', title: 'Invalid Path Parameter' });
  });

  it('refuses a balances limit above 100 with 0080', async () => {
    const response = await get(`${accountPath(MIDAZ_NATIVE_IDS.onHold)}/balances?limit=101`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: '0080', title: 'Pagination Limit Exceeded' });
  });

  it('refuses a missing token with 0041 and a wrong one with 0042', async () => {
    const missing = await get(accountPath(MIDAZ_NATIVE_IDS.onHold), null);
    const wrong = await get(accountPath(MIDAZ_NATIVE_IDS.onHold), 'nope');
    expect([missing.status, wrong.status]).toStrictEqual([401, 401]);
    expect(await missing.json()).toMatchObject({ code: '0041', title: 'Token Missing' });
    expect(await wrong.json()).toMatchObject({ code: '0042', title: 'Invalid Token' });
  });

  it('omits metadata when an account has none, and sends amounts as strings', async () => {
    const account = (await (await get(accountPath(MIDAZ_NATIVE_IDS.treasury))).json()) as Record<string, unknown>;
    expect(account).not.toHaveProperty('metadata');
    const page = (await (await get(`${accountPath(MIDAZ_NATIVE_IDS.onHold)}/balances`)).json()) as {
      items: Array<Record<string, unknown>>;
      limit: number;
    };
    expect(page).toMatchObject({ limit: 10, items: [{ available: '23212.31', onHold: '112.31' }] });
    expect(page).not.toHaveProperty('next_cursor');
  });

  it('serialises each balance with the position block Midaz computes, and an empty page as items: null', async () => {
    const page = (await (await get(`${accountPath(MIDAZ_NATIVE_IDS.overdrawn)}/balances`)).json()) as { items: Array<Record<string, unknown>> };
    expect(
      page.items.map(({ key, available, overdraftUsed, direction, settings, position }) => ({
        key,
        available,
        overdraftUsed,
        direction,
        settings,
        position,
      })),
    ).toStrictEqual([
      {
        key: 'default',
        available: '0',
        overdraftUsed: '150.5',
        direction: 'credit',
        settings: { allowOverdraft: true, overdraftLimitEnabled: true, overdraftLimit: '500.00' },
        position: { available: '-150.5', onHold: '0', overdraftLimitAvailable: '349.5' },
      },
      {
        key: 'overdraft',
        available: '150.5',
        overdraftUsed: '0',
        direction: 'debit',
        settings: { balanceScope: 'internal', allowOverdraft: false, overdraftLimitEnabled: false },
        position: { available: '150.5', onHold: '0', overdraftLimitAvailable: '0' },
      },
    ]);
    const plain = (await (await get(`${accountPath(MIDAZ_NATIVE_IDS.onHold)}/balances`)).json()) as { items: Array<Record<string, unknown>> };
    expect(plain.items[0]).toMatchObject({
      direction: 'credit',
      overdraftUsed: '0',
      position: { available: '23212.31', onHold: '112.31', overdraftLimitAvailable: '0' },
    });
    expect(plain.items[0]).not.toHaveProperty('settings');

    const owner = midazFixtures[1]!.account;
    const bare = await startSimulator(createMidazSimulator({ accounts: [{ account: owner, balances: [] }] }));
    try {
      const empty = await fetch(`${bare.url}${accountPath(`${owner.organizationId}/${owner.ledgerId}/${owner.id}`)}/balances`);
      expect(await empty.json()).toStrictEqual({ items: null, limit: 10 });
    } finally {
      await bare.close();
    }
  });

  it("lists a ledger's accounts a page at a time", async () => {
    const response = await get(`/v1/organizations/${MIDAZ_ORGANIZATION_ID}/ledgers/${MIDAZ_LEDGER_IDS.brazil}/accounts?limit=2&page=2`);
    const body = (await response.json()) as { items: Array<{ id: string }>; page: number; limit: number };
    expect(body.page).toBe(2);
    expect(body.limit).toBe(2);
    expect(body.items).toHaveLength(2);
  });
  it('points the gateway at itself with the demo token and offers every seeded account as a sample id', () => {
    expect(simulator.env('http://127.0.0.1:1234')).toStrictEqual({ MIDAZ_URL: 'http://127.0.0.1:1234', MIDAZ_TOKEN: MIDAZ_DEMO_TOKEN });
    expect(simulator.sampleIds).toStrictEqual(MIDAZ_SAMPLE_IDS);
    expect(simulator.sampleIds).toStrictEqual(
      midazFixtures.map(({ account }) => `midaz:${account.organizationId}/${account.ledgerId}/${account.id}`),
    );
  });
});

describe('the Midaz simulator without auth, its list and its changes', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator(createMidazSimulator());
  });
  afterAll(() => sim.close());

  const get = (path: string) => fetch(`${sim.url}${path}`).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({
      status: r.status,
      body: r.status === 204 ? undefined : ((await r.json()) as Record<string, any>),
    }));

  it('refuses a limit above 100 with 0080 and answers an empty page as {items: null, page, limit}, as Go writes a nil slice', async () => {
    expect(await get(`${ledgerUrl(BRAZIL)}?limit=101`)).toMatchObject({ status: 400, body: { code: '0080', title: 'Pagination Limit Exceeded' } });
    expect(await get(`${ledgerUrl(BRAZIL)}?limit=2&page=3`)).toMatchObject({
      status: 200,
      body: { page: 3, limit: 2, items: [{ alias: '@mercadinho_bom_preco' }] },
    });
    expect(await get(`${ledgerUrl(BRAZIL)}?limit=2&page=4`)).toStrictEqual({ status: 200, body: { page: 4, limit: 2, items: null } });
  });

  it('matches query keys by substring, as Midaz does: any key containing "type" filters by type', async () => {
    const byType = await get(`${ledgerUrl(MIDAZ_LEDGER_IDS.payouts)}?account_type=creditcard&limit=100`);
    expect(byType.body.items).toHaveLength(midazPayoutFixtures.filter(({ account }) => account.type === 'creditCard').length);
    const metadata = await get(`${ledgerUrl(MIDAZ_LEDGER_IDS.payouts)}?metadata.type=x&limit=100`);
    expect(metadata).toStrictEqual({
      status: 404,
      body: {
        entityType: 'Account',
        code: '0064',
        title: 'No Accounts Found',
        message: 'No accounts were found in the search. Please review the search criteria and try again.',
      },
    });
  });

  it('applies one metadata condition only: the last one given', async () => {
    const both = await get(`${ledgerUrl(MIDAZ_LEDGER_IDS.payouts)}?metadata.region=nowhere&metadata.tier=gold&limit=100`);
    expect(both.body.items.length).toBeGreaterThan(0);
  });

  it.each([
    ['status=frozen', '0082'],
    ['blocked=maybe', '0082'],
    ['portfolio_id=p1', '0082'],
    ['start_date=2025-09-01', '0083'],
    ['start_date=2025-09-02&end_date=2025-09-01', '0078'],
    ['start_date=yesterday&end_date=2025-09-01', '0131'],
    ['sort_order=up', '0081'],
  ])('refuses %s with %s', async (query, code) => {
    expect(await get(`${ledgerUrl(BRAZIL)}?${query}`)).toMatchObject({ status: 400, body: { code } });
  });

  it('refuses unknown fields with 0053, missing ones with 0009, invalid ones with 0047 and their fields', async () => {
    expect(await send('POST', ledgerUrl(BRAZIL), { assetCode: 'BRL', type: 'deposit', color: 'red' })).toMatchObject({
      status: 400,
      body: { code: '0053', fields: { color: 'red' } },
    });
    expect(await send('POST', ledgerUrl(BRAZIL), { name: 'x' })).toMatchObject({
      status: 400,
      body: { code: '0009', fields: { assetCode: 'assetCode is a required field', type: 'type is a required field' } },
    });
    expect(await send('POST', ledgerUrl(BRAZIL), { assetCode: 'BRL', type: 'deposit', alias: 'a b', portfolioId: 'p' })).toMatchObject({
      status: 400,
      body: { code: '0047', title: 'Bad Request', fields: { alias: 'alias', portfolioId: 'portfolioId must be a valid UUID' } },
    });
    expect(await send('POST', ledgerUrl(BRAZIL), { assetCode: 'BRL', type: 'deposit', blocked: 'yes' })).toMatchObject({
      status: 400,
      body: { code: '0094' },
    });
    expect(await send('PATCH', `${ledgerUrl(BRAZIL)}/${MIDAZ_NATIVE_IDS.twoKeys.split('/')[2]}`, { alias: '@new' })).toMatchObject({
      status: 400,
      body: { code: '0053' },
    });
  });

  it('creates the account with its default balance, and soft-deletes it out of reads and lists', async () => {
    const created = await send('POST', ledgerUrl(BRAZIL), { assetCode: 'BRL', type: 'deposit', name: 'Temp' });
    expect(created).toMatchObject({ status: 201, body: { name: 'Temp', status: { code: 'ACTIVE', description: null }, blocked: false } });
    expect(created.body).not.toHaveProperty('metadata');
    const path = `${ledgerUrl(BRAZIL)}/${created.body?.id}`;
    expect(created.body?.alias).toBe(created.body?.id);
    expect((await get(`${path}/balances`)).body.items).toMatchObject([{ key: 'default', available: '0', onHold: '0' }]);
    expect(await send('DELETE', path)).toStrictEqual({ status: 204, body: undefined });
    expect(await get(path)).toMatchObject({ status: 404, body: { code: '0007' } });
    expect(await send('PATCH', path, { name: 'x' })).toMatchObject({ status: 404, body: { code: '0052', title: 'Account ID Not Found' } });
    expect(await send('DELETE', path)).toMatchObject({ status: 404, body: { code: '0052' } });
    const listed = await get(`${ledgerUrl(BRAZIL)}?limit=100`);
    expect(listed.body.items.map((a: { id: string }) => a.id)).not.toContain(created.body?.id);
  });

  it('refuses to change the external account (0074) or delete one holding money (0012, 400)', async () => {
    const external = `${ledgerUrl(BRAZIL)}/${MIDAZ_NATIVE_IDS.external.split('/')[2]}`;
    expect(await send('PATCH', external, { name: 'x' })).toMatchObject({
      status: 400,
      body: { code: '0074', title: 'External Account Modification Prohibited' },
    });
    expect(await send('DELETE', external)).toMatchObject({ status: 400, body: { code: '0074' } });
    const holding = `${ledgerUrl(BRAZIL)}/${MIDAZ_NATIVE_IDS.onHold.split('/')[2]}`;
    expect(await send('DELETE', holding)).toMatchObject({ status: 400, body: { code: '0012', title: 'Account Balance Deletion Error' } });
  });

  it('merges metadata on PATCH, removing the keys sent as null', async () => {
    const path = `${ledgerUrl(BRAZIL)}/${MIDAZ_NATIVE_IDS.onHold.split('/')[2]}`;
    const patched = await send('PATCH', path, { metadata: { branch: null, channel: 'app' } });
    expect(patched).toMatchObject({ status: 200, body: { metadata: { kycLevel: 2, channel: 'app' } } });
    expect(patched.body?.metadata).not.toHaveProperty('branch');
  });
});
