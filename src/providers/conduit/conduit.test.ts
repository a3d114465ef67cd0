// The Conduit provider over real HTTP against its simulator: batching, error codes, id checks and the client list.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { GatewayError } from '../../errors.js';
import { startSimulator, type RunningSimulator, type SimulatorDefinition } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import { DOCS_ACCOUNT, FIAT_ACCOUNT, SEED_ACCOUNT, STABLECOIN_ACCOUNT } from '../../../simulators/conduit/fixtures.js';
import type { RequestContext } from '../../context.js';
import { CursorCodec } from '../../cursor.js';
import { listClientAccounts } from './lists.js';
import { pageAfter } from '../shared/connection.js';
import type { ProviderCall } from '../shared/resolve.js';
import { PartialResults } from '../../partialResults.js';
import type { ConduitAccountModel, ConduitSource } from './model.js';
import { conduit } from './index.js';
import { simulator } from '../../../simulators/conduit/simulator.js';
import { testClient } from '../../../test/support/clients.js';
import { gatewayRejection } from '../../../test/support/errors.js';

const logger = pino({ level: 'silent' });
const clients: UpstreamClient[] = [];

function clientFor(url: string, secret?: string): UpstreamClient {
  const env = simulator.env(url);
  const client = testClient(
    'CONDUIT',
    url,
    { 'x-api-key': env.CONDUIT_API_KEY ?? '', 'x-api-secret': secret ?? env.CONDUIT_API_SECRET ?? '' },
    logger,
  );
  clients.push(client);
  return client;
}

let sim: RunningSimulator;
let client: UpstreamClient;

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
  client = clientFor(sim.url);
});

afterEach(() => sim.reset());

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

describe('conduit source', () => {
  it('fetches an account once when it is asked for three times at once', async () => {
    const source = conduit.createSource(client);
    const accounts = await Promise.all([SEED_ACCOUNT.id, SEED_ACCOUNT.id, SEED_ACCOUNT.id].map((id) => source.account(id)));
    expect(sim.count('GET')).toBe(1);
    expect(sim.count('GET', `/accounts/${SEED_ACCOUNT.id}`)).toBe(1);
    for (const account of accounts) expect(account.id).toBe(`conduit:${SEED_ACCOUNT.id}`);
  });

  it('makes one call per distinct account', async () => {
    const source = conduit.createSource(client);
    await Promise.all([SEED_ACCOUNT.id, FIAT_ACCOUNT.id, SEED_ACCOUNT.id].map((id) => source.account(id)));
    expect(sim.count('GET')).toBe(2);
    expect(sim.count('GET', `/accounts/${FIAT_ACCOUNT.id}`)).toBe(1);
  });

  it('does not share fetched accounts between sources', async () => {
    await conduit.createSource(client).account(SEED_ACCOUNT.id);
    await conduit.createSource(client).account(SEED_ACCOUNT.id);
    expect(sim.count('GET')).toBe(2);
  });

  it('returns the seed account with exact balances, one per asset and network', async () => {
    const account = await conduit.createSource(client).account(SEED_ACCOUNT.id);
    expect(account).toEqual({
      id: 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn',
      provider: 'CONDUIT',
      nativeId: 'acct_2fvietuCNSu8unMNLsEGBrDTVFn',
      displayName: null,
      createdAt: '2024-10-27T00:00:00.000Z',
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      balances: [
        { asset: { code: 'USD', issuer: null, network: null }, amount: '150.32', onHold: null },
        { asset: { code: 'USDC', issuer: null, network: 'ethereum' }, amount: '90', onHold: null },
        { asset: { code: 'USDT', issuer: null, network: 'ethereum' }, amount: '0', onHold: null },
        { asset: { code: 'USDT', issuer: null, network: 'tron' }, amount: '150.32', onHold: null },
      ],
      availableBalances: [
        { asset: { code: 'USD', issuer: null, network: null }, assetCode: 'USD', network: null, amount: '150.32', country: null },
        { asset: { code: 'USDC', issuer: null, network: 'ethereum' }, assetCode: 'USDC', network: 'ETHEREUM', amount: '90', country: null },
        { asset: { code: 'USDT', issuer: null, network: 'ethereum' }, assetCode: 'USDT', network: 'ETHEREUM', amount: '0', country: null },
        { asset: { code: 'USDT', issuer: null, network: 'tron' }, assetCode: 'USDT', network: 'TRON', amount: '150.32', country: null },
      ],
      omittedBalances: 0,
    });
  });

  it('reads every sample account the simulator advertises', async () => {
    const source = conduit.createSource(client);
    const ids = simulator.sampleIds.map((id) => conduit.parseNativeId(id.slice('conduit:'.length)));
    const accounts = await Promise.all(ids.map((id) => source.account(id)));
    expect(accounts.map((a) => a.id)).toEqual(simulator.sampleIds);
    expect(sim.count('GET')).toBe(ids.length);
  });

  it('reports an unknown account as NOT_FOUND from Conduit, without the upstream URL', async () => {
    const error = await gatewayRejection(conduit.createSource(client).account('acct_0000000000000000000000000Zz'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions.provider).toBe('CONDUIT');
    expect(error.message).not.toContain(sim.url);
    expect(error.message).not.toContain('127.0.0.1');
    expect(error.message).not.toContain('/accounts/');
  });

  it('fails only the unknown account of a batch', async () => {
    const source = conduit.createSource(client);
    const [known, unknown] = await Promise.allSettled([source.account(STABLECOIN_ACCOUNT.id), source.account('acct_0000000000000000000000000Zz')]);
    expect(known.status).toBe('fulfilled');
    expect(unknown.status).toBe('rejected');
  });

  it('reports refused credentials as UNAUTHENTICATED', async () => {
    const error = await gatewayRejection(conduit.createSource(clientFor(sim.url, 'wrong-secret')).account(SEED_ACCOUNT.id));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.extensions.provider).toBe('CONDUIT');
    expect(error.message).not.toContain('wrong-secret');
  });
});

