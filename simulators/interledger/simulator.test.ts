// The Interledger connector simulator over HTTP: HAL lists, problem+json errors, Basic auth roles and account changes
// as the Java connector answers them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { DEMO_PASSWORD, simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('the Interledger connector simulator', () => {
  const get = (path: string, authorization = basic('admin', DEMO_PASSWORD)) => fetch(`${sim.url}${path}`, { headers: { authorization } });

  it('lists every account in one HAL page, numbers as strings, links from the Host header', async () => {
    const response = await get('/accounts?pageNumber=3&numPerPage=1');
    const body = (await response.json()) as { _embedded: { immutableAccountSettingsList: Array<Record<string, unknown>> }; page: unknown };
    const list = body._embedded.immutableAccountSettingsList;
    expect(list.map((a) => a.accountId)).toEqual(simulator.sampleIds.map((id) => id.slice('interledger:'.length)));
    expect(body.page).toEqual({ size: String(list.length), totalElements: String(list.length), totalPages: '1', number: '0' });
    expect(list[0]).toMatchObject({ assetScale: '2', _links: { self: { href: `${sim.url}/accounts/__ping_account__` } } });
  });

  it('answers problem+json for an unknown account, a bad id, no credentials and the read-only user', async () => {
    const cases: Array<[Response, number, unknown]> = [
      [
        await get('/accounts/Nobody.Here'),
        404,
        {
          accountId: 'nobodyhere',
          type: 'https://errors.interledger.org/accounts/account-not-found',
          title: 'Account Not Found (`nobodyhere`)',
          status: 404,
        },
      ],
      [
        await get('/accounts/a%20b'),
        400,
        {
          type: 'https://errors.interledger.org/accounts/invalid-account-id',
          title: 'Invalid AccountId',
          status: 400,
          detail: "AccountIds may only contain the following characters: 'a–z', '0–9', '-', '_', or '~'",
        },
      ],
      [
        await get('/accounts/alice', ''),
        401,
        { title: 'Unauthorized', status: 401, detail: 'Full authentication is required to access this resource' },
      ],
      [await get('/accounts', basic('user', DEMO_PASSWORD)), 403, { title: 'Forbidden', status: 403, detail: 'Access is denied' }],
    ];
    for (const [response, status, body] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toEqual(body);
    }
  });

  it('gives the gateway admin credentials it accepts', () => {
    expect(simulator.env('http://127.0.0.1:1')).toEqual({
      INTERLEDGER_URL: 'http://127.0.0.1:1',
      INTERLEDGER_USERNAME: 'admin',
      INTERLEDGER_PASSWORD: DEMO_PASSWORD,
    });
  });

  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: basic('admin', DEMO_PASSWORD), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates with 201, a Location header, the normalised id, defaults filled in and every number a string', async () => {
    const response = await send('POST', '/accounts', {
      accountId: 'Zed.Z',
      accountRelationship: 'PEER',
      assetCode: 'USD',
      assetScale: 2,
      linkType: 'LOOPBACK',
      maximumPacketAmount: 500,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${sim.url}/accounts/zedz`);
    expect(await response.json()).toMatchObject({
      accountId: 'zedz',
      description: '',
      assetScale: '2',
      maximumPacketAmount: '500',
      ilpAddressSegment: 'zedz',
      connectionInitiator: true,
      sendRoutes: true,
      receiveRoutes: true,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
      _links: { self: { href: `${sim.url}/accounts/zedz` } },
    });
    const balance = await (await get('/accounts/zedz/balance')).json();
    expect(balance).toEqual({
      assetCode: 'USD',
      assetScale: '2',
      accountBalance: { accountId: 'zedz', clearingBalance: '0', prepaidAmount: '0', netBalance: '0' },
    });
    const list = (await (await get('/accounts')).json()) as { _embedded: { immutableAccountSettingsList: Array<{ accountId: string }> } };
    expect(list._embedded.immutableAccountSettingsList.map((a) => a.accountId)).toContain('zedz');
    expect((await send('DELETE', '/accounts/zedz')).status).toBe(204);
  });

  it('answers the connector’s problem bodies for a taken id, a bad id, bad settings and a missing attribute', async () => {
    const base = { accountRelationship: 'PEER', assetCode: 'USD', assetScale: '2', linkType: 'LOOPBACK' };
    const cases: Array<[Response, number, unknown]> = [
      [
        await send('POST', '/accounts', { ...base, accountId: 'Al.ice' }),
        409,
        {
          accountId: 'alice',
          type: 'https://errors.interledger.org/accounts/account-already-exists',
          title: 'Account Already Exists (`alice`)',
          status: 409,
        },
      ],
      [
        await send('POST', '/accounts', { ...base, accountId: 'a b' }),
        400,
        {
          type: 'https://errors.interledger.org/accounts/invalid-account-id',
          title: 'Invalid AccountId',
          status: 400,
          detail: "AccountIds may only contain the following characters: 'a–z', '0–9', '-', '_', or '~'",
        },
      ],
      [
        await send('POST', '/accounts', { ...base, accountId: 'newbie', balanceSettings: { settleThreshold: '5', settleTo: '6' } }),
        400,
        {
          accountId: 'newbie',
          type: 'https://errors.interledger.org/accounts/invalid-account-settings',
          title: 'Invalid Account Settings',
          status: 400,
          detail: 'settleThreshold must be greater than or equal to the settleTo',
        },
      ],
      [
        await send('POST', '/accounts', { accountId: 'newbie', assetCode: 'USD' }),
        400,
        {
          title: 'Bad Request',
          status: 400,
          detail:
            'JSON parse error: Cannot build AccountSettings, some of required attributes are not set [accountRelationship, assetScale, linkType]',
        },
      ],
      [
        await send('PUT', '/accounts/nobody', base),
        404,
        {
          accountId: 'nobody',
          type: 'https://errors.interledger.org/accounts/account-not-found',
          title: 'Account Not Found (`nobody`)',
          status: 404,
        },
      ],
      [
        await send('DELETE', '/accounts/nobody'),
        404,
        {
          accountId: 'nobody',
          type: 'https://errors.interledger.org/accounts/account-not-found',
          title: 'Account Not Found (`nobody`)',
          status: 404,
        },
      ],
    ];
    for (const [response, status, body] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toEqual(body);
    }
    expect((await get('/accounts/newbie')).status).toBe(404);
  });

  it('replaces every mutable setting on PUT, keeping the id and creation time, and encrypts plain secrets', async () => {
    const before = (await (await get('/accounts/carol')).json()) as Record<string, unknown>;
    const response = await send('PUT', '/accounts/Car.ol', {
      accountId: 'ignored',
      accountRelationship: 'CHILD',
      assetCode: 'EUR',
      assetScale: '2',
      linkType: 'LOOPBACK',
      customSettings: { 'ilpOverHttp.incoming.shared_secret': 'plain' },
    });
    expect(response.status).toBe(200);
    const after = (await response.json()) as Record<string, unknown>;
    expect(after).toMatchObject({
      accountId: 'carol',
      createdAt: before.createdAt,
      accountRelationship: 'CHILD',
      internal: false,
      sendRoutes: true,
      receiveRoutes: false,
    });
    expect((after.customSettings as Record<string, string>)['ilpOverHttp.incoming.shared_secret']).toMatch(/^enc:JKS:/);
    await send('PUT', '/accounts/carol', before);
  });

  it('refuses changes to the read-only user', async () => {
    const response = await fetch(`${sim.url}/accounts/alice`, { method: 'DELETE', headers: { authorization: basic('user', DEMO_PASSWORD) } });
    expect(response.status).toBe(403);
  });
});

describe('the simulator’s STREAM payments (connector 0.5.0 and later)', () => {
  const get = (path: string, authorization = basic('admin', DEMO_PASSWORD)) => fetch(`${sim.url}${path}`, { headers: { authorization } });
  type Page = { payments: Array<Record<string, unknown>>; pageNumber: string; pageSize: string };

  /** Field → JSON types over the payments of the stored 0.5.x page (src/providers/interledger/testdata, read as data). */
  const storedTypes = (): Map<string, Set<string>> => {
    const page = JSON.parse(
      readFileSync(new URL('../../src/providers/interledger/testdata/v0.5-payments-page.json', import.meta.url), 'utf8'),
    ) as Page;
    const types = new Map<string, Set<string>>();
    for (const payment of page.payments)
      for (const [key, value] of Object.entries(payment))
        types.set(key, new Set([...(types.get(key) ?? []), value === null ? 'null' : typeof value]));
    return types;
  };

  it('pages alice’s payments 100 at a time, newest first, with the connector’s fields and number strings only', async () => {
    const first = (await (await get('/accounts/alice/payments')).json()) as Page;
    const second = (await (await get('/accounts/alice/payments?page=1')).json()) as Page;
    const third = (await (await get('/accounts/alice/payments?page=2')).json()) as Page;
    expect([first.payments.length, second.payments.length, third.payments.length]).toEqual([100, 30, 0]);
    expect([first.pageNumber, first.pageSize, second.pageNumber, third.pageNumber]).toEqual(['0', '100', '1', '2']);
    const all = [...first.payments, ...second.payments];
    const times = all.map((p) => Date.parse(p.createdAt as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(all.map((p) => p.streamPaymentId)).size).toBe(130);
    expect(new Set(all.map((p) => p.type))).toEqual(new Set(['PAYMENT_SENT', 'PAYMENT_RECEIVED']));
    // The connector's own check: a payment sent is at or below 0, one received at or above.
    for (const p of all) expect((p.amount as string).startsWith('-')).toBe(p.type === 'PAYMENT_SENT');
    const stored = storedTypes();
    for (const p of all) {
      expect(Object.keys(p)).toEqual([...stored.keys()]);
      for (const [key, value] of Object.entries(p)) expect(stored.get(key), key).toContain(value === null ? 'null' : typeof value);
    }
  });

  it('answers an unknown account with no payments (the controller never checks it), and refuses a page that is not a number', async () => {
    expect(await (await get('/accounts/nobody/payments')).json()).toEqual({ payments: [], pageNumber: '0', pageSize: '100' });
    expect((await get('/accounts/alice/payments?page=x')).status).toBe(400);
    expect((await get('/accounts/a%20b/payments')).status).toBe(400);
  });

  it('reads one payment by id, answers an unknown one with an empty 200, and lets the read-only user read both', async () => {
    const page = (await (await get('/accounts/bob/payments')).json()) as Page;
    const id = page.payments[0]!.streamPaymentId as string;
    const one = await get(`/accounts/bob/payments/${id}`, basic('user', DEMO_PASSWORD));
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(page.payments[0]);
    const none = await get('/accounts/bob/payments/0000');
    expect(none.status).toBe(200);
    expect(await none.text()).toBe('');
  });

  it('records a payment sent (and received, between accounts of one asset) and moves the clearing balances', async () => {
    const send = (accountId: string, body: unknown) =>
      fetch(`${sim.url}/accounts/${accountId}/payments`, {
        method: 'POST',
        headers: { authorization: basic('admin', DEMO_PASSWORD), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const balance = async (id: string) =>
      ((await (await get(`/accounts/${id}/balance`)).json()) as { accountBalance: { clearingBalance: string } }).accountBalance.clearingBalance;
    const [bobBefore, parentBefore] = [await balance('bob'), await balance('connieparent')];
    const response = await send('bob', { amount: '1000000001', destinationPaymentPointer: '$connie.example/connieparent' });
    expect(response.status).toBe(200);
    const sent = (await response.json()) as Record<string, unknown>;
    expect(sent).toMatchObject({
      type: 'PAYMENT_SENT',
      amount: '-1000000001',
      amountSent: '1000000001',
      deliveredAssetCode: 'XRP',
      successfulPayment: true,
    });
    const [bobTop] = ((await (await get('/accounts/bob/payments')).json()) as Page).payments;
    const [parentTop] = ((await (await get('/accounts/connieparent/payments')).json()) as Page).payments;
    expect(bobTop).toMatchObject({ streamPaymentId: sent.streamPaymentId, type: 'PAYMENT_SENT', amount: '-1000000001' });
    expect(parentTop).toMatchObject({ streamPaymentId: sent.streamPaymentId, type: 'PAYMENT_RECEIVED', amount: '1000000001', expectedAmount: null });
    expect(BigInt(await balance('bob'))).toBe(BigInt(bobBefore) - 1000000001n);
    expect(BigInt(await balance('connieparent'))).toBe(BigInt(parentBefore) + 1000000001n);
    expect((await send('bob', { amount: '-5', destinationPaymentPointer: '$x/y' })).status).toBe(400);
    expect((await send('nobody', { amount: '5', destinationPaymentPointer: '$x/y' })).status).toBe(404);
  });
});
