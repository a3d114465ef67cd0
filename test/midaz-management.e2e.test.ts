// Midaz account management end to end over HTTP: the filtered, paged list, and create/update/delete against the simulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';
import {
  MIDAZ_LEDGER_IDS,
  MIDAZ_NATIVE_IDS,
  MIDAZ_ORGANIZATION_ID,
  MIDAZ_PAYOUT_COUNT,
  MIDAZ_PORTFOLIO_ID,
  MIDAZ_SEGMENT_ID,
  midazPayoutFixtures,
} from '../simulators/midaz/fixtures.js';
import type { MidazAccountBody as WireAccount } from '../simulators/midaz/fixtures.js';

const ORG = MIDAZ_ORGANIZATION_ID;
const PAYOUTS = MIDAZ_LEDGER_IDS.payouts;
const BRAZIL = MIDAZ_LEDGER_IDS.brazil;
const payouts = midazPayoutFixtures.map(({ account }) => account);
const globalId = (wire: WireAccount) => `midaz:${wire.organizationId}/${wire.ledgerId}/${wire.id}`;
const PAYOUT_IDS = payouts.map(globalId);
const UNKNOWN = `midaz:${ORG}/${BRAZIL}/0198f3ff-0000-7000-8000-000000000000`;

const LIST = `query ($org: ID!, $ledger: ID!, $filter: MidazAccountFilter, $first: Int, $after: String) {
  midazAccounts(organizationId: $org, ledgerId: $ledger, filter: $filter, first: $first, after: $after) {
    edges { cursor node { id } }
    nodes { id alias displayName type assetCode statusCode blocked fetchedAt }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const FIELDS = `id alias displayName type assetCode statusCode statusDescription blocked entityId portfolioId segmentId parentAccountId metadata { key value }`;
const CREATE = `mutation ($input: MidazAccountCreateInput!) {
  midazAccountCreate(input: $input) { account { ${FIELDS} balances { amount onHold } ledgerBalances { key available } } userErrors { message field code } }
}`;
const UPDATE = `mutation ($id: ID!, $input: MidazAccountUpdateInput!) {
  midazAccountUpdate(id: $id, input: $input) { account { ${FIELDS} } userErrors { message field code } }
}`;
const DELETE = `mutation ($id: ID!) { midazAccountDelete(id: $id) { deletedId userErrors { message field code } } }`;
const READ = `query ($id: ID!) { account(id: $id) { ... on MidazAccount { ${FIELDS} } } }`;

interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Array<{ id: string; alias: string; displayName: string | null; type: string; assetCode: string; statusCode: string; blocked: boolean }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

let stack: Stack;
const midazRequests = () => stack.fleet.byProvider.MIDAZ.requests;
const listCalls = () => midazRequests().filter((r) => r.method === 'GET' && r.url.split('?')[0]?.endsWith('/accounts'));
const queryOf = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? ''));

async function page(variables: Record<string, unknown>): Promise<Page> {
  const result = await stack.query(LIST, { org: ORG, ledger: PAYOUTS, ...variables });
  expect(result.errors).toBeUndefined();
  return result.data?.midazAccounts as Page;
}

/** Every account of a filtered list, following endCursor to the last page. */
async function listAll(filter: Record<string, unknown> | undefined, first = 100): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i += 1) {
    const result: Page = await page({ filter, first, after });
    ids.push(...result.nodes.map((n) => n.id));
    if (!result.pageInfo.hasNextPage) return ids;
    after = result.pageInfo.endCursor;
  }
  throw new Error('the list never ended');
}

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.fleet.reset();
  stack.fleet.byProvider.MIDAZ.faults.clear();
});

describe('midazAccounts paging', () => {
  it('pages to the end of a ledger of 230 accounts, oldest first, with one list call of 100 per page', async () => {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const result: Page = await page({ first: 100, after });
      pages.push(result);
      after = result.pageInfo.endCursor;
    } while (pages.at(-1)?.pageInfo.hasNextPage);
    expect(pages.map((p) => p.nodes.length)).toStrictEqual([100, 100, 30]);
    expect(pages.flatMap((p) => p.nodes.map((n) => n.id))).toStrictEqual(PAYOUT_IDS);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toStrictEqual([false, true, true]);
    expect(pages[0]?.edges.map((e) => e.node.id)).toStrictEqual(pages[0]?.nodes.map((n) => n.id));
    expect(listCalls().map((r) => queryOf(r.url))).toStrictEqual([1, 2, 3].map((p) => ({ limit: '100', page: String(p) })));
    expect(midazRequests()).toHaveLength(3);
  });

  it('ends on an empty page when the last full page ends the list, since Midaz sends no total', async () => {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const result: Page = await page({ first: 46, after });
      pages.push(result);
      after = result.pageInfo.endCursor;
    } while (pages.at(-1)?.pageInfo.hasNextPage);
    expect(pages.map((p) => [p.nodes.length, p.pageInfo.hasNextPage])).toStrictEqual([
      [46, true],
      [46, true],
      [46, true],
      [46, true],
      [46, true],
      [0, false],
    ]);
    const last = pages[5] as Page;
    expect(last.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
  });

  it('continues after any edge with another page size, in one call when a limit divides the position', async () => {
    const first = await page({ first: 50 });
    stack.fleet.reset();
    const next = await page({ first: 30, after: first.edges[36]?.cursor });
    expect(next.nodes.map((n) => n.id)).toStrictEqual(PAYOUT_IDS.slice(37, 67));
    expect(next.pageInfo.hasNextPage).toBe(true);
    expect(listCalls().map((r) => queryOf(r.url))).toStrictEqual([{ limit: '37', page: '2' }]);
  });

  it('needs two calls at most when no limit divides the position', async () => {
    const first = await page({ first: 100 });
    const second = await page({ first: 51, after: first.pageInfo.endCursor });
    stack.fleet.reset();
    const third = await page({ first: 60, after: second.pageInfo.endCursor });
    expect(third.nodes.map((n) => n.id)).toStrictEqual(PAYOUT_IDS.slice(151, 211));
    expect(listCalls().map((r) => queryOf(r.url))).toStrictEqual([
      { limit: '100', page: '2' },
      { limit: '100', page: '3' },
    ]);
  });

  it('reads the balances of listed accounts without fetching the accounts again', async () => {
    const result = await stack.query(
      `query ($org: ID!, $ledger: ID!) { midazAccounts(organizationId: $org, ledgerId: $ledger, first: 5) { nodes { id displayName fetchedAt balances { amount } } } }`,
      {
        org: ORG,
        ledger: PAYOUTS,
      },
    );
    expect(result.errors).toBeUndefined();
    const paths = midazRequests().map((r) => r.url.split('?')[0] ?? '');
    expect(paths.filter((p) => p.endsWith('/accounts'))).toHaveLength(1);
    expect(paths.filter((p) => p.endsWith('/balances'))).toHaveLength(5);
    expect(paths).toHaveLength(6);
  });
});

describe('the simulator’s overdrawn account (v3.8 shape)', () => {
  it('reads as -150.5 BRL with every part of its money, and lists its debt once', async () => {
    const result = await stack.query(
      `query ($id: ID!) { account(id: $id) { balances { amount onHold } ... on MidazAccount { ledgerBalances { key available overdraftUsed positionAvailable direction scope signedAmount overdraft { allowed limitEnabled limit limitAvailable } } } } }`,
      { id: `midaz:${MIDAZ_NATIVE_IDS.overdrawn}` },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.account).toStrictEqual({
      balances: [{ amount: '-150.5', onHold: '0' }],
      ledgerBalances: [
        {
          key: 'default',
          available: '0',
          overdraftUsed: '150.5',
          positionAvailable: '-150.5',
          direction: 'CREDIT',
          scope: 'TRANSACTIONAL',
          signedAmount: '-150.5',
          overdraft: { allowed: true, limitEnabled: true, limit: '500', limitAvailable: '349.5' },
        },
        {
          key: 'overdraft',
          available: '150.5',
          overdraftUsed: '0',
          positionAvailable: '150.5',
          direction: 'DEBIT',
          scope: 'INTERNAL',
          signedAmount: null,
          overdraft: { allowed: false, limitEnabled: false, limit: null, limitAvailable: '0' },
        },
      ],
    });
  });

  it('refuses to delete it while it owes money', async () => {
    const result = await stack.query(DELETE, { id: `midaz:${MIDAZ_NATIVE_IDS.overdrawn}` });
    expect(result.data?.midazAccountDelete).toMatchObject({ deletedId: null, userErrors: [{ code: 'NON_ZERO_BALANCE', field: ['id'] }] });
  });
});

describe('midazAccounts filters', () => {
  const check = (predicate: (a: WireAccount) => boolean) => payouts.filter(predicate).map(globalId);
  it.each([
    ['type', { type: 'savings' }, { type: 'savings' }, (a: WireAccount) => a.type === 'savings'],
    ['asset code, upper-cased', { assetCode: 'usd' }, { asset_code: 'USD' }, (a: WireAccount) => a.assetCode === 'USD'],
    ['status code', { statusCode: 'INACTIVE' }, { status: 'INACTIVE' }, (a: WireAccount) => a.status.code === 'INACTIVE'],
    [
      'portfolio',
      { portfolioId: MIDAZ_PORTFOLIO_ID.toUpperCase() },
      { portfolio_id: MIDAZ_PORTFOLIO_ID },
      (a: WireAccount) => a.portfolioId === MIDAZ_PORTFOLIO_ID,
    ],
    ['segment', { segmentId: MIDAZ_SEGMENT_ID }, { segment_id: MIDAZ_SEGMENT_ID }, (a: WireAccount) => a.segmentId === MIDAZ_SEGMENT_ID],
    ['entity', { entityId: 'MERCHANT-03' }, { entity_id: 'MERCHANT-03' }, (a: WireAccount) => a.entityId === 'MERCHANT-03'],
    [
      'parent account',
      { parentAccountId: payouts[1]?.id },
      { parent_account_id: payouts[1]?.id },
      (a: WireAccount) => a.parentAccountId === payouts[1]?.id,
    ],
    ['blocked', { blocked: true }, { blocked: 'true' }, (a: WireAccount) => a.blocked === true],
    [
      'name prefix, without regard to case',
      { namePrefix: 'seller 1' },
      { name: 'seller 1' },
      (a: WireAccount) => (a.name ?? '').startsWith('Seller 1'),
    ],
    ['alias prefix', { aliasPrefix: '@SELLER_22' }, { alias: '@SELLER_22' }, (a: WireAccount) => (a.alias ?? '').startsWith('@seller_22')],
    [
      'metadata value',
      { metadata: { key: 'region', value: 'south' } },
      { 'metadata.region': 'south' },
      (a: WireAccount) => a.metadata?.region === 'south',
    ],
    [
      'creation dates, the end date taken as a whole day',
      { createdFrom: '2025-09-02', createdTo: '2025-09-03' },
      { start_date: '2025-09-02', end_date: '2025-09-03' },
      (a: WireAccount) => a.createdAt >= '2025-09-02' && a.createdAt < '2025-09-04',
    ],
    [
      'several filters at once',
      { type: 'deposit', assetCode: 'BRL', metadata: { key: 'tier', value: 'gold' } },
      { type: 'deposit', asset_code: 'BRL', 'metadata.tier': 'gold' },
      (a: WireAccount) => a.type === 'deposit' && a.assetCode === 'BRL' && a.metadata?.tier === 'gold',
    ],
  ])('filters by %s', async (_name, filter, sent, predicate) => {
    const expected = check(predicate);
    expect(expected.length).toBeGreaterThan(0);
    expect(await listAll(filter)).toStrictEqual(expected);
    expect(queryOf(listCalls()[0]?.url ?? '')).toStrictEqual({ ...sent, limit: '100', page: '1' });
  });

  it('matches metadata as text only, so a numeric value of the same spelling is not found', async () => {
    const result = await stack.query(LIST, { org: ORG, ledger: BRAZIL, filter: { metadata: { key: 'kycLevel', value: '2' } } });
    expect(result.data?.midazAccounts.nodes).toStrictEqual([]);
  });
});

describe('midazAccounts refusals', () => {
  const refusals: Array<[string, Record<string, unknown>]> = [
    ['a page size above 100', { first: 101 }],
    ['a page size of 0', { first: 0 }],
    ['a ledger id that is not a UUID', { ledger: 'payouts' }],
    ['a portfolio filter that is not a UUID', { filter: { portfolioId: 'p-1' } }],
    ['a start date without an end date', { filter: { createdFrom: '2025-09-01' } }],
    ['an end date before the start date', { filter: { createdFrom: '2025-09-03', createdTo: '2025-09-02' } }],
    ['a date in another format', { filter: { createdFrom: '01/09/2025', createdTo: '2025-09-02' } }],
    ['a metadata key naming a nested path', { filter: { metadata: { key: 'a.b', value: 'x' } } }],
    ['a forged cursor', { after: 'WyJtaWRheiIsIjEwMCJd.forged' }],
    ['a cursor that is not one', { after: 'page-2' }],
  ];
  it.each(refusals)('refuses %s as BAD_USER_INPUT without calling Midaz', async (_name, variables) => {
    const result = await stack.query(LIST, { org: ORG, ledger: PAYOUTS, ...variables });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
    expect(midazRequests()).toHaveLength(0);
  });

  it('refuses a cursor used with another filter or another ledger', async () => {
    const first = await page({ first: 10, filter: { type: 'deposit' } });
    stack.fleet.reset();
    for (const variables of [{ filter: { type: 'savings' } }, { filter: undefined }, { ledger: BRAZIL, filter: { type: 'deposit' } }]) {
      const result = await stack.query(LIST, { org: ORG, ledger: PAYOUTS, first: 10, after: first.pageInfo.endCursor, ...variables });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(midazRequests()).toHaveLength(0);
  });

  it('accepts the same cursor with the same filter written differently', async () => {
    const first = await page({ first: 10, filter: { assetCode: 'brl', portfolioId: MIDAZ_PORTFOLIO_ID } });
    const next = await page({
      first: 10,
      after: first.pageInfo.endCursor,
      filter: { portfolioId: MIDAZ_PORTFOLIO_ID.toUpperCase(), assetCode: 'BRL' },
    });
    expect(next.nodes).toHaveLength(10);
    expect(next.nodes.every((n) => n.assetCode === 'BRL')).toBe(true);
  });
});

describe('midaz account mutations', () => {
  it('creates, reads, lists, updates and deletes an account', async () => {
    const created = await stack.query(CREATE, {
      input: {
        organizationId: ORG.toUpperCase(),
        ledgerId: BRAZIL,
        assetCode: 'brl',
        type: 'deposit',
        name: 'João Pereira - Poupança',
        alias: '@joao_pereira',
        entityId: 'CPF-52998224725',
        metadata: [
          { key: 'branch', value: '0042' },
          { key: 'channel', value: 'app' },
        ],
      },
    });
    expect(created.errors).toBeUndefined();
    const payload = created.data?.midazAccountCreate;
    expect(payload.userErrors).toStrictEqual([]);
    expect(payload.account).toMatchObject({
      alias: '@joao_pereira',
      displayName: 'João Pereira - Poupança',
      assetCode: 'BRL',
      statusCode: 'ACTIVE',
      blocked: false,
      metadata: [
        { key: 'branch', value: '0042' },
        { key: 'channel', value: 'app' },
      ],
      balances: [{ amount: '0', onHold: '0' }],
      ledgerBalances: [{ key: 'default', available: '0' }],
    });
    const id: string = payload.account.id;
    expect(id).toMatch(new RegExp(`^midaz:${ORG}/${BRAZIL}/[0-9a-f-]{36}$`));
    expect(midazRequests().map((r) => r.method)).toStrictEqual(['POST', 'GET']);

    const read = await stack.query(READ, { id });
    const { balances: _balances, ledgerBalances: _ledgerBalances, ...fields } = payload.account;
    expect(read.data?.account).toStrictEqual(fields);

    const listed = await stack.query(LIST, { org: ORG, ledger: BRAZIL, filter: { aliasPrefix: '@joao' } });
    expect(listed.data?.midazAccounts.nodes.map((n: { id: string }) => n.id)).toStrictEqual([id]);

    stack.fleet.reset();
    const updated = await stack.query(UPDATE, {
      id,
      input: {
        name: 'João Pereira - Conta Poupança',
        status: { code: 'INACTIVE', description: 'Closing on request' },
        blocked: true,
        segmentId: MIDAZ_SEGMENT_ID,
        metadata: [{ key: 'channel', value: 'branch' }],
        removeMetadataKeys: ['branch'],
      },
    });
    expect(updated.data?.midazAccountUpdate).toMatchObject({
      userErrors: [],
      account: {
        id,
        alias: '@joao_pereira',
        displayName: 'João Pereira - Conta Poupança',
        statusCode: 'INACTIVE',
        statusDescription: 'Closing on request',
        blocked: true,
        segmentId: MIDAZ_SEGMENT_ID,
        metadata: [{ key: 'channel', value: 'branch' }],
      },
    });
    expect(midazRequests().map((r) => r.method)).toStrictEqual(['PATCH']);
    const reread = await stack.query(READ, { id });
    expect(reread.data?.account).toStrictEqual(updated.data?.midazAccountUpdate.account);

    stack.fleet.reset();
    const deleted = await stack.query(DELETE, { id });
    expect(deleted.data?.midazAccountDelete).toStrictEqual({ deletedId: id, userErrors: [] });
    expect(midazRequests().map((r) => r.method)).toStrictEqual(['DELETE']);
    const gone = await stack.query(READ, { id });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const relisted = await stack.query(LIST, { org: ORG, ledger: BRAZIL, filter: { aliasPrefix: '@joao' } });
    expect(relisted.data?.midazAccounts.nodes).toStrictEqual([]);
    const again = await stack.query(DELETE, { id });
    expect(again.data?.midazAccountDelete).toMatchObject({ deletedId: null, userErrors: [{ code: 'NOT_FOUND', field: ['id'] }] });
  });

  it('lets the ledger alias an account created without one by its id', async () => {
    const created = await stack.query(CREATE, { input: { organizationId: ORG, ledgerId: PAYOUTS, assetCode: 'USD', type: 'savings' } });
    const account = created.data?.midazAccountCreate.account;
    expect(account.alias).toBe(account.id.split('/')[2]);
    expect(account.displayName).toBeNull();
  });

  it('answers a taken alias as a CONFLICT on the alias', async () => {
    const result = await stack.query(CREATE, {
      input: { organizationId: ORG, ledgerId: BRAZIL, assetCode: 'BRL', type: 'deposit', alias: '@maria_oliveira' },
    });
    expect(result.data?.midazAccountCreate).toStrictEqual({
      account: null,
      userErrors: [{ code: 'CONFLICT', field: ['input', 'alias'], message: 'The alias "@maria_oliveira" is already in use in this ledger.' }],
    });
    expect(midazRequests().map((r) => r.method)).toStrictEqual(['POST']);
  });

  it('checks the input before any call, reporting every problem at its path', async () => {
    const result = await stack.query(CREATE, {
      input: {
        organizationId: 'acme',
        ledgerId: BRAZIL,
        assetCode: 'BRL',
        type: ' ',
        alias: '@external/BRL',
        status: { code: 'X'.repeat(101) },
        metadata: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
      },
    });
    const errors = result.data?.midazAccountCreate.userErrors as Array<{ field: string[]; code: string }>;
    expect(errors.map((e) => [e.code, e.field.join('.')])).toStrictEqual([
      ['INVALID', 'input.organizationId'],
      ['INVALID', 'input.type'],
      ['INVALID', 'input.alias'],
      ['INVALID', 'input.status.code'],
      ['INVALID', 'input.metadata.1.key'],
    ]);
    expect(result.data?.midazAccountCreate.account).toBeNull();
    expect(midazRequests()).toHaveLength(0);
  });

  it.each([
    ['an asset the ledger does not have', { assetCode: 'EUR' }, 'NOT_FOUND', ['input', 'assetCode']],
    [
      'a parent holding another asset',
      { assetCode: 'USD', parentAccountId: MIDAZ_NATIVE_IDS.onHold.split('/')[2] },
      'INVALID',
      ['input', 'parentAccountId'],
    ],
    ['a parent that does not exist', { parentAccountId: '0198f3ff-0000-7000-8000-000000000000' }, 'INVALID', ['input', 'parentAccountId']],
  ])('maps Midaz refusing %s to a userError at its field', async (_name, extra, code, field) => {
    const ledgerId = 'assetCode' in extra && extra.assetCode === 'USD' ? PAYOUTS : BRAZIL;
    const result = await stack.query(CREATE, { input: { organizationId: ORG, ledgerId, assetCode: 'BRL', type: 'deposit', ...extra } });
    expect(result.data?.midazAccountCreate.userErrors).toMatchObject([{ code, field }]);
    expect(midazRequests()).toHaveLength(1);
  });

  it('answers an unknown ledger as NOT_FOUND on the ledger id', async () => {
    const result = await stack.query(CREATE, {
      input: { organizationId: ORG, ledgerId: '0198f3ff-0000-7000-8000-000000000001', assetCode: 'BRL', type: 'deposit' },
    });
    expect(result.data?.midazAccountCreate.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'ledgerId'] }]);
  });

  it('maps the fields of a Midaz validation error to the input fields, in its own words', async () => {
    const body = {
      code: '0047',
      title: 'Bad Request',
      message: 'The server could not understand the request due to malformed syntax. Please check the listed fields and try again.',
      fields: { alias: 'alias', code: 'code must be a maximum of 100 characters in length' },
    };
    stack.fleet.byProvider.MIDAZ.faults.set({ method: 'POST', fault: { kind: 'status', status: 400, body: JSON.stringify(body) }, times: 1 });
    const result = await stack.query(CREATE, { input: { organizationId: ORG, ledgerId: BRAZIL, assetCode: 'BRL', type: 'deposit', alias: '@ok' } });
    const errors = result.data?.midazAccountCreate.userErrors as Array<{ field: string[]; code: string; message: string }>;
    expect(errors.map((e) => [e.code, e.field])).toStrictEqual([
      ['INVALID', ['input', 'alias']],
      ['INVALID', ['input', 'status', 'code']],
    ]);
    expect(result.raw).not.toContain('malformed syntax');
    expect(result.raw).not.toContain('maximum of 100');
  });

  it('keeps a Midaz server error a GraphQL error, and never retries the POST', async () => {
    stack.fleet.byProvider.MIDAZ.faults.set({ method: 'POST', fault: { kind: 'status', status: 503 } });
    const result = await stack.query(CREATE, { input: { organizationId: ORG, ledgerId: BRAZIL, assetCode: 'BRL', type: 'deposit' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ' });
    expect(midazRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it.each([
    ['an external account', `midaz:${MIDAZ_NATIVE_IDS.external}`, 'NOT_ALLOWED', ['id'], 1],
    ['an unknown account', UNKNOWN, 'NOT_FOUND', ['id'], 1],
    ['a malformed id', 'midaz:not/three/uuids', 'INVALID', ['id'], 0],
    ['another provider’s id', 'taler:bob', 'INVALID', ['id'], 0],
  ])('refuses to update %s', async (_name, id, code, field, calls) => {
    const result = await stack.query(UPDATE, { id, input: { name: 'Renamed' } });
    expect(result.data?.midazAccountUpdate).toMatchObject({ account: null, userErrors: [{ code, field }] });
    expect(midazRequests()).toHaveLength(calls);
  });

  it('refuses an update that changes nothing without calling Midaz', async () => {
    const result = await stack.query(UPDATE, { id: `midaz:${MIDAZ_NATIVE_IDS.savings}`, input: {} });
    expect(result.data?.midazAccountUpdate.userErrors).toMatchObject([{ code: 'INVALID', field: ['input'] }]);
    expect(midazRequests()).toHaveLength(0);
  });

  it('does not offer the immutable fields in the update input', async () => {
    const result = await stack.query(UPDATE, { id: `midaz:${MIDAZ_NATIVE_IDS.savings}`, input: { alias: '@renamed' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(midazRequests()).toHaveLength(0);
  });

  it.each([
    ['an account holding a balance', `midaz:${MIDAZ_NATIVE_IDS.onHold}`, 'NON_ZERO_BALANCE'],
    ['a payout account holding money', globalId(payouts[7] as WireAccount), 'NON_ZERO_BALANCE'],
    ['an external account', `midaz:${MIDAZ_NATIVE_IDS.external}`, 'NOT_ALLOWED'],
    ['an unknown account', UNKNOWN, 'NOT_FOUND'],
  ])('refuses to delete %s', async (_name, id, code) => {
    const result = await stack.query(DELETE, { id });
    expect(result.data?.midazAccountDelete).toMatchObject({ deletedId: null, userErrors: [{ code, field: ['id'] }] });
    const still = await stack.query(READ, { id });
    expect(still.errors?.[0]?.extensions?.code ?? 'READABLE').toBe(code === 'NOT_FOUND' ? 'NOT_FOUND' : 'READABLE');
  });

  it('takes a 409 with code 0012 (as the swagger documents it) as NON_ZERO_BALANCE too', async () => {
    const body = { code: '0012', title: 'Account Balance Deletion Error', message: 'account with remaining balance cannot be deleted' };
    stack.fleet.byProvider.MIDAZ.faults.set({ method: 'DELETE', fault: { kind: 'status', status: 409, body: JSON.stringify(body) }, times: 1 });
    const result = await stack.query(DELETE, { id: globalId(payouts[3] as WireAccount) });
    expect(result.data?.midazAccountDelete).toMatchObject({ deletedId: null, userErrors: [{ code: 'NON_ZERO_BALANCE', field: ['id'] }] });
  });

  it('shortens the list by one when a listed account is deleted', async () => {
    const before = await listAll({ entityId: 'MERCHANT-04' });
    const victim = before[1] as string;
    const deleted = await stack.query(DELETE, { id: victim });
    expect(deleted.data?.midazAccountDelete.deletedId).toBe(victim);
    expect(await listAll({ entityId: 'MERCHANT-04' })).toStrictEqual(before.filter((id) => id !== victim));
    expect(MIDAZ_PAYOUT_COUNT).toBe(payouts.length);
  });
});
