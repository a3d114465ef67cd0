// The Interledger provider over real HTTP against its simulator: normalised ids, call counts, error codes, lazy balances, list and changes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../errors.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { UpstreamClient } from '../../upstream/client.js';
import type { RequestContext } from '../../context.js';
import { interledger } from './index.js';
import type { InterledgerAccountModel, InterledgerSource } from './model.js';
import { DEMO_PASSWORD, simulator } from '../../../simulators/interledger/simulator.js';
import { CursorCodec } from '../../cursor.js';
import { listInterledgerAccounts } from './lists.js';
import type { ProviderCall } from '../shared/resolve.js';
import { pageAfter } from '../shared/connection.js';
import { PartialResults } from '../../partialResults.js';
import { testClient } from '../../../test/support/clients.js';
import { gatewayRejection } from '../../../test/support/errors.js';

let sim: RunningSimulator;
const clients: UpstreamClient[] = [];

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function clientAs(username = 'admin', password = DEMO_PASSWORD): UpstreamClient {
  const client = testClient('INTERLEDGER', sim.url, { authorization: basic(username, password) });
  clients.push(client);
  return client;
}

const source = (username?: string, password?: string): InterledgerSource => interledger.createSource(clientAs(username, password));


function thrownBy(run: () => unknown): GatewayError {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
beforeEach(() => sim.reset());
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

describe('account ids', () => {
  it('normalises an id as the connector does and calls the normalised path', async () => {
    const nativeId = interledger.parseNativeId('Connie.Parent');
    expect(nativeId).toBe('connieparent');
    const account = await source().account(nativeId);
    expect(account.id).toBe('interledger:connieparent');
    expect(sim.requests.map((r) => r.url)).toEqual(['/accounts/connieparent']);
  });

  it.each([
    ['65 characters', 'a'.repeat(65)],
    ['a slash', 'a/b'],
    ['a percent-encoded slash', '%2F'],
    ['a space', 'alice bob'],
    ['nothing', ''],
    ['a query', 'alice?x=1'],
  ])('refuses an id with %s before any request', (_name, id) => {
    const error = thrownBy(() => interledger.parseNativeId(id));
    expect(error.code).toBe(ErrorCode.BadUserInput);
    expect(error.message).toContain('Interledger account id');
    expect(sim.requests).toHaveLength(0);
  });

  it('accepts 64 characters of every allowed kind', () => {
    const id = `Ab0._~-${'x'.repeat(57)}`;
    expect(interledger.parseNativeId(id)).toBe(`ab0_~-${'x'.repeat(57)}`);
  });
});

describe('loading accounts', () => {
  it('fetches the same account once when asked three times', async () => {
    const accounts = source();
    const loaded = await Promise.all([accounts.account('alice'), accounts.account('alice'), accounts.account('alice')]);
    await accounts.account('alice');
    expect(loaded.map((a) => a.nativeId)).toEqual(['alice', 'alice', 'alice']);
    expect(sim.count('GET', '/accounts/alice')).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it('maps a fetched account with its secrets redacted and no upstream URL', async () => {
    const account = await source().account('connieparent');
    expect(account).toMatchObject({
      relationship: 'PARENT',
      assetCode: 'XRP',
      assetScale: 9,
      maximumPacketAmount: '12345678901.23456789',
      balanceSettings: { minBalance: null, settleThreshold: '1', settleTo: '0.25' },
      settlementEngineAccountId: '8a8e1c4e-0b9f-4a8a-9d8c-2f1e3b7d5c90',
    });
    const text = JSON.stringify(account);
    expect(text).not.toContain(sim.url);
    expect(text).not.toContain('settlement-engine.internal');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('sk_live');
    expect(text).not.toContain('enc:');
  });

  it('shows a blank description as no display name', async () => {
    expect((await source().account('carol')).displayName).toBeNull();
  });

  it('reports an unknown account as NOT_FOUND from INTERLEDGER, without the upstream URL', async () => {
    const error = await gatewayRejection(source().account('nobody'));
    expect(error.code).toBe(ErrorCode.NotFound);
    expect(error.extensions.provider).toBe('INTERLEDGER');
    expect(error.message).not.toContain(sim.url);
    expect(error.message).not.toMatch(/https?:|\/accounts/);
  });

  it('reports a wrong password as UNAUTHENTICATED', async () => {
    const error = await gatewayRejection(source('admin', 'wrong').account('alice'));
    expect(error.code).toBe(ErrorCode.Unauthenticated);
    expect(error.extensions.provider).toBe('INTERLEDGER');
  });

  it('reports the read-only user as FORBIDDEN for accounts, while it may read balances', async () => {
    const readOnly = source('user', DEMO_PASSWORD);
    expect((await gatewayRejection(readOnly.account('alice'))).code).toBe(ErrorCode.Forbidden);
    expect(await readOnly.balance('alice')).toMatchObject({ balance: { net: '1.5' } });
  });
});

describe('balances', () => {
  it('fetches a balance once when asked twice', async () => {
    const accounts = source();
    const [first, second] = await Promise.all([accounts.balance('bob'), accounts.balance('bob')]);
    expect(first).toEqual({ balance: { asset: { code: 'XRP' }, clearing: '-1.5', prepaid: '0', net: '-1.5' } });
    expect(second).toEqual(first);
    expect(sim.count('GET', '/accounts/bob/balance')).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it('makes one balance call for balances and balance together, and none for the account alone', async () => {
    const accounts = source();
    const ctx = { source: () => accounts } as unknown as RequestContext;
    const fields = interledger.resolvers.InterledgerAccount as Record<string, (parent: InterledgerAccountModel, args: object, ctx: RequestContext, info: never) => unknown>;
    const account = await accounts.account('alice');
    expect(sim.requests).toHaveLength(1);

    const [balances, balance] = await Promise.all([
      fields.balances?.(account, {}, ctx, undefined as never),
      fields.balance?.(account, {}, ctx, undefined as never),
    ]);
    expect(balances).toEqual([{ asset: { code: 'USD' }, amount: '1.5', onHold: null }]);
    expect(balance).toEqual({ asset: { code: 'USD' }, clearing: '1', prepaid: '0.5', net: '1.5' });
    expect(sim.count('GET', '/accounts/alice/balance')).toBe(1);
    expect(sim.requests).toHaveLength(2);
  });
});

describe('the simulator', () => {
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
        { accountId: 'nobodyhere', type: 'https://errors.interledger.org/accounts/account-not-found', title: 'Account Not Found (`nobodyhere`)', status: 404 },
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
      [await get('/accounts/alice', ''), 401, { title: 'Unauthorized', status: 401, detail: 'Full authentication is required to access this resource' }],
      [await get('/accounts', basic('user', DEMO_PASSWORD)), 403, { title: 'Forbidden', status: 403, detail: 'Access is denied' }],
    ];
    for (const [response, status, body] of cases) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toEqual(body);
    }
  });

  it('gives the gateway admin credentials it accepts', () => {
    expect(simulator.env('http://127.0.0.1:1')).toEqual({ INTERLEDGER_URL: 'http://127.0.0.1:1', INTERLEDGER_USERNAME: 'admin', INTERLEDGER_PASSWORD: DEMO_PASSWORD });
  });

  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: basic('admin', DEMO_PASSWORD), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates with 201, a Location header, the normalised id, defaults filled in and every number a string', async () => {
    const response = await send('POST', '/accounts', { accountId: 'Zed.Z', accountRelationship: 'PEER', assetCode: 'USD', assetScale: 2, linkType: 'LOOPBACK', maximumPacketAmount: 500 });
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
    expect(balance).toEqual({ assetCode: 'USD', assetScale: '2', accountBalance: { accountId: 'zedz', clearingBalance: '0', prepaidAmount: '0', netBalance: '0' } });
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
        { accountId: 'alice', type: 'https://errors.interledger.org/accounts/account-already-exists', title: 'Account Already Exists (`alice`)', status: 409 },
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
        { title: 'Bad Request', status: 400, detail: 'JSON parse error: Cannot build AccountSettings, some of required attributes are not set [accountRelationship, assetScale, linkType]' },
      ],
      [
        await send('PUT', '/accounts/nobody', base),
        404,
        { accountId: 'nobody', type: 'https://errors.interledger.org/accounts/account-not-found', title: 'Account Not Found (`nobody`)', status: 404 },
      ],
      [
        await send('DELETE', '/accounts/nobody'),
        404,
        { accountId: 'nobody', type: 'https://errors.interledger.org/accounts/account-not-found', title: 'Account Not Found (`nobody`)', status: 404 },
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
    expect(after).toMatchObject({ accountId: 'carol', createdAt: before.createdAt, accountRelationship: 'CHILD', internal: false, sendRoutes: true, receiveRoutes: false });
    expect((after.customSettings as Record<string, string>)['ilpOverHttp.incoming.shared_secret']).toMatch(/^enc:JKS:/);
    await send('PUT', '/accounts/carol', before);
  });

  it('refuses changes to the read-only user', async () => {
    const response = await fetch(`${sim.url}/accounts/alice`, { method: 'DELETE', headers: { authorization: basic('user', DEMO_PASSWORD) } });
    expect(response.status).toBe(403);
  });
});