describe('conduit native ids', () => {
  it.each([
    ['26 characters after acct_', 'acct_2fvietuCNSu8unMNLsEGBrDTVF'],
    ['28 characters after acct_', 'acct_2fvietuCNSu8unMNLsEGBrDTVFnX'],
    ['a dash instead of the underscore', 'acct-2fvietuCNSu8unMNLsEGBrDTVFn'],
    ['an upper-case prefix', 'ACCT_2fvietuCNSu8unMNLsEGBrDTVFn'],
    ['a path escape', 'acct_2fvietuCNSu8unMNLsEGBrDTVFn/../x'],
    ['a query', 'acct_2fvietuCNSu8unMNLsEGBrDTVFn?x=1'],
    ['a non-ASCII letter', 'acct_2fvietuCNSu8unMNLsEGBrDTVFé'],
    ['nothing', ''],
  ])('refuses %s before any upstream call', (_label, nativeId) => {
    let thrown: unknown;
    try {
      conduit.parseNativeId(nativeId);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).code).toBe('BAD_USER_INPUT');
    expect((thrown as GatewayError).message).toContain('acct_');
    expect(sim.count('GET')).toBe(0);
  });

  it('accepts a well-formed id unchanged', () => {
    expect(conduit.parseNativeId('acct_2fvietuCNSu8unMNLsEGBrDTVFn')).toBe('acct_2fvietuCNSu8unMNLsEGBrDTVFn');
  });
});

