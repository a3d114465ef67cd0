// The Midaz module against its simulator over real HTTP: id rules, one upstream call per resource, exact amounts, error codes.
import type { GraphQLResolveInfo } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../context.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import { MIDAZ_LEDGER_IDS, MIDAZ_NATIVE_IDS, MIDAZ_ORGANIZATION_ID, MIDAZ_SAMPLE_IDS, midazFixtures } from '../../../simulators/midaz/fixtures.js';
import { midaz } from './index.js';
import type { MidazAccountModel, MidazSource } from './model.js';
import { createMidazSimulator, MIDAZ_DEMO_TOKEN, simulator } from '../../../simulators/midaz/simulator.js';
import type { MidazBalanceBody } from '../../../simulators/midaz/fixtures.js';
import { testClient } from '../../../test/support/clients.js';
import { gatewayRejection } from '../../../test/support/errors.js';

const UNKNOWN_ACCOUNT = `${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}/0198f3ff-0000-7000-8000-000000000000`;

const accountPath = (nativeId: string): string => {
  const [organizationId, ledgerId, accountId] = nativeId.split('/');
  return `/v1/organizations/${organizationId}/ledgers/${ledgerId}/accounts/${accountId}`;
};

const makeClient = (url: string, headers: Record<string, string> = { authorization: `Bearer ${MIDAZ_DEMO_TOKEN}` }): UpstreamClient =>
  testClient('MIDAZ', url, headers);

let sim: RunningSimulator;
let client: UpstreamClient;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
  client = makeClient(sim.url);
  clients.push(client);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

beforeEach(() => sim.reset());

describe('midaz.parseNativeId', () => {
  it.each([
    ['two UUIDs', `${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}`],
    ['a part that is not a UUID', `${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}/treasury`],
    ['a path escape', `${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}/../accounts`],
    ['a trailing path escape', `${MIDAZ_NATIVE_IDS.onHold}/..`],
    ['a query', `${MIDAZ_NATIVE_IDS.onHold}?limit=1`],
    ['four UUIDs', `${MIDAZ_NATIVE_IDS.onHold}/${MIDAZ_LEDGER_IDS.brazil}`],
    ['an empty id', ''],
  ])('refuses %s as BAD_USER_INPUT without calling Midaz', (_case, nativeId) => {
    const refuse = () => midaz.createSource(client).account(midaz.parseNativeId(nativeId));
    expect(refuse).toThrowError(expect.objectContaining({ message: expect.stringMatching(/three UUIDs/), extensions: { code: 'BAD_USER_INPUT' } }));
    expect(sim.requests).toHaveLength(0);
  });

  it('canonicalises a native id written in upper case to lower case', async () => {
    const canonical = midaz.parseNativeId(MIDAZ_NATIVE_IDS.onHold.toUpperCase());
    expect(canonical).toBe(MIDAZ_NATIVE_IDS.onHold);
    const account = await midaz.createSource(client).account(canonical);
    expect(account.nativeId).toBe(MIDAZ_NATIVE_IDS.onHold);
    expect(account.id).toBe(`midaz:${MIDAZ_NATIVE_IDS.onHold}`);
  });
});

