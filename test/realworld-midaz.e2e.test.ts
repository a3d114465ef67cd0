// Midaz as real servers send it, over real HTTP: cases m1, m2 and m3 (test/realworld/cases), one payload per version
// family (src/providers/midaz/testdata), and the tolerant-reading rule: only the ids, each balance's asset and its
// amounts are required, any other field degrades visibly (logged, counted), a balance that cannot be read exactly is
// left out with an error at its path, the account's money is its true signed position, and a list never ends in an
// error because a page is empty.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { expandCaseQuery, loadCase, startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

let stack: ReplayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const ORG = '01980000-aaaa-7000-8000-000000000001';
const LEDGER = '01980000-bbbb-7000-8000-000000000002';
const ACCOUNT_ID = '01980000-0001-7000-8000-000000000011';
const accountsPath = (org = ORG, ledger = LEDGER) => `/v1/organizations/${org}/ledgers/${ledger}/accounts`;
const accountPath = (id = ACCOUNT_ID, org = ORG, ledger = LEDGER) => `${accountsPath(org, ledger)}/${id}`;
const globalId = (id = ACCOUNT_ID, org = ORG, ledger = LEDGER) => `midaz:${org}/${ledger}/${id}`;
const BALANCES_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{id}/balances';
const ACCOUNT_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{id}';

