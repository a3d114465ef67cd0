// GNU Taler libeufin-bank as real servers send it, over real HTTP: case t1 (test/realworld/cases), one payload per
// version family (src/providers/taler/testdata), and the tolerant-reading rule: only the username and the balance
// are required, any other field degrades visibly, a balance that cannot be read exactly is left out with an error,
// and a list never ends in an error because a page is empty.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { expandCaseQuery, loadCase, startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

let stack: ReplayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const testdata = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../src/providers/taler/testdata/${name}`, import.meta.url), 'utf8'));

const ACCOUNT = expandCaseQuery('query($id: ID!) { account(id: $id) { ${COMMON} ${TALER} } }');
const LIST = `query ($first: Int, $after: String) {
  talerAccounts(first: $first, after: $after) {
    nodes { id balances { amount asset { code } } status isPublic }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function readAccount(username: string, json: unknown, extra: readonly ReplayRoute[] = []) {
  stack = await startReplayStack('TALER', [{ path: `/accounts/${username}`, json }, ...extra]);
  return stack.query(ACCOUNT, { id: `taler:${username}` });
}

/** The gateway's log lines that say what a read left out. */
const wireLogs = (s: ReplayStack) =>
  s.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'upstream fields degraded' || line.msg === 'upstream body refused');

const listQueries = (s: ReplayStack) =>
  s.replay.requests.filter((r) => r.url.split('?')[0] === '/accounts').map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));

describe('t1: libeufin-bank 0.9.3 sends no is_public / is_taler_exchange', () => {
  it('reads the account with the later API defaults and its balance', async () => {
    const realCase = loadCase('t1-taler-0.9.3-account');
    stack = await startReplayStack('TALER', realCase.routes);
    const [{ query, variables }] = realCase.queries as [(typeof realCase.queries)[0]];
    const response = await stack.query(expandCaseQuery(query), variables);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      id: 'taler:merchant-shop1',
      balances: [{ asset: { code: 'KUDOS' }, amount: '120.5' }],
      isPublic: false,
      isTalerExchange: false,
    });
    expect(response.data?.account).toMatchObject({
      displayName: 'Example Shop One',
      paytoUri: 'payto://iban/SANDBOXX/DE00000000000000000001?receiver-name=Example+Shop+One',
      debitThreshold: { amount: '0', currency: 'KUDOS' },
      status: 'ACTIVE',
      statusRaw: null,
      contact: { email: 'shop1@example.org', phone: null },
      tanChannels: [],
    });
    // Absent optional fields are the API's defaults, not a degraded read: nothing to report.
    expect(wireLogs(stack)).toEqual([]);
  });
});