describe('midaz source over HTTP', () => {
  it('fetches an account once when it is asked for three times at once', async () => {
    const source = midaz.createSource(client);
    const accounts = await Promise.all([1, 2, 3].map(() => source.account(MIDAZ_NATIVE_IDS.savings)));
    expect(new Set(accounts).size).toBe(1);
    expect(sim.count('GET', accountPath(MIDAZ_NATIVE_IDS.savings))).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it('sends the bearer token it was configured with', async () => {
    await midaz.createSource(client).account(MIDAZ_NATIVE_IDS.treasury);
    expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${MIDAZ_DEMO_TOKEN}`);
  });

  it('makes one call per distinct account, since Midaz has no lookup by a list of ids', async () => {
    const source = midaz.createSource(client);
    await Promise.all([source.account(MIDAZ_NATIVE_IDS.onHold), source.account(MIDAZ_NATIVE_IDS.twoKeys), source.account(MIDAZ_NATIVE_IDS.onHold)]);
    expect(sim.requests).toHaveLength(2);
  });

  it('maps the savings account with its metadata, portfolio and segment', async () => {
    const account = await midaz.createSource(client).account(MIDAZ_NATIVE_IDS.savings);
    expect(account).toMatchObject({
      provider: 'MIDAZ',
      displayName: 'Acme Corp - Reserve Savings',
      type: 'savings',
      assetCode: 'USD',
      portfolioId: '01978b52-47aa-7b03-b8e1-93f0d26c4a71',
      segmentId: '01978b52-9c3e-7a65-8d27-c5e4b1f09e82',
      metadata: [
        { key: 'costCenter', value: 'CC-4410' },
        { key: 'interestBearing', value: 'true' },
        { key: 'aprBps', value: '425' },
      ],
    });
  });

  it('maps the inactive @treasury account whose blocked flag is null as not blocked', async () => {
    const account = await midaz.createSource(client).account(MIDAZ_NATIVE_IDS.treasury);
    expect(account).toMatchObject({ alias: '@treasury', statusCode: 'INACTIVE', blocked: false, metadata: [] });
  });

  it('fetches balances once when they are asked for twice', async () => {
    const source = midaz.createSource(client);
    const [first, second] = await Promise.all([source.balances(MIDAZ_NATIVE_IDS.onHold), source.balances(MIDAZ_NATIVE_IDS.onHold)]);
    expect(second).toBe(first);
    expect(sim.count('GET', `${accountPath(MIDAZ_NATIVE_IDS.onHold)}/balances`)).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it('reports the amount on hold exactly', async () => {
    const balances = await midaz.createSource(client).balances(MIDAZ_NATIVE_IDS.onHold);
    expect(balances).toStrictEqual({
      entries: [
        {
          key: 'default',
          asset: { code: 'BRL' },
          available: '23212.31',
          onHold: '112.31',
          overdraftUsed: '0',
          positionAvailable: '23212.31',
          direction: 'CREDIT',
          directionRaw: 'credit',
          scope: 'TRANSACTIONAL',
          scopeRaw: null,
          signedAmount: '23212.31',
          overdraft: null,
          allowSending: true,
          allowReceiving: true,
        },
      ],
      omitted: 0,
    });
  });

  it('keeps the negative balance of the external account', async () => {
    const balances = await midaz.createSource(client).balances(MIDAZ_NATIVE_IDS.external);
    expect(balances.entries.map((b) => b.available)).toStrictEqual(['-25095.12']);
  });

  it('answers NOT_FOUND for an unknown account, naming Midaz and no URL', async () => {
    const error = await gatewayRejection(midaz.createSource(client).account(UNKNOWN_ACCOUNT));
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'MIDAZ' });
    expect(error.message).not.toMatch(/https?:|\/v1\/|127\.0\.0\.1/);
    expect(error.message).not.toContain(UNKNOWN_ACCOUNT);
  });

  it('answers NOT_FOUND for the balances of an unknown account', async () => {
    const error = await gatewayRejection(midaz.createSource(client).balances(UNKNOWN_ACCOUNT));
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'MIDAZ' });
  });

  it('answers UNAUTHENTICATED when the token is missing or wrong', async () => {
    const anonymous = makeClient(sim.url, {});
    const impostor = makeClient(sim.url, { authorization: 'Bearer not-the-token' });
    clients.push(anonymous, impostor);
    for (const c of [anonymous, impostor]) {
      const error = await gatewayRejection(midaz.createSource(c).account(MIDAZ_NATIVE_IDS.onHold));
      expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'MIDAZ' });
    }
  });
});

describe('midaz balances paging', () => {
  const owner = midazFixtures[1]!.account;
  const nativeId = `${owner.organizationId}/${owner.ledgerId}/${owner.id}`;
  const manyBalances: MidazBalanceBody[] = Array.from({ length: 205 }, (_, i) => ({
    ...midazFixtures[1]!.balances[0]!,
    id: `0198f3a2-6c1f-7e0b-b3a8-${String(i).padStart(12, '0')}`,
    key: i === 0 ? 'default' : `envelope-${i}`,
    available: `${i}.01`,
    onHold: '0',
  }));

  it('follows next_cursor with the largest page size until the last page', async () => {
    const paged = await startSimulator(createMidazSimulator({ accounts: [{ account: owner, balances: manyBalances }] }));
    const pagedClient = makeClient(paged.url, {});
    try {
      const { entries: balances, omitted } = await midaz.createSource(pagedClient).balances(nativeId);
      expect(omitted).toBe(0);
      expect(balances).toHaveLength(205);
      expect(new Set(balances.map((b) => b.key)).size).toBe(205);
      expect(balances[204]?.available).toBe('204.01');
      expect(paged.requests).toHaveLength(3);
      expect(paged.requests.every((r) => new URLSearchParams(r.url.split('?')[1]).get('limit') === '100')).toBe(true);
      expect(paged.requests.map((r) => new URLSearchParams(r.url.split('?')[1]).has('cursor'))).toStrictEqual([false, true, true]);
    } finally {
      await pagedClient.close();
      await paged.close();
    }
  });
});

describe('MidazAccount resolvers', () => {
  type FieldResolver = (parent: MidazAccountModel, args: object, ctx: RequestContext, info: GraphQLResolveInfo) => unknown;
  const field = (name: 'balances' | 'ledgerBalances'): FieldResolver => {
    const resolver = midaz.resolvers.MidazAccount?.[name];
    if (typeof resolver !== 'function') throw new Error(`no resolver for MidazAccount.${name}`);
    return resolver as FieldResolver;
  };

  it('answers balances and ledgerBalances from one upstream call, one Balance per key', async () => {
    const source: MidazSource = midaz.createSource(client);
    const ctx = { source: () => source } as unknown as RequestContext;
    const info = {} as GraphQLResolveInfo;
    const parent = await source.account(MIDAZ_NATIVE_IDS.twoKeys);
    sim.reset();
    const [balances, ledgerBalances] = await Promise.all([field('balances')(parent, {}, ctx, info), field('ledgerBalances')(parent, {}, ctx, info)]);
    expect(balances).toStrictEqual([
      { asset: { code: 'BRL' }, amount: '1520', onHold: '0' },
      { asset: { code: 'BRL' }, amount: '250.5', onHold: '0' },
    ]);
    expect((ledgerBalances as Array<{ key: string }>).map((b) => b.key)).toStrictEqual(['default', 'asset-freeze']);
    expect(sim.requests).toHaveLength(1);
  });
});

describe('the Midaz simulator’s sample ids', () => {
  it('points the gateway at itself with the demo token and lists every seeded account', () => {
    expect(simulator.env('http://127.0.0.1:1234')).toStrictEqual({ MIDAZ_URL: 'http://127.0.0.1:1234', MIDAZ_TOKEN: MIDAZ_DEMO_TOKEN });
    expect(simulator.sampleIds).toStrictEqual(MIDAZ_SAMPLE_IDS);
    expect(simulator.sampleIds).toHaveLength(midazFixtures.length);
    for (const id of simulator.sampleIds) expect(midaz.parseNativeId(id.slice('midaz:'.length))).toBe(id.slice('midaz:'.length));
  });
});