describe('the account list', () => {
  const on = (accounts: InterledgerSource): ProviderCall<'INTERLEDGER'> => ({
    provider: 'INTERLEDGER',
    source: accounts,
    client: clientAs(),
    cursors: new CursorCodec('unit-test-secret'),
    partial: new PartialResults(() => 'Interledger'),
  });

  it('primes the request’s loader with every account of the page, so none is fetched again', async () => {
    const accounts = source();
    const page = await listInterledgerAccounts(on(accounts), { first: 2 }, { path: { prev: undefined, key: 'interledgerAccounts', typename: 'Query' } });
    expect(page.nodes.map((n) => n.nativeId)).toEqual(['__ping_account__', 'alice']);
    await Promise.all([accounts.account('alice'), accounts.account('__ping_account__')]);
    expect(sim.requests.map((r) => r.url)).toEqual(['/accounts']);
  });

  it.each([
    [[], undefined, 2, { items: [], before: false, more: false }],
    [['a', 'b', 'c'], undefined, 2, { items: ['a', 'b'], before: false, more: true }],
    [['a', 'b', 'c'], 'b', 2, { items: ['c'], before: true, more: false }],
    [['a', 'c', 'd'], 'b', 1, { items: ['c'], before: true, more: true }],
    [['a', 'b'], 'z', 5, { items: [], before: true, more: false }],
  ])('pages %j after %s by %i as %j', (ids, after, size, expected) => {
    expect(pageAfter(ids, (id) => id, after, size)).toEqual(expected);
  });
});