describe('each libeufin-bank version family, read through the gateway', () => {
  it.each([
    [
      'account-0.9.3.json',
      'bakery',
      {
        displayName: 'Corner Bakery',
        balances: [{ amount: '42.25', asset: { code: 'KUDOS' } }],
        paytoUri: 'payto://iban/DE71500105170648489890',
        isPublic: false,
        isTalerExchange: false,
        status: 'ACTIVE',
        statusRaw: null,
        contact: null,
        tanChannels: [],
        minCashout: null,
      },
    ],
    [
      'account-0.9.3-11.json',
      'mill',
      {
        balances: [{ amount: '-7.5', asset: { code: 'KUDOS' } }],
        debitThreshold: { amount: '50', currency: 'KUDOS' },
        isPublic: true,
        status: 'ACTIVE',
        tanChannels: ['sms'],
        contact: { email: null, phone: '+4915112345678' },
        cashoutPaytoUri: 'payto://iban/DE02100500000054540402',
      },
    ],
    [
      'account-0.11.json',
      'harbour',
      {
        balances: [{ amount: '0.01', asset: { code: 'EUR' } }],
        minCashout: { amount: '0.5', currency: 'EUR' },
        status: 'ACTIVE',
        statusRaw: 'active',
        tanChannels: ['email'],
        paytoUri: 'payto://x-taler-bank/bank.example.com/harbour?receiver-name=Harbour%20Books',
      },
    ],
    [
      'account-legacy-v6.json',
      'dave.k',
      { balances: [{ amount: '0', asset: { code: 'EUR' } }], isTalerExchange: true, status: 'LOCKED', statusRaw: null, tanChannels: ['sms'] },
    ],
    [
      'account-every-field-v10.json',
      'Carol.M',
      {
        balances: [{ amount: '1234.56789012', asset: { code: 'EUR' } }],
        status: 'LOCKED',
        statusRaw: 'locked',
        tanChannels: ['sms', 'email'],
        conversionRateClassId: 3,
        contact: { email: 'carol@example.com', phone: '+491701234567' },
      },
    ],
  ])('%s', async (file, username, expected) => {
    const response = await readAccount(username, testdata(file));
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({ id: `taler:${username}`, provider: 'TALER', ...expected });
    expect(wireLogs(stack!)).toEqual([]);
  });

  it.each([
    [
      'accounts-0.9.3.json',
      [
        ['taler:admin', '-142.25'],
        ['taler:bakery', '42.25'],
        ['taler:exchange', '100'],
      ],
    ],
    [
      'accounts-0.9.3-11.json',
      [
        ['taler:admin', '-92.5'],
        ['taler:mill', '-7.5'],
        ['taler:exchange', '100'],
      ],
    ],
    [
      'accounts-0.11.json',
      [
        ['taler:admin', '-1.01'],
        ['taler:harbour', '0.01'],
        ['taler:gone', '0'],
      ],
    ],
    ['accounts-v10.json', [['taler:bob', '-3']]],
  ])('the admin list %s', async (file, expected) => {
    stack = await startReplayStack('TALER', [{ path: '/accounts', json: testdata(file) }]);
    const response = await stack.query(LIST, { first: 20 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.talerAccounts.nodes.map((n: { id: string; balances: Array<{ amount: string }> }) => [n.id, n.balances[0]?.amount])).toEqual(
      expected,
    );
    expect(response.data?.talerAccounts.pageInfo.hasNextPage).toBe(false);
  });

  it('reads the payto URI a 0.9.3 list lacks from the account itself', async () => {
    stack = await startReplayStack('TALER', [
      { path: '/accounts', json: testdata('accounts-0.9.3.json') },
      { path: '/accounts/bakery', json: testdata('account-0.9.3.json') },
    ]);
    const response = await stack.query('{ talerAccounts(first: 2) { nodes { id displayName paytoUri } } }');
    expect(response.data?.talerAccounts.nodes).toEqual([
      // admin has no route here: its own read fails (404), and only that field says so.
      { id: 'taler:admin', displayName: 'Bank administrator', paytoUri: null },
      { id: 'taler:bakery', displayName: 'Corner Bakery', paytoUri: 'payto://iban/DE71500105170648489890' },
    ]);
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['talerAccounts', 'nodes', 0, 'paytoUri'], extensions: { code: 'NOT_FOUND', provider: 'TALER' } }),
    ]);
    expect(stack.replay.requests.map((r) => r.url.split('?')[0])).toEqual(['/accounts', '/accounts/admin', '/accounts/bakery']);
  });
});

