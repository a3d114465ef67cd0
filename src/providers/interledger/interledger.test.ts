// The Interledger provider over real HTTP against its simulator: normalised ids, call counts, error codes, lazy balances, list and changes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../../errors.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
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
    const fields = interledger.resolvers.InterledgerAccount as Record<
      string,
      (parent: InterledgerAccountModel, args: object, ctx: RequestContext, info: never) => unknown
    >;
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
    const page = await listInterledgerAccounts(
      on(accounts),
      { first: 2 },
      { path: { prev: undefined, key: 'interledgerAccounts', typename: 'Query' } },
    );
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
