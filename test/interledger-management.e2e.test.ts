// Interledger account management end to end over HTTP: the gateway-paged list, and create, update and delete on the simulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type GraphQLResponse, type Stack } from './harness.js';

let stack: Stack;
type Result = GraphQLResponse<Record<string, any>>;
type Page = {
  edges: Array<{ node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};
const sim = () => stack.fleet.byProvider.INTERLEDGER;
const calls = () => sim().requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  sim().reset();
  sim().faults.clear();
});

const ACCOUNT_FIELDS = `
  id nativeId displayName relationship assetCode assetScale linkType connectionInitiator sendsRoutes receivesRoutes
  maximumPacketAmount balanceSettings { minBalance settleThreshold settleTo } customSettings { key value }`;

const LIST = `query ($first: Int, $after: String) {
  interledgerAccounts(first: $first, after: $after) {
    edges { cursor node { id } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const CREATE = `mutation ($input: InterledgerAccountCreateInput!) {
  interledgerAccountCreate(input: $input) { account { ${ACCOUNT_FIELDS} } userErrors { code field message } }
}`;

const UPDATE = `mutation ($id: ID!, $input: InterledgerAccountUpdateInput!) {
  interledgerAccountUpdate(id: $id, input: $input) { account { ${ACCOUNT_FIELDS} } userErrors { code field message } }
}`;

const DELETE = `mutation ($id: ID!) { interledgerAccountDelete(id: $id) { deletedId userErrors { code field message } } }`;

const READ = `query ($id: ID!) { account(id: $id) { id ... on InterledgerAccount { ${ACCOUNT_FIELDS} balance { net } } } }`;

const newAccount = (accountId: string, extra: Record<string, unknown> = {}) => ({
  accountId,
  relationship: 'CHILD',
  assetCode: 'USD',
  assetScale: 2,
  linkType: 'ILP_OVER_HTTP',
  ...extra,
});

/** Every id of the list, page by page, with the number of pages. */
async function readAll(first: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const result: Result = await stack.query(LIST, { first, after });
    expect(result.errors).toBeUndefined();
    const page: Page = result.data?.interledgerAccounts;
    pages += 1;
    ids.push(...page.nodes.map((n: { id: string }) => n.id));
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.pageInfo.hasNextPage) return { ids, pages };
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(20);
  }
}

describe('the interledgerAccounts list', () => {
  it('pages to the end of a long list in account-id order, each page one upstream call', async () => {
    const created = Array.from({ length: 24 }, (_, n) => `bulk.${String(n).padStart(2, '0')}`);
    const aliases = created.map(
      (id, n) =>
        `c${n}: interledgerAccountCreate(input: { accountId: "${id}", relationship: PEER, assetCode: "EUR", assetScale: 2, linkType: "LOOPBACK" }) { userErrors { code } }`,
    );
    const made = await stack.query(`mutation { ${aliases.join('\n')} }`);
    expect(made.errors).toBeUndefined();
    expect(Object.values(made.data ?? {}).every((p) => (p as { userErrors: unknown[] }).userErrors.length === 0)).toBe(true);
    sim().reset();

    const { ids, pages } = await readAll(7);
    const expected = [
      ...stack.fleet.sampleIds.filter((id) => id.startsWith('interledger:')),
      ...created.map((id) => `interledger:${id.replace('.', '')}`),
    ].sort();
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(calls()).toEqual(Array.from({ length: pages }, () => 'GET /accounts'));

    for (const id of created) await stack.query(DELETE, { id: `interledger:${id}` });
  });

  it('gives every edge its own cursor, so a page may resume after any account', async () => {
    const first = await stack.query(LIST, { first: 3 });
    const [, second] = first.data?.interledgerAccounts.edges as Array<{ cursor: string; node: { id: string } }>;
    const next = await stack.query(LIST, { first: 1, after: second?.cursor });
    expect(next.data?.interledgerAccounts.nodes[0].id).toBe(first.data?.interledgerAccounts.nodes[2].id);
    expect(first.data?.interledgerAccounts.pageInfo.startCursor).toBe(first.data?.interledgerAccounts.edges[0].cursor);
  });

  it('keeps its place when an account is added before the cursor', async () => {
    const first = await stack.query(LIST, { first: 2 });
    const after = first.data?.interledgerAccounts.pageInfo.endCursor;
    const expectedNext = (await stack.query(LIST, { first: 1, after })).data?.interledgerAccounts.nodes[0].id;
    await stack.query(CREATE, { input: newAccount('0000-first') });
    const next = await stack.query(LIST, { first: 1, after });
    expect(next.data?.interledgerAccounts.nodes[0].id).toBe(expectedNext);
    await stack.query(DELETE, { id: 'interledger:0000-first' });
  });

  it.each([
    ['a forged cursor', { after: 'bm90LWEtY3Vyc29y.AAAA' }],
    ['a cursor of another list', { after: 'conduit' }],
    ['a page size of 0', { first: 0 }],
    ['a page size above 100', { first: 101 }],
  ])('refuses %s with BAD_USER_INPUT and no upstream call', async (_name, variables) => {
    let args = variables as Record<string, unknown>;
    if (args.after === 'conduit') {
      const other = await stack.query(
        `{ conduitClientAccounts(clientId: "client_2ofTA13AD0xBtbEvBl20aEb1hEu", first: 1) { pageInfo { endCursor } } }`,
      );
      args = { after: other.data?.conduitClientAccounts.pageInfo.endCursor };
    }
    const result = await stack.query(LIST, args);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
    expect(sim().requests).toHaveLength(0);
  });

  it('reads listed accounts once: every field from the list, balances one call each, no account call', async () => {
    const result = await stack.query(
      `{ interledgerAccounts(first: 3) { nodes { ${ACCOUNT_FIELDS} fetchedAt balance { net } balances { amount } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data?.interledgerAccounts.nodes as Array<{ nativeId: string; customSettings: Array<{ value: string }> }>;
    expect(nodes).toHaveLength(3);
    expect(calls().sort()).toEqual(['GET /accounts', ...nodes.map((n) => `GET /accounts/${n.nativeId}/balance`)].sort());
    expect(result.raw).not.toContain('enc:');
    expect(result.raw).not.toContain(sim().url);
  });

  it('lists with the same fields a single read gives', async () => {
    const listed = (await stack.query(`{ interledgerAccounts(first: 100) { nodes { ${ACCOUNT_FIELDS} } } }`)).data?.interledgerAccounts.nodes;
    const alice = (listed as Array<{ id: string }>).find((a) => a.id === 'interledger:alice');
    const read = await stack.query(`{ account(id: "interledger:alice") { ... on InterledgerAccount { ${ACCOUNT_FIELDS} } } }`);
    expect(alice).toEqual(read.data?.account);
  });
});