describe('pages of servers without row ids (libeufin-bank before 0.9.4, API below 4:2:0)', () => {
  it('pages by position: the next page asks for the rows seen plus a page, and skips those seen', async () => {
    stack = await startReplayStack('TALER', [{ path: '/accounts', json: testdata('accounts-0.9.3-11.json') }]);
    const first = await stack.query(LIST, { first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.talerAccounts.nodes.map((n: { id: string }) => n.id)).toEqual(['taler:admin', 'taler:mill']);
    expect(first.data?.talerAccounts.pageInfo.hasNextPage).toBe(true);
    const second = await stack.query(LIST, { first: 2, after: first.data?.talerAccounts.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data?.talerAccounts.nodes.map((n: { id: string }) => n.id)).toEqual(['taler:exchange']);
    expect(second.data?.talerAccounts.pageInfo.hasNextPage).toBe(false);
    expect(listQueries(stack)).toEqual([
      { limit: '3', delta: '3' },
      { limit: '5', delta: '5' },
    ]);
  });
});

describe('tolerant reading: only the username and the balance are required', () => {
  const base = testdata('account-0.11.json');

  it.each([
    ['a malformed debit_threshold', { debit_threshold: 'EUR:1e3' }, { debitThreshold: null }, ['debit_threshold']],
    ['a signed min_cashout', { min_cashout: 'EUR:-5' }, { minCashout: null }, ['min_cashout']],
    ['a debit_threshold of another type', { debit_threshold: 100 }, { debitThreshold: null }, ['debit_threshold']],
    ['is_public as text', { is_public: 'yes' }, { isPublic: false }, ['is_public']],
    ['tan_channels as one string', { tan_channels: 'sms' }, { tanChannels: ['email'] }, ['tan_channels']],
    ['contact_data as text', { contact_data: 'books@example.org' }, { contact: null }, ['contact_data']],
    [
      'a phone number as a number',
      { contact_data: { email: 'b@example.org', phone: 4915112345678 } },
      { contact: { email: 'b@example.org', phone: null } },
      ['contact_data.phone'],
    ],
    ['a name of another type', { name: 42 }, { displayName: null }, ['name']],
    ['a payto URI of another type', { payto_uri: ['payto://iban/X'] }, { paytoUri: null }, ['payto_uri']],
    ['a fractional conversion class', { conversion_rate_class_id: 1.5 }, { conversionRateClassId: null }, ['conversion_rate_class_id']],
  ])('%s degrades that field only, logged and counted', async (_what, change, expected, fields) => {
    const response = await readAccount('harbour', { ...base, ...change });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({ id: 'taler:harbour', balances: [{ amount: '0.01' }], ...expected });
    expect(wireLogs(stack!)).toEqual([
      expect.objectContaining({ msg: 'upstream fields degraded', provider: 'TALER', route: 'GET /accounts/{username}', fields }),
    ]);
    // Field paths only, never the values.
    for (const value of Object.values(change)) if (typeof value === 'string' && value.length > 4) expect(stack!.logs.join('')).not.toContain(value);
    expect(await stack!.metrics()).toContain(
      `gateway_upstream_wire_fields_total{provider="TALER",route="GET /accounts/{username}",field="${fields[0]}",outcome="degraded"} 1`,
    );
  });

  it.each([
    ['frozen', 'frozen'],
    ['an upper-case state', 'ACTIVE'],
    ['an empty state', ''],
  ])('reads an unknown status (%s) as OTHER, the raw value kept', async (_what, status) => {
    const response = await readAccount('harbour', { ...base, status });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({ status: 'OTHER', statusRaw: status, balances: [{ amount: '0.01' }] });
  });

  it.each([
    ['an indicator the API does not define', { amount: 'EUR:150.5', credit_debit_indicator: 'overdrawn' }, 'balance.credit_debit_indicator'],
    ['an upper-case indicator', { amount: 'EUR:150.5', credit_debit_indicator: 'DEBIT' }, 'balance.credit_debit_indicator'],
    ['an amount with an exponent', { amount: 'EUR:1.505e2', credit_debit_indicator: 'debit' }, 'balance.amount'],
    ['an amount with a sign', { amount: 'EUR:-150.5', credit_debit_indicator: 'credit' }, 'balance.amount'],
    ['an amount above 2^52', { amount: 'EUR:4503599627370497', credit_debit_indicator: 'credit' }, 'balance.amount'],
    ['an amount without a currency', { amount: '150.5', credit_debit_indicator: 'credit' }, 'balance.amount'],
  ])('never guesses a balance with %s: the account stands, the balance is left out with an error at its path', async (_what, balance, field) => {
    const response = await readAccount('harbour', { ...base, balance });
    expect(response.data?.account).toMatchObject({ id: 'taler:harbour', displayName: 'Harbour Books', balances: [], status: 'ACTIVE' });
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['account', 'balances'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'TALER', leftOut: 1 }),
      }),
    ]);
    expect(wireLogs(stack!)).toEqual([
      expect.objectContaining({ msg: 'upstream body refused', provider: 'TALER', route: 'GET /accounts/{username}', fields: [field] }),
    ]);
    expect(response.raw).not.toContain('150.5');
    expect(await stack!.metrics()).toContain(
      `gateway_upstream_wire_fields_total{provider="TALER",route="GET /accounts/{username}",field="${field}",outcome="refused"} 1`,
    );
  });

  it.each([
    ['no balance', (({ balance: _b, ...rest }) => rest)(base), ['balance']],
    ['a balance without its indicator', { ...base, balance: { amount: 'EUR:1' } }, ['balance.credit_debit_indicator']],
    ['an error body answered with 200', { code: 5106, hint: "Account 'harbour' not found" }, ['balance']],
  ])('refuses a body with %s: the account is null with UPSTREAM_ERROR, the refusal logged with its field', async (_what, body, fields) => {
    const response = await readAccount('harbour', body);
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'TALER' });
    expect(wireLogs(stack!)).toEqual([
      expect.objectContaining({ msg: 'upstream body refused', provider: 'TALER', route: 'GET /accounts/{username}', fields }),
    ]);
  });
});