const testdata = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../src/providers/midaz/testdata/${name}`, import.meta.url), 'utf8'));

/** An account as Midaz v3.8 serialises it (pkg/mmodel/account.go), with these ids. */
const accountBody = (id = ACCOUNT_ID, org = ORG, ledger = LEDGER, extra: Record<string, unknown> = {}) => ({
  id,
  name: 'Loja Aurora',
  parentAccountId: null,
  entityId: null,
  assetCode: 'BRL',
  organizationId: org,
  ledgerId: ledger,
  portfolioId: null,
  segmentId: null,
  status: { code: 'ACTIVE', description: null },
  alias: '@loja_aurora',
  type: 'deposit',
  blocked: false,
  createdAt: '2026-05-04T13:10:27.731906Z',
  updatedAt: '2026-05-04T13:10:27.731906Z',
  deletedAt: null,
  ...extra,
});

/** A v3.8 balance entry of the default account (pkg/mmodel/balance.go with its position block). */
const balanceEntry = (extra: Record<string, unknown> = {}) => ({
  id: '01980000-cccc-7000-8000-000000000001',
  organizationId: ORG,
  ledgerId: LEDGER,
  accountId: ACCOUNT_ID,
  alias: '@loja_aurora',
  key: 'default',
  assetCode: 'BRL',
  available: '10.5',
  onHold: '0',
  version: 3,
  accountType: 'deposit',
  allowSending: true,
  allowReceiving: true,
  direction: 'credit',
  overdraftUsed: '0',
  createdAt: '2026-05-04T13:10:27.731906Z',
  updatedAt: '2026-05-05T10:00:00.5Z',
  deletedAt: null,
  position: { available: '10.5', onHold: '0', overdraftLimitAvailable: '0' },
  ...extra,
});

const PARTS =
  'key asset { code } available onHold overdraftUsed positionAvailable direction directionRaw scope scopeRaw signedAmount overdraft { allowed limitEnabled limit limitAvailable } allowSending allowReceiving';
const ACCOUNT = `query ($id: ID!) { account(id: $id) { id balances { asset { code } amount onHold } ... on MidazAccount { ledgerBalances { ${PARTS} } } } }`;
const FULL_ACCOUNT = expandCaseQuery('query($id: ID!) { account(id: $id) { ${COMMON} ${MIDAZ} } }');
const LIST = `query ($filter: MidazAccountFilter, $first: Int, $after: String) {
  midazAccounts(organizationId: "${ORG}", ledgerId: "${LEDGER}", filter: $filter, first: $first, after: $after) {
    nodes { id displayName } pageInfo { hasNextPage endCursor }
  }
}`;

/** A gateway reading one account (and its balances) from a replay server. */
async function readAccount(account: unknown, balances: ReplayRoute | unknown, query = ACCOUNT, id = ACCOUNT_ID, org = ORG, ledger = LEDGER) {
  const balanceRoute: ReplayRoute =
    balances && typeof balances === 'object' && ('json' in balances || 'body' in balances || 'status' in balances || 'answer' in balances)
      ? { ...(balances as Omit<ReplayRoute, 'path'>), path: `${accountPath(id, org, ledger)}/balances` }
      : { path: `${accountPath(id, org, ledger)}/balances`, json: balances };
  stack = await startReplayStack('MIDAZ', [{ path: accountPath(id, org, ledger), json: account }, balanceRoute]);
  return stack.query(query, { id: globalId(id, org, ledger) });
}

/** The gateway's log lines that say what a read left out. */
const wireLogs = (s: ReplayStack) =>
  s.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'upstream fields degraded' || line.msg === 'upstream body refused');

/** The value of `gateway_upstream_wire_fields_total` for these labels (0 when absent). */
async function wireCount(s: ReplayStack, labels: { route: string; field: string; outcome: string }): Promise<number> {
  const wanted = `gateway_upstream_wire_fields_total{provider="MIDAZ",route="${labels.route}",field="${labels.field}",outcome="${labels.outcome}"}`;
  const line = (await s.metrics()).split('\n').find((l) => l.startsWith(`${wanted} `));
  return line ? Number(line.slice(wanted.length + 1)) : 0;
}

describe('m1: Midaz v3.8 books an overdraft as available 0 + overdraftUsed, with an internal debit companion', () => {
  const realCase = loadCase('m1-midaz-overdraft-v3.8');

  it('reads the account 150.50 in debt as -150.5 BRL, never 0 and +150.5, with every part exposed', async () => {
    stack = await startReplayStack('MIDAZ', realCase.routes);
    const [{ query, variables }] = realCase.queries as [(typeof realCase.queries)[0]];
    const response = await stack.query(expandCaseQuery(query), variables);
    expect(response.errors).toBeUndefined();
    const account = response.data?.account;
    expect(account.balances).toStrictEqual([{ asset: { code: 'BRL', issuer: null, network: null }, amount: '-150.5', onHold: '0' }]);
    expect(account.ledgerBalances).toMatchObject([
      {
        key: 'default',
        available: '0',
        overdraftUsed: '150.5',
        positionAvailable: '-150.5',
        direction: 'CREDIT',
        directionRaw: 'credit',
        scope: 'TRANSACTIONAL',
        scopeRaw: null,
        signedAmount: '-150.5',
        overdraft: { allowed: true, limitEnabled: true, limit: '500', limitAvailable: '349.5' },
      },
      {
        key: 'overdraft',
        available: '150.5',
        overdraftUsed: '0',
        positionAvailable: '150.5',
        direction: 'DEBIT',
        directionRaw: 'debit',
        scope: 'INTERNAL',
        scopeRaw: 'internal',
        signedAmount: null,
        overdraft: { allowed: false, limitEnabled: false, limit: null, limitAvailable: '0' },
      },
    ]);
    expect(account).toMatchObject({ displayName: 'Overdrawn shop', alias: '@overdrawn_shop', type: 'deposit', statusCode: 'ACTIVE', blocked: false });
    expect(wireLogs(stack)).toEqual([]);
  });

  it('gives a dashboard the same -150.5', async () => {
    stack = await startReplayStack('MIDAZ', realCase.routes);
    const { query, variables } = realCase.queries[1] as (typeof realCase.queries)[0];
    const response = await stack.query(expandCaseQuery(query), variables);
    expect(response.errors).toBeUndefined();
    expect(response.data?.accounts).toStrictEqual([
      { id: (variables?.ids as string[])[0], balances: [{ asset: { code: 'BRL' }, amount: '-150.5', onHold: '0' }] },
    ]);
  });

  it('computes the same -150.5 when the position block is absent (available - overdraftUsed)', async () => {
    const routes = structuredClone(realCase.routes);
    const balances = routes[1]?.json as { items: Array<Record<string, unknown>> };
    for (const item of balances.items) delete item.position;
    stack = await startReplayStack('MIDAZ', routes);
    const response = await stack.query(ACCOUNT, { id: (realCase.queries[0]?.variables as { id: string }).id });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount: '-150.5', onHold: '0' }]);
  });
});

describe('m2: Midaz answers an empty page as "items": null', () => {
  const realCase = loadCase('m2-midaz-list-items-null');

  it('reads an empty filter as an empty page, and ends a list whose length is a multiple of first cleanly', async () => {
    stack = await startReplayStack('MIDAZ', realCase.routes);
    const [empty, page1, page2] = realCase.queries as [(typeof realCase.queries)[0], (typeof realCase.queries)[0], (typeof realCase.queries)[0]];

    const none = await stack.query(empty.query);
    expect(none.errors).toBeUndefined();
    expect(none.data?.midazAccounts).toStrictEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });

    const first = await stack.query(page1.query);
    expect(first.errors).toBeUndefined();
    expect(first.data?.midazAccounts.nodes).toStrictEqual([
      { id: globalId('01980000-0002-7000-8000-000000000021'), displayName: 'Savings A' },
      { id: globalId('01980000-0002-7000-8000-000000000022'), displayName: 'Savings B' },
    ]);
    expect(first.data?.midazAccounts.pageInfo.hasNextPage).toBe(true);

    const second = await stack.query(page2.query.replace('__AFTER__', first.data?.midazAccounts.pageInfo.endCursor));
    expect(second.errors).toBeUndefined();
    expect(second.data?.midazAccounts).toStrictEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const pages = stack.replay.requests.filter((r) => r.url.includes('type=savings')).map((r) => new URL(r.url, 'http://x').searchParams.get('page'));
    expect(pages).toStrictEqual(['1', '2']);
  });

  it('reads a balance page whose items are null as no balances', async () => {
    const response = await readAccount(accountBody(), { items: null, limit: 100 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({ balances: [], ledgerBalances: [] });
  });

  it('reads a 204 to the list as an empty page', async () => {
    stack = await startReplayStack('MIDAZ', [{ path: accountsPath(), status: 204 }]);
    const response = await stack.query(LIST, { first: 5 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.midazAccounts).toStrictEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('m3: Midaz answers a metadata filter that matches nothing with 404 0064', () => {
  const realCase = loadCase('m3-midaz-list-metadata-nomatch');

  it('reads it as an empty page, not an error', async () => {
    stack = await startReplayStack('MIDAZ', realCase.routes);
    const response = await stack.query((realCase.queries[0] as (typeof realCase.queries)[0]).query);
    expect(response.errors).toBeUndefined();
    expect(response.data?.midazAccounts).toStrictEqual({ nodes: [], pageInfo: { hasNextPage: false } });
  });

  it.each([
    [
      'Fiber’s plain-text 404 (a wrong base URL)',
      { status: 404, body: 'Cannot GET /v1/organizations/x/ledgers/y/accounts', headers: { 'content-type': 'text/plain' } },
      'NOT_FOUND',
    ],
    [
      'a 404 with another Midaz code',
      { status: 404, json: { code: '0007', title: 'Entity Not Found', message: 'No entity was found for the given ID.' } },
      'NOT_FOUND',
    ],
    ['a 400 that happens to carry 0064', { status: 400, json: { code: '0064', title: 'No Accounts Found', message: '…' } }, 'UPSTREAM_ERROR'],
  ])('keeps %s an error, never an empty list', async (_label, answer, code) => {
    stack = await startReplayStack('MIDAZ', [{ path: accountsPath(), ...answer }]);
    const response = await stack.query(LIST, { first: 5 });
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code, provider: 'MIDAZ' });
  });
});

describe('each Midaz version family, read through the gateway', () => {
  it.each([
    [
      'v3.0–v3.2 (no key, no blocked flag)',
      'account-v3.0.json',
      'balances-v3.0.json',
      [['1520.5', '20']],
      [['default', 'CREDIT', null, 'TRANSACTIONAL', '1520.5']],
    ],
    [
      'v3.3–v3.6 (keys; the legacy external account is a negative credit balance)',
      null,
      'balances-v3.3.json',
      [
        ['-25095.12', '0'],
        ['0', '0'],
      ],
      [
        ['default', 'CREDIT', null, 'TRANSACTIONAL', '-25095.12'],
        ['settlement-hold', 'CREDIT', null, 'TRANSACTIONAL', '0'],
      ],
    ],
    [
      'v3.7 (unlimited overdraft in use, its companion, a debit balance of the owner)',
      null,
      'balances-v3.7.json',
      [
        ['-80.25', '0'],
        ['-1000', '0'],
      ],
      [
        ['default', 'CREDIT', 'credit', 'TRANSACTIONAL', '-80.25'],
        ['overdraft', 'DEBIT', 'debit', 'INTERNAL', null],
        ['supplier-credit', 'DEBIT', 'debit', 'TRANSACTIONAL', '-1000'],
      ],
    ],
    [
      'v3.8 (plain balance with its position block)',
      'account-v3.8.json',
      'balances-v3.8.json',
      [['23212.31', '112.31']],
      [['default', 'CREDIT', 'credit', 'TRANSACTIONAL', '23212.31']],
    ],
    [
      'v3.8 (overdraft with a limit, and its companion)',
      null,
      'balances-v3.8-overdraft.json',
      [['-150.5', '0']],
      [
        ['default', 'CREDIT', 'credit', 'TRANSACTIONAL', '-150.5'],
        ['overdraft', 'DEBIT', 'debit', 'INTERNAL', null],
      ],
    ],
    [
      'v3.8 (a new external account: debit default balance)',
      null,
      'balances-v3.8-external.json',
      [['-25095.12', '0']],
      [['default', 'DEBIT', 'debit', 'TRANSACTIONAL', '-25095.12']],
    ],
  ] as const)('%s', async (_label, accountFile, balancesFile, amounts, parts) => {
    const page = testdata(balancesFile);
    const first = (page.items as Array<Record<string, string>>)[0] as Record<string, string>;
    const [org, ledger, id] = [first.organizationId as string, first.ledgerId as string, first.accountId as string];
    const account = accountFile ? testdata(accountFile) : accountBody(id, org, ledger);
    // The v3.8 example pages on with a cursor: its next page is empty.
    const balances: ReplayRoute = page.next_cursor
      ? { path: '', answer: (req) => ({ json: req.url?.includes('cursor=') ? { items: null, limit: 100 } : page }) }
      : { path: '', json: page };
    const response = await readAccount(account, balances, ACCOUNT, id, org, ledger);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances.map((b: { amount: string; onHold: string }) => [b.amount, b.onHold])).toStrictEqual(amounts);
    expect(
      response.data?.account.ledgerBalances.map((b: Record<string, unknown>) => [b.key, b.direction, b.directionRaw, b.scope, b.signedAmount]),
    ).toStrictEqual(parts);
    expect(wireLogs(stack as ReplayStack)).toEqual([]);
  });

  it('reads a v3.0 account with every field, blocked false as Midaz’s default', async () => {
    const page = testdata('balances-v3.0.json');
    const response = await readAccount(
      testdata('account-v3.0.json'),
      page,
      FULL_ACCOUNT,
      '01985c2e-7f0f-7d21-8b10-2a4c6e8f0b51',
      '01985c2d-0a11-7b3c-8d42-5e6f7a8b9c01',
      '01985c2d-4b22-7c5d-9e63-7f8a9b0c1d02',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      displayName: 'Padaria Sol Nascente',
      type: 'deposit',
      assetCode: 'BRL',
      statusCode: 'ACTIVE',
      blocked: false,
      entityId: 'CNPJ-04252011000110',
      metadata: [{ key: 'segment', value: 'food' }],
      ledgerBalances: [{ key: 'default', direction: 'CREDIT', directionRaw: null, overdraftUsed: '0', overdraft: null }],
    });
  });
});

describe('tolerant reading: only ids, asset and amounts are required', () => {
  it('keeps the account when other fields are missing, null or unexpected, logging and counting each one', async () => {
    const account = accountBody(ACCOUNT_ID, ORG, LEDGER, {
      type: undefined,
      status: 'ACTIVE',
      blocked: 'yes',
      createdAt: 'yesterday',
      portfolioId: 'not-a-uuid',
      metadata: { peer: 'https://user:secret@peer.example/ilp', tier: 'gold' },
    });
    const response = await readAccount(account, { items: [balanceEntry()], limit: 100 }, FULL_ACCOUNT);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      id: globalId(),
      displayName: 'Loja Aurora',
      type: null,
      assetCode: 'BRL',
      statusCode: null,
      statusDescription: null,
      blocked: false,
      createdAt: null,
      portfolioId: null,
      metadata: [
        { key: 'peer', value: 'https://peer.example/ilp' },
        { key: 'tier', value: 'gold' },
      ],
      balances: [{ amount: '10.5', onHold: '0', asset: { code: 'BRL' } }],
    });
    expect(response.raw).not.toContain('secret');
    const logs = wireLogs(stack as ReplayStack);
    expect(logs).toEqual([expect.objectContaining({ msg: 'upstream fields degraded', provider: 'MIDAZ', route: ACCOUNT_ROUTE })]);
    expect([...(logs[0]?.fields as string[])].sort()).toEqual(['blocked', 'createdAt', 'portfolioId', 'status']);
    expect(JSON.stringify(logs)).not.toMatch(/yesterday|not-a-uuid/);
    for (const field of ['status', 'blocked', 'createdAt', 'portfolioId']) {
      expect(await wireCount(stack as ReplayStack, { route: ACCOUNT_ROUTE, field, outcome: 'degraded' })).toBe(1);
    }
  });

  it.each([
    ['id', { id: 42 }],
    ['assetCode', { assetCode: undefined }],
  ])('refuses an account without a readable %s, naming the field but not its value', async (field, extra) => {
    const response = await readAccount(accountBody(ACCOUNT_ID, ORG, LEDGER, extra), { items: [], limit: 100 }, FULL_ACCOUNT);
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ' });
    expect(wireLogs(stack as ReplayStack)).toEqual([
      expect.objectContaining({ msg: 'upstream body refused', route: ACCOUNT_ROUTE, fields: [field] }),
    ]);
    expect(await wireCount(stack as ReplayStack, { route: ACCOUNT_ROUTE, field, outcome: 'refused' })).toBe(1);
  });

  it('leaves out a balance whose amount cannot be read exactly, with an error at each balances path; the rest stands', async () => {
    const items = [
      balanceEntry(),
      balanceEntry({ id: '01980000-cccc-7000-8000-000000000002', key: 'bad-amount', available: '12,50', position: undefined }),
      balanceEntry({ id: '01980000-cccc-7000-8000-000000000003', key: 'bad-overdraft', overdraftUsed: { value: '1' }, position: undefined }),
      balanceEntry({ id: '01980000-cccc-7000-8000-000000000004', key: 'bad-position', position: { available: 'minus ten' } }),
      balanceEntry({
        id: '01980000-cccc-7000-8000-000000000005',
        key: undefined,
        available: '2',
        position: { available: '2', onHold: '0', overdraftLimitAvailable: 'lots' },
      }),
    ];
    const response = await readAccount(accountBody(), { items, limit: 100 });
    expect(response.data?.account.balances).toStrictEqual([
      { asset: { code: 'BRL' }, amount: '10.5', onHold: '0' },
      { asset: { code: 'BRL' }, amount: '2', onHold: '0' },
    ]);
    expect(response.data?.account.ledgerBalances.map((b: { key: string }) => b.key)).toStrictEqual(['default', 'default']);
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['account', 'balances'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ', leftOut: 3 }),
      }),
      expect.objectContaining({
        path: ['account', 'ledgerBalances'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ', leftOut: 3 }),
      }),
    ]);
    const logs = wireLogs(stack as ReplayStack);
    expect(logs.filter((l) => l.msg === 'upstream body refused').map((l) => [l.route, l.fields])).toStrictEqual([
      [BALANCES_ROUTE, ['items[].available']],
      [BALANCES_ROUTE, ['items[].overdraftUsed']],
      [BALANCES_ROUTE, ['items[].position.available']],
    ]);
    expect(logs.filter((l) => l.msg === 'upstream fields degraded').map((l) => l.fields)).toStrictEqual([
      ['items[].position.overdraftLimitAvailable'],
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/12,50|minus ten|lots/);
    expect(await wireCount(stack as ReplayStack, { route: BALANCES_ROUTE, field: 'items[].available', outcome: 'refused' })).toBe(1);
  });

  it('never reads an unreadable overdraftUsed as 0: the balance is left out, not shown as credit', async () => {
    const response = await readAccount(accountBody(), {
      items: [balanceEntry({ available: '0', overdraftUsed: 150.5, position: undefined })],
      limit: 100,
    });
    // A JSON number is exact decimal text too: 150.5 read exactly, so the account is 150.5 in debt.
    expect(response.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount: '-150.5', onHold: '0' }]);
    const unreadable = await readAccount(accountBody(), {
      items: [balanceEntry({ available: '0', overdraftUsed: 'NaN', position: undefined })],
      limit: 100,
    });
    expect(unreadable.data?.account.balances).toStrictEqual([]);
    expect(unreadable.errors?.[0]).toMatchObject({ path: ['account', 'balances'], extensions: { leftOut: 1 } });
  });

  it('keeps a balance of unknown direction or scope in ledgerBalances with its raw value, and out of balances with an error', async () => {
    const items = [
      balanceEntry({ direction: 'sideways' }),
      balanceEntry({
        id: '01980000-cccc-7000-8000-000000000002',
        key: 'escrow',
        settings: { balanceScope: 'escrow', allowOverdraft: false, overdraftLimitEnabled: false },
      }),
      balanceEntry({ id: '01980000-cccc-7000-8000-000000000003', key: 'savings', available: '3', position: undefined }),
    ];
    const response = await readAccount(accountBody(), { items, limit: 100 });
    expect(response.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount: '3', onHold: '0' }]);
    expect(
      response.data?.account.ledgerBalances.map((b: Record<string, unknown>) => [
        b.key,
        b.direction,
        b.directionRaw,
        b.scope,
        b.scopeRaw,
        b.signedAmount,
      ]),
    ).toStrictEqual([
      ['default', 'UNKNOWN', 'sideways', 'TRANSACTIONAL', null, null],
      ['escrow', 'CREDIT', 'credit', 'UNKNOWN', 'escrow', null],
      ['savings', 'CREDIT', 'credit', 'TRANSACTIONAL', null, '3'],
    ]);
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['account', 'balances'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', leftOut: 2 }) }),
    ]);
    expect(wireLogs(stack as ReplayStack)).toEqual([]);
  });

  it('follows next_cursor to the end, and refuses a page whose cursor or items are missing or unreadable rather than cut the list short', async () => {
    const pages: ReplayRoute = {
      path: '',
      answer: (req) =>
        req.url?.includes('cursor=c2') ? { json: { items: null, limit: 100 } } : { json: { items: [balanceEntry()], limit: 100, next_cursor: 'c2' } },
    };
    const paged = await readAccount(accountBody(), pages);
    expect(paged.errors).toBeUndefined();
    expect(paged.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount: '10.5', onHold: '0' }]);
    await stack?.close();

    for (const page of [
      { items: [balanceEntry()], limit: 100, next_cursor: { id: 42 } },
      { items: { first: balanceEntry() }, limit: 100 },
      { limit: 100 },
    ]) {
      const response = await readAccount(accountBody(), page);
      expect(response.data?.account).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ' });
      expect(wireLogs(stack as ReplayStack)).toEqual([expect.objectContaining({ msg: 'upstream body refused', route: BALANCES_ROUTE })]);
      await stack?.close();
      stack = undefined;
    }
  });

  it('leaves a listed account without a readable id out of the page, with an error, and pages on past it', async () => {
    const good = (n: number) => accountBody(`01980000-0002-7000-8000-00000000002${n}`, ORG, LEDGER, { name: `Savings ${n}` });
    stack = await startReplayStack('MIDAZ', [
      { path: accountsPath(), query: { page: '1' }, json: { items: [good(1), { ...good(2), id: null }, good(3)], limit: 3, page: 1 } },
      { path: accountsPath(), query: { page: '2' }, json: { items: null, limit: 3, page: 2 } },
    ]);
    const first = await stack.query(LIST, { first: 3 });
    expect(first.data?.midazAccounts.nodes.map((n: { displayName: string }) => n.displayName)).toStrictEqual(['Savings 1', 'Savings 3']);
    expect(first.data?.midazAccounts.pageInfo.hasNextPage).toBe(true);
    expect(first.errors).toEqual([
      expect.objectContaining({
        path: ['midazAccounts'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ', leftOut: 1 }),
      }),
    ]);
    expect(wireLogs(stack)).toEqual([
      expect.objectContaining({
        msg: 'upstream body refused',
        route: 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts',
        fields: ['items[].id'],
      }),
    ]);
    const second = await stack.query(LIST, { first: 3, after: first.data?.midazAccounts.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data?.midazAccounts).toStrictEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('JSON numbers and duplicate keys in Midaz bodies', () => {
  const rawPage = (available: string, extra = '') =>
    `{"items":[{"id":"01980000-cccc-7000-8000-000000000001","key":"default","assetCode":"BRL","available":${available},"onHold":0${extra},"direction":"credit","overdraftUsed":0}],"limit":100}`;

  it.each([
    ['5e-7', '0.0000005'],
    ['1E+3', '1000'],
    ['-0.0', '0'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
    ['"42.10"', '42.1'],
  ])('reads the amount %s exactly as %s', async (available, amount) => {
    const response = await readAccount(accountBody(), { body: rawPage(available) });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount, onHold: '0' }]);
  });

  it('refuses a balance body whose duplicate key holds two values, whatever else the body holds; the same value twice reads once', async () => {
    for (const extra of ['', ',"version":1234567890123456789']) {
      const refused = await readAccount(accountBody(), { body: rawPage('"1"', `,"available":"1000"${extra}`) });
      expect(refused.data?.account).toBeNull();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'MIDAZ' });
      expect(refused.raw).not.toContain('"1000"');
      await stack?.close();
      stack = undefined;
    }
    const same = await readAccount(accountBody(), { body: rawPage('"1"', ',"available":"1"') });
    expect(same.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount: '1', onHold: '0' }]);
  });
});

describe('content codings of Midaz bodies', () => {
  it.each([
    ['gzip', (text: string) => gzipSync(text)],
    ['br', (text: string) => brotliCompressSync(text)],
  ] as const)('decodes a %s balance page', async (coding, encode) => {
    const json = JSON.stringify({
      items: [balanceEntry({ available: '0', overdraftUsed: '150.5', position: { available: '-150.5', onHold: '0' } })],
      limit: 100,
    });
    const response = await readAccount(accountBody(), { body: encode(json), headers: { 'content-encoding': coding } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances).toStrictEqual([{ asset: { code: 'BRL' }, amount: '-150.5', onHold: '0' }]);
    expect(String(stack?.replay.requests.at(-1)?.headers['accept-encoding'])).toContain(coding);
  });
});