describe('interledgerAccountCreate', () => {
  it('creates, reads, lists, updates and deletes an account, under the id the connector normalises', async () => {
    const created = await stack.query(CREATE, {
      input: newAccount('Dave.Smith', {
        description: 'Dave’s wallet',
        maximumPacketAmount: '1000.5',
        balanceSettings: { minBalance: '-25', settleThreshold: '100', settleTo: '10.00' },
        customSettings: [
          { key: 'ilpOverHttp.outgoing.url', value: 'https://dave.example/ilp' },
          { key: 'ilpOverHttp.outgoing.shared_secret', value: 'dave-secret-value' },
        ],
      }),
    });
    expect(created.errors).toBeUndefined();
    const payload = created.data?.interledgerAccountCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.account).toMatchObject({
      id: 'interledger:davesmith',
      nativeId: 'davesmith',
      displayName: 'Dave’s wallet',
      relationship: 'CHILD',
      assetScale: 2,
      sendsRoutes: true,
      receivesRoutes: false,
      connectionInitiator: true,
      maximumPacketAmount: '1000.5',
      balanceSettings: { minBalance: '-25', settleThreshold: '100', settleTo: '10' },
      customSettings: [
        { key: 'ilpOverHttp.outgoing.url', value: 'https://dave.example/ilp' },
        { key: 'ilpOverHttp.outgoing.shared_secret', value: '[redacted]' },
      ],
    });
    expect(created.raw).not.toContain('dave-secret-value');
    expect(calls()).toEqual(['POST /accounts']);

    const read = await stack.query(READ, { id: 'interledger:DaveSmith' });
    expect(read.data?.account).toMatchObject({ id: 'interledger:davesmith', maximumPacketAmount: '1000.5', balance: { net: '0' } });

    const { ids } = await readAll(100);
    expect(ids).toContain('interledger:davesmith');

    sim().reset();
    const updated = await stack.query(UPDATE, {
      id: 'interledger:davesmith',
      input: {
        description: '',
        maximumPacketAmount: null,
        balanceSettings: { minBalance: '-30.25' },
        customSettings: [{ key: 'ilpOverHttp.outgoing.url', value: 'https://dave.example/v2' }],
      },
    });
    expect(updated.data?.interledgerAccountUpdate.userErrors).toEqual([]);
    expect(updated.data?.interledgerAccountUpdate.account).toMatchObject({
      displayName: null,
      maximumPacketAmount: null,
      balanceSettings: { minBalance: '-30.25', settleThreshold: '100', settleTo: '10' },
      customSettings: [
        { key: 'ilpOverHttp.outgoing.url', value: 'https://dave.example/v2' },
        { key: 'ilpOverHttp.outgoing.shared_secret', value: '[redacted]' },
      ],
    });
    expect(calls()).toEqual(['GET /accounts/davesmith', 'PUT /accounts/davesmith']);

    const deleted = await stack.query(DELETE, { id: 'interledger:Dave.Smith' });
    expect(deleted.data?.interledgerAccountDelete).toEqual({ deletedId: 'interledger:davesmith', userErrors: [] });
    const gone = await stack.query(READ, { id: 'interledger:davesmith' });
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await readAll(100)).ids).not.toContain('interledger:davesmith');
  });

  it('shows back only the settings on the allowlist: secrets of any name redacted, URLs without userinfo, in the answer and on every read', async () => {
    const customSettings = [
      { key: 'ilpOverHttp.outgoing.auth_type', value: 'SIMPLE' },
      { key: 'ilpOverHttp.outgoing.simple.auth_token', value: 'ivy-token-value' },
      { key: 'ilpOverHttp.outgoing.url', value: 'https://ivy:ivy-password@ivy.example/ilp' },
      { key: 'private_key_pem', value: '-----BEGIN PRIVATE KEY-----ivy' },
      { key: 'api_keys', value: 'ivy-api-key' },
      { key: 'authorization', value: 'Bearer ivy-bearer' },
      { key: 'seed', value: 'ivy-seed-value' },
    ];
    const expected = [
      { key: 'ilpOverHttp.outgoing.auth_type', value: 'SIMPLE' },
      { key: 'ilpOverHttp.outgoing.simple.auth_token', value: '[redacted]' },
      { key: 'ilpOverHttp.outgoing.url', value: 'https://ivy.example/ilp' },
      { key: 'private_key_pem', value: '[redacted]' },
      { key: 'api_keys', value: '[redacted]' },
      { key: 'authorization', value: '[redacted]' },
      { key: 'seed', value: '[redacted]' },
    ];
    const created = await stack.query(CREATE, { input: newAccount('ivy', { customSettings }) });
    expect(created.data?.interledgerAccountCreate.account.customSettings).toEqual(expected);
    const read = await stack.query(READ, { id: 'interledger:ivy' });
    expect(read.data?.account.customSettings).toEqual(expected);
    const updated = await stack.query(UPDATE, { id: 'interledger:ivy', input: { description: 'Ivy' } });
    expect(updated.data?.interledgerAccountUpdate.account.customSettings).toEqual(expected);
    for (const response of [created, read, updated])
      expect(response.raw).not.toMatch(/ivy-token-value|ivy-password|BEGIN PRIVATE|ivy-api-key|ivy-bearer|ivy-seed-value/);
    await stack.query(DELETE, { id: 'interledger:ivy' });
  });

  it('creates once per idempotency key: a repeat (even concurrent) gets the first answer, another input is refused', async () => {
    const CREATE_ONCE = `mutation ($input: InterledgerAccountCreateInput!, $key: String) {
      interledgerAccountCreate(input: $input, idempotencyKey: $key) { account { id displayName } userErrors { code } }
    }`;
    const input = newAccount('once', { description: 'Only once' });
    const answers = await Promise.all([1, 2, 3].map(() => stack.query(CREATE_ONCE, { input, key: 'create-once-3f1c' })));
    expect(answers.map((answer) => answer.data?.interledgerAccountCreate)).toEqual(
      Array(3).fill({ account: { id: 'interledger:once', displayName: 'Only once' }, userErrors: [] }),
    );
    const later = await stack.query(CREATE_ONCE, { input, key: 'create-once-3f1c' });
    expect(later.data?.interledgerAccountCreate.account.id).toBe('interledger:once');
    expect(calls().filter((call) => call === 'POST /accounts')).toHaveLength(1);
    const reused = await stack.query(CREATE_ONCE, { input: newAccount('twice'), key: 'create-once-3f1c' });
    expect(reused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const without = await stack.query(CREATE_ONCE, { input });
    expect(without.data?.interledgerAccountCreate.userErrors).toEqual([{ code: 'CONFLICT' }]);
  });

  it('reports an id already in use as CONFLICT on input.accountId, after one call', async () => {
    const result = await stack.query(CREATE, { input: newAccount('ALICE') });
    expect(result.data?.interledgerAccountCreate).toEqual({
      account: null,
      userErrors: [{ code: 'CONFLICT', field: ['input', 'accountId'], message: 'An Interledger account with the id `alice` already exists.' }],
    });
    expect(calls()).toEqual(['POST /accounts']);
  });

  it.each([
    ['an id with a space', { accountId: 'a b' }, ['input', 'accountId']],
    ['an id of dots only', { accountId: '...' }, ['input', 'accountId']],
    ['an id over 64 characters', { accountId: 'x'.repeat(65) }, ['input', 'accountId']],
    ['more decimals than the asset scale', { maximumPacketAmount: '1.005' }, ['input', 'maximumPacketAmount']],
    ['a negative packet size', { maximumPacketAmount: '-1' }, ['input', 'maximumPacketAmount']],
    ['a balance beyond a Java long', { balanceSettings: { minBalance: '-92233720368547758.09' } }, ['input', 'balanceSettings', 'minBalance']],
    ['a threshold below settleTo', { balanceSettings: { settleThreshold: '5', settleTo: '6' } }, ['input', 'balanceSettings', 'settleThreshold']],
    ['a threshold below the default settleTo of 0', { balanceSettings: { settleThreshold: '-1' } }, ['input', 'balanceSettings', 'settleThreshold']],
    ['an asset scale above 255', { assetScale: 256 }, ['input', 'assetScale']],
    ['a blank asset code', { assetCode: '' }, ['input', 'assetCode']],
    ['a link type with spaces', { linkType: 'ILP OVER HTTP' }, ['input', 'linkType']],
    [
      'a custom setting given twice',
      {
        customSettings: [
          { key: 'k', value: '1' },
          { key: 'k', value: '2' },
        ],
      },
      ['input', 'customSettings'],
    ],
    ['the redaction placeholder as a value', { customSettings: [{ key: 'password', value: '[redacted]' }] }, ['input', 'customSettings']],
  ])('refuses %s as INVALID on its field, without any upstream call', async (_name, change, field) => {
    const result = await stack.query(CREATE, { input: { ...newAccount('valid-id'), ...change } });
    const payload = result.data?.interledgerAccountCreate;
    expect(payload.account).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field })]);
    expect(sim().requests).toHaveLength(0);
  });

  it('reports every invalid field at once', async () => {
    const result = await stack.query(CREATE, { input: newAccount('a b', { assetCode: '', maximumPacketAmount: '0.001' }) });
    const fields = result.data?.interledgerAccountCreate.userErrors.map((e: { field: string[] }) => e.field.join('.'));
    expect(fields).toEqual(['input.accountId', 'input.assetCode']);
    expect(sim().requests).toHaveLength(0);
  });

  it('maps the connector refusing the settings (400) to INVALID on input, in the gateway’s own words', async () => {
    const body = JSON.stringify({
      accountId: 'erin',
      type: 'https://errors.interledger.org/accounts/invalid-account-settings',
      title: 'Invalid Account Settings',
      status: 400,
      detail: 'Settlement Engine BaseURL was invalid: http://internal.example',
    });
    sim().faults.set({ fault: { kind: 'status', status: 400, body }, method: 'POST', path: '^/accounts$', times: 1 });
    const result = await stack.query(CREATE, { input: newAccount('erin') });
    expect(result.data?.interledgerAccountCreate).toEqual({
      account: null,
      userErrors: [{ code: 'INVALID', field: ['input'], message: 'The connector refused these account settings.' }],
    });
    expect(result.raw).not.toContain('internal.example');
  });

  it('keeps a server failure a GraphQL error, and never sends the POST twice', async () => {
    sim().faults.set({ fault: { kind: 'status', status: 503 }, method: 'POST', path: '^/accounts$' });
    const result = await stack.query(CREATE, { input: newAccount('frank') });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'INTERLEDGER' });
    expect(calls()).toEqual(['POST /accounts']);
  });

  it('says the account was created when the connector’s answer cannot be read', async () => {
    sim().faults.set({ fault: { kind: 'status', status: 201, body: '{"unexpected":true}' }, method: 'POST', path: '^/accounts$', times: 1 });
    const result = await stack.query(CREATE, { input: newAccount('ivy') });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'INTERLEDGER' });
    expect(result.errors?.[0]?.message).toContain('created the account `ivy`');
  });

  it('leaves defaults to the connector: routing flags by relationship, no limits', async () => {
    const result = await stack.query(CREATE, { input: newAccount('Gina', { relationship: 'PARENT' }) });
    expect(result.data?.interledgerAccountCreate.account).toMatchObject({
      id: 'interledger:gina',
      displayName: null,
      sendsRoutes: false,
      receivesRoutes: true,
      maximumPacketAmount: null,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
      customSettings: [],
    });
    await stack.query(DELETE, { id: 'interledger:gina' });
  });
});