describe('Taler amounts in the forms real servers send', () => {
  it.each([
    ['KUDOS:1.5', 'credit', 'KUDOS', '1.5'],
    ['EUR:0.01', 'credit', 'EUR', '0.01'],
    ['EUR:10', 'debit', 'EUR', '-10'],
    ['KUDOS:0.00000001', 'debit', 'KUDOS', '-0.00000001'],
    ['EUR:0', 'debit', 'EUR', '0'],
    ['EUR:4503599627370496.99999999', 'credit', 'EUR', '4503599627370496.99999999'],
    ['CHF:10.50', 'credit', 'CHF', '10.5'],
    ['ABCDEFGHIJK:007', 'credit', 'ABCDEFGHIJK', '7'],
  ])('%s in %s reads exactly', async (amount, credit_debit_indicator, code, expected) => {
    const response = await readAccount('alice', {
      ...testdata('account-alice.json'),
      balance: { amount, credit_debit_indicator },
      debit_threshold: amount,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances).toEqual([{ asset: { code, issuer: null, network: null }, amount: expected, onHold: null }]);
    expect(response.data?.account.debitThreshold).toEqual({ currency: code, amount: expected.replace(/^-/, '') });
  });
});

describe('lists never end in an error because a page is empty', () => {
  const row = (username: string, rowId: number | string, balance: unknown = { amount: 'EUR:1', credit_debit_indicator: 'credit' }) => ({
    username,
    name: username,
    payto_uri: `payto://iban/DE89370400440532013000?receiver-name=${username}`,
    balance,
    debit_threshold: 'EUR:0',
    is_public: false,
    is_taler_exchange: false,
    row_id: rowId,
    status: 'active',
  });
  const empty = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };

  it.each<[string, Partial<ReplayRoute>]>([
    ['204 with no body', { status: 204 }],
    ['an empty accounts list', { json: { accounts: [] } }],
    ['a null accounts list', { json: { accounts: null } }],
    ['no accounts list at all', { json: {} }],
  ])('reads %s as an empty page', async (_what, answer) => {
    stack = await startReplayStack('TALER', [{ path: '/accounts', ...answer }]);
    const response = await stack.query(LIST, { first: 5 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.talerAccounts).toEqual(empty);
  });

  it('gives hasNextPage false on a last page exactly `first` long, so no client asks for an empty page', async () => {
    stack = await startReplayStack('TALER', [{ path: '/accounts', json: { accounts: [row('a', 1), row('b', 2)] } }]);
    const response = await stack.query(LIST, { first: 2 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.talerAccounts.pageInfo.hasNextPage).toBe(false);
  });

  it('reads a next page the bank answers with 204 (rows deleted meanwhile) as an empty page', async () => {
    stack = await startReplayStack('TALER', [
      { path: '/accounts', json: { accounts: [row('a', 1), row('b', 2), row('c', 3)] } },
      { path: '/accounts', query: { offset: '2' }, status: 204 },
    ]);
    const first = await stack.query(LIST, { first: 2 });
    expect(first.data?.talerAccounts.pageInfo.hasNextPage).toBe(true);
    const next = await stack.query(LIST, { first: 2, after: first.data?.talerAccounts.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data?.talerAccounts).toEqual(empty);
  });

  it('reads row ids sent as decimal text', async () => {
    stack = await startReplayStack('TALER', [
      { path: '/accounts', json: { accounts: [row('a', '7'), row('b', '9'), row('c', '12')] } },
      { path: '/accounts', query: { offset: '9' }, json: { accounts: [row('c', '12')] } },
    ]);
    const first = await stack.query(LIST, { first: 2 });
    const next = await stack.query(LIST, { first: 2, after: first.data?.talerAccounts.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data?.talerAccounts.nodes.map((n: { id: string }) => n.id)).toEqual(['taler:c']);
  });
});

describe('lists: one bad entry never costs the page', () => {
  const good = (username: string, rowId: number) => ({
    username,
    name: username,
    payto_uri: 'payto://iban/DE89370400440532013000',
    balance: { amount: 'EUR:2', credit_debit_indicator: 'debit' },
    debit_threshold: 'EUR:0',
    is_public: false,
    is_taler_exchange: false,
    row_id: rowId,
  });

  it('leaves out an entry without a valid username, says so at the list, and pages past it', async () => {
    const bad = { ...good('x', 2), username: 'no/such user' };
    stack = await startReplayStack('TALER', [
      { path: '/accounts', json: { accounts: [good('a', 1), bad, good('c', 3)] } },
      { path: '/accounts', query: { offset: '2' }, json: { accounts: [good('c', 3)] } },
    ]);
    const first = await stack.query(LIST, { first: 2 });
    expect(first.data?.talerAccounts.nodes.map((n: { id: string }) => n.id)).toEqual(['taler:a']);
    expect(first.data?.talerAccounts.pageInfo.hasNextPage).toBe(true);
    expect(first.errors).toEqual([
      expect.objectContaining({
        path: ['talerAccounts'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'TALER', leftOut: 1 }),
      }),
    ]);
    expect(wireLogs(stack)).toEqual([expect.objectContaining({ msg: 'upstream body refused', route: 'GET /accounts', fields: ['username'] })]);
    const next = await stack.query(LIST, { first: 2, after: first.data?.talerAccounts.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data?.talerAccounts.nodes.map((n: { id: string }) => n.id)).toEqual(['taler:c']);
  });

  it('keeps an entry whose balance cannot be read exactly, the balance left out with an error at its path', async () => {
    const unreadable = { ...good('b', 2), balance: { amount: 'EUR:2', credit_debit_indicator: 'owing' } };
    stack = await startReplayStack('TALER', [{ path: '/accounts', json: { accounts: [good('a', 1), unreadable] } }]);
    const response = await stack.query(LIST, { first: 5 });
    expect(response.data?.talerAccounts.nodes).toEqual([
      { id: 'taler:a', balances: [{ amount: '-2', asset: { code: 'EUR' } }], status: 'ACTIVE', isPublic: false },
      { id: 'taler:b', balances: [], status: 'ACTIVE', isPublic: false },
    ]);
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['talerAccounts', 'nodes', 1, 'balances'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', leftOut: 1 }),
      }),
    ]);
    expect(wireLogs(stack)).toEqual([
      expect.objectContaining({ msg: 'upstream body refused', route: 'GET /accounts', fields: ['balance.credit_debit_indicator'] }),
    ]);
  });
});

describe('the shared transport, as it applies to Taler', () => {
  const alice = JSON.stringify(testdata('account-alice.json'));

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('asks for and reads a %s body', async (coding, compress) => {
    stack = await startReplayStack('TALER', [
      { path: '/accounts/alice', headers: { 'content-encoding': coding }, body: compress(Buffer.from(alice)) },
    ]);
    const response = await stack.query(ACCOUNT, { id: 'taler:alice' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({ displayName: 'Alice Example', balances: [{ amount: '10.5' }] });
    expect(stack.replay.requests[0]?.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('reads a key sent twice with the same value once, and refuses one sent with two values (never picks one)', async () => {
    const twice = (second: string) => alice.replace('"amount":"KUDOS:10.5"', `"amount":"KUDOS:10.5","amount":"${second}"`);
    stack = await startReplayStack('TALER', [
      { path: '/accounts/same', body: twice('KUDOS:10.5') },
      { path: '/accounts/other', body: twice('KUDOS:1000') },
    ]);
    const same = await stack.query(ACCOUNT, { id: 'taler:same' });
    expect(same.errors).toBeUndefined();
    expect(same.data?.account.balances).toEqual([{ asset: { code: 'KUDOS', issuer: null, network: null }, amount: '10.5', onHold: null }]);
    const other = await stack.query(ACCOUNT, { id: 'taler:other' });
    expect(other.data?.account).toBeNull();
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'TALER' });
    expect(other.raw).not.toContain('1000');
  });

  it.each([
    ['an exponent', '3E0', 3],
    ['a trailing fraction', '3.0', 3],
  ])('reads conversion_rate_class_id written with %s', async (_what, text, expected) => {
    stack = await startReplayStack('TALER', [{ path: '/accounts/alice', body: alice.replace(/}$/, `,"conversion_rate_class_id":${text}}`) }]);
    const response = await stack.query(ACCOUNT, { id: 'taler:alice' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.conversionRateClassId).toBe(expected);
  });

  it('waits out a 429 whose Retry-After fits the time limit, and reads the account', async () => {
    let calls = 0;
    stack = await startReplayStack('TALER', [
      {
        path: '/accounts/alice',
        answer: () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '1' }, json: { code: 0 } } : { body: alice }),
      },
    ]);
    const response = await stack.query(ACCOUNT, { id: 'taler:alice' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances[0].amount).toBe('10.5');
    expect(calls).toBe(2);
  });

  it('answers RATE_LIMITED with retryAfter when the wait does not fit', async () => {
    stack = await startReplayStack('TALER', [{ path: '/accounts/alice', status: 429, headers: { 'retry-after': '120' }, json: { code: 0 } }]);
    const response = await stack.query(ACCOUNT, { id: 'taler:alice' });
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'TALER', retryAfter: 120 });
  });
});