describe('conduit source against a misbehaving server', () => {
  async function serving(body: unknown): Promise<{ server: RunningSimulator; upstream: UpstreamClient }> {
    const definition: SimulatorDefinition = {
      name: 'conduit-misbehaving',
      routes: [{ method: 'GET', path: '/accounts/:id', handler: () => ({ status: 200, body }) }],
      notFound: () => ({ status: 404 }),
    };
    const server = await startSimulator(definition);
    return { server, upstream: clientFor(server.url) };
  }

  it('leaves out a balance whose amount has an exponent, keeping the account', async () => {
    const { server, upstream } = await serving({
      ...SEED_ACCOUNT,
      balances: {
        available: [
          { asset: 'USD', amount: '1e3' },
          { asset: 'EUR', amount: '2' },
        ],
      },
    });
    try {
      const account = await conduit.createSource(upstream).account(SEED_ACCOUNT.id);
      expect(account.balances.map((balance) => balance.amount)).toEqual(['2']);
      expect(account.omittedBalances).toBe(1);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['a different account than asked for', { ...FIAT_ACCOUNT }],
    ['no balances', { id: SEED_ACCOUNT.id, createdAt: SEED_ACCOUNT.createdAt }],
  ])('reports a body with %s as UPSTREAM_ERROR', async (_label, body) => {
    const { server, upstream } = await serving(body);
    try {
      const error = await gatewayRejection(conduit.createSource(upstream).account(SEED_ACCOUNT.id));
      expect(error.code).toBe('UPSTREAM_ERROR');
      expect(error.extensions.provider).toBe('CONDUIT');
    } finally {
      await server.close();
    }
  });
});

describe('the client account list', () => {
  const context = (source: ConduitSource): RequestContext =>
    ({ source: () => source, client: () => client, cursors: new CursorCodec('unit-test-secret') }) as unknown as RequestContext;
  const on = (source: ConduitSource): ProviderCall<'CONDUIT'> => ({
    provider: 'CONDUIT',
    source,
    client,
    cursors: new CursorCodec('unit-test-secret'),
    partial: new PartialResults(() => 'Conduit'),
  });
  const createdAt = (conduit.resolvers.ConduitAccount as { createdAt: (a: ConduitAccountModel, args: object, ctx: RequestContext) => unknown })
    .createdAt;

  it('primes the request’s source: listed accounts are not fetched again, createdAt reads the account once', async () => {
    const source = conduit.createSource(client);
    const page = await listClientAccounts(on(source), { clientId: 'client_2ofTA13AD0xBtbEvBl20aEb1hEu' });
    const [first] = page.nodes;
    expect(await source.account(DOCS_ACCOUNT.id)).toBe(first);
    expect(sim.requests.map((r) => r.url)).toEqual(['/clients/client_2ofTA13AD0xBtbEvBl20aEb1hEu/accounts']);
    const times = await Promise.all([
      createdAt(first as ConduitAccountModel, {}, context(source)),
      createdAt(first as ConduitAccountModel, {}, context(source)),
    ]);
    expect(times).toEqual([DOCS_ACCOUNT.createdAt, DOCS_ACCOUNT.createdAt]);
    expect(sim.count('GET', `/accounts/${DOCS_ACCOUNT.id}`)).toBe(1);
  });

  it('answers createdAt of an account read on its own without another call', async () => {
    const source = conduit.createSource(client);
    const account = await source.account(SEED_ACCOUNT.id);
    expect(await createdAt(account, {}, context(source))).toBe(SEED_ACCOUNT.createdAt);
    expect(sim.requests).toHaveLength(1);
  });

  it('keeps nothing primed in the naive baseline', async () => {
    const source = conduit.createSource(client, { dedupe: false, listThreshold: 0 });
    await listClientAccounts(on(source), { clientId: 'client_2ofTA13AD0xBtbEvBl20aEb1hEu' });
    await source.account(DOCS_ACCOUNT.id);
    expect(sim.count('GET', `/accounts/${DOCS_ACCOUNT.id}`)).toBe(1);
  });

  it.each([
    [[], undefined, 2, { items: [], before: false, more: false }],
    [['a', 'b', 'c'], undefined, 2, { items: ['a', 'b'], before: false, more: true }],
    [['a', 'b', 'c'], 'b', 2, { items: ['c'], before: true, more: false }],
    [['a', 'c'], 'b', 5, { items: ['c'], before: true, more: false }],
  ])('pages %j after %s by %i', (ids, after, size, expected) => {
    const page = pageAfter(
      ids.map((nativeId) => ({ nativeId })),
      (item) => item.nativeId,
      after,
      size,
    );
    expect({ ...page, items: page.items.map((i) => i.nativeId) }).toEqual(expected);
  });
});