describe('interledgerAccountUpdate', () => {
  it('lays the input over the current settings, keeping hidden secrets and what the gateway does not model', async () => {
    const before = await fetch(`${sim().url}/accounts/connieparent`, { headers: { authorization: adminAuth() } }).then((r) => r.json());
    sim().reset();
    const result = await stack.query(UPDATE, { id: 'interledger:connieparent', input: { description: 'Renamed parent' } });
    expect(result.data?.interledgerAccountUpdate.userErrors).toEqual([]);
    expect(result.data?.interledgerAccountUpdate.account.displayName).toBe('Renamed parent');
    const after = await fetch(`${sim().url}/accounts/connieparent`, { headers: { authorization: adminAuth() } }).then((r) => r.json());
    const { modifiedAt: _a, description: _b, ...kept } = before as Record<string, unknown>;
    expect(after).toMatchObject(kept);
    expect(calls().slice(0, 2)).toEqual(['GET /accounts/connieparent', 'PUT /accounts/connieparent']);
  });

  it('never loses one of two concurrent updates of different fields (within one gateway)', async () => {
    expect((await stack.query(CREATE, { input: newAccount('racer') })).data?.interledgerAccountCreate.userErrors).toEqual([]);
    // Slow reads widen the read-then-PUT window, as a busy connector would.
    sim().faults.set({ fault: { kind: 'latency', ms: 40 }, method: 'GET', path: '^/accounts/racer$' });
    for (let trial = 0; trial < 5; trial++) {
      const [a, b] = await Promise.all([
        stack.query(UPDATE, { id: 'interledger:racer', input: { description: `Trial ${trial}` } }),
        stack.query(UPDATE, { id: 'interledger:racer', input: { maximumPacketAmount: `${100 + trial}` } }),
      ]);
      expect([a.data?.interledgerAccountUpdate.userErrors, b.data?.interledgerAccountUpdate.userErrors]).toEqual([[], []]);
      const after = (await fetch(`${sim().url}/accounts/racer`, { headers: { authorization: adminAuth() } }).then((r) => r.json())) as Record<
        string,
        unknown
      >;
      expect(after.description).toBe(`Trial ${trial}`);
      expect(String(after.maximumPacketAmount)).toMatch(new RegExp(`^${100 + trial}0*$`));
    }
  });

  it('keeps amounts in major units when the asset scale changes', async () => {
    const result = await stack.query(UPDATE, { id: 'interledger:alice', input: { assetScale: 4 } });
    expect(result.data?.interledgerAccountUpdate).toMatchObject({
      userErrors: [],
      account: { assetScale: 4, maximumPacketAmount: '1000', balanceSettings: { minBalance: '-500', settleThreshold: '1000', settleTo: '0' } },
    });
    await stack.query(UPDATE, { id: 'interledger:alice', input: { assetScale: 2 } });
  });

  it('refuses a scale at which a kept amount cannot be exact, before any change', async () => {
    const result = await stack.query(UPDATE, { id: 'interledger:connieparent', input: { assetScale: 2 } });
    expect(result.data?.interledgerAccountUpdate.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: ['input', 'maximumPacketAmount'] }),
    ]);
    expect(calls()).toEqual(['GET /accounts/connieparent']);
  });

  it('refuses more decimals than the account’s current scale allows, after reading it and without a PUT', async () => {
    const result = await stack.query(UPDATE, { id: 'interledger:alice', input: { maximumPacketAmount: '0.001' } });
    expect(result.data?.interledgerAccountUpdate.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID', field: ['input', 'maximumPacketAmount'] }),
    ]);
    expect(calls()).toEqual(['GET /accounts/alice']);
  });

  it('reports a missing account as NOT_FOUND on id', async () => {
    const result = await stack.query(UPDATE, { id: 'interledger:nobody', input: { description: 'x' } });
    expect(result.data?.interledgerAccountUpdate).toEqual({
      account: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['id'] })],
    });
    expect(calls()).toEqual(['GET /accounts/nobody']);
  });

  it.each([
    ['a malformed id', 'interledger:a b'],
    ['another provider’s id', 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn'],
    ['an id without a provider', 'alice'],
  ])('refuses %s as INVALID on id, without any upstream call', async (_name, id) => {
    stack.fleet.reset();
    const result = await stack.query(UPDATE, { id, input: { description: 'x' } });
    expect(result.data?.interledgerAccountUpdate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['id'] })]);
    expect(stack.fleet.totalRequests()).toBe(0);
  });
});

describe('interledgerAccountDelete', () => {
  it('reports a missing account as NOT_FOUND on id, after one call', async () => {
    const result = await stack.query(DELETE, { id: 'interledger:nobody' });
    expect(result.data?.interledgerAccountDelete).toEqual({
      deletedId: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['id'] })],
    });
    expect(calls()).toEqual(['DELETE /accounts/nobody']);
  });

  it('refuses a malformed id as INVALID on id, without any upstream call', async () => {
    const result = await stack.query(DELETE, { id: 'interledger:' + 'x'.repeat(65) });
    expect(result.data?.interledgerAccountDelete.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['id'] })]);
    expect(sim().requests).toHaveLength(0);
  });

  it('deletes the balance with the account', async () => {
    await stack.query(CREATE, { input: newAccount('hank') });
    await stack.query(DELETE, { id: 'interledger:hank' });
    const response = await fetch(`${sim().url}/accounts/hank/balance`, { headers: { authorization: adminAuth() } });
    expect(response.status).toBe(404);
  });
});

function adminAuth(): string {
  const env = stack.fleet.env;
  return `Basic ${Buffer.from(`${env.INTERLEDGER_USERNAME}:${env.INTERLEDGER_PASSWORD}`).toString('base64')}`;
}