describe('many accounts at once through the admin list', () => {
  const ids = ['taler:admin', 'taler:bakery', 'taler:exchange', 'taler:late'];

  it('reads a 0.9.3 list (no row ids) once, and the accounts it lacks one by one', async () => {
    stack = await startReplayStack(
      'TALER',
      [
        { path: '/accounts', json: testdata('accounts-0.9.3.json') },
        { path: '/accounts/late', json: { ...testdata('account-0.9.3.json'), name: 'Late Comer' } },
      ],
      { TALER_LIST_THRESHOLD: '2' },
    );
    const response = await stack.query('query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName balances { amount } } }', { ids });
    expect(response.errors).toBeUndefined();
    expect(response.data?.accounts).toEqual([
      { id: 'taler:admin', displayName: 'Bank administrator', balances: [{ amount: '-142.25' }] },
      { id: 'taler:bakery', displayName: 'Corner Bakery', balances: [{ amount: '42.25' }] },
      { id: 'taler:exchange', displayName: 'Exchange Company', balances: [{ amount: '100' }] },
      { id: 'taler:late', displayName: 'Late Comer', balances: [{ amount: '42.25' }] },
    ]);
    expect(stack.replay.requests.map((r) => r.url.split('?')[0])).toEqual(['/accounts', '/accounts/late']);
  });
});
