// The Interledger Java connector as real servers send it, over real HTTP: case i2 (test/realworld/cases), one payload
// per version family (src/providers/interledger/testdata: 0.1.0 with quilt 1.0 link settings and no balance API,
// 0.2.0 to 0.5.1 with quilt 1.1+ settings, the documented examples, and a Jackson without WRITE_NUMBERS_AS_STRINGS),
// custom settings shown by allowlist, the tolerant-reading rule (only id, asset and amounts required), balances and
// limits that cannot be read exactly answered with errors at their paths, and a list that never ends in an error.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expandCaseQuery, loadCase, startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

let stack: ReplayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const fixtureText = (name: string): string => readFileSync(new URL(`../src/providers/interledger/testdata/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): Record<string, unknown> => JSON.parse(fixtureText(name)) as Record<string, unknown>;

const ACCOUNT = expandCaseQuery('query($id: ID!) { account(id: $id) { ${COMMON} ${INTERLEDGER} } }');
const LIST = `query ($first: Int, $after: String) {
  interledgerAccounts(first: $first, after: $after) {
    nodes { id relationship linkType }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BALANCE = (id: string, json: unknown): ReplayRoute => ({ path: `/accounts/${id}/balance`, json });
const ZERO_BALANCE = (id: string) =>
  BALANCE(id, { assetCode: 'USD', assetScale: '2', accountBalance: { accountId: id, netBalance: '0', clearingBalance: '0', prepaidAmount: '0' } });

async function readAccount(id: string, routes: readonly ReplayRoute[]) {
  stack = await startReplayStack('INTERLEDGER', routes);
  return stack.query(ACCOUNT, { id: `interledger:${id}` });
}

/** The gateway's log lines that say what a read left out. */
const wireLogs = (s: ReplayStack) =>
  s.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'upstream fields degraded' || line.msg === 'upstream body refused');

const settingsOf = (account: Record<string, any>) =>
  Object.fromEntries((account.customSettings as Array<{ key: string; value: string }>).map(({ key, value }) => [key, value]));

describe('i2: customSettings nested as the connector accepts them, with a plain token and a URL carrying a password', () => {
  it('redacts auth_token and shared_secret at any depth and never returns the URL password', async () => {
    const realCase = loadCase('i2-interledger-nested-custom-settings');
    stack = await startReplayStack('INTERLEDGER', realCase.routes);
    const [{ query, variables }] = realCase.queries as [(typeof realCase.queries)[0]];
    const response = await stack.query(expandCaseQuery(query), variables);
    expect(response.errors).toBeUndefined();
    const account = response.data?.account;
    expect(account).toMatchObject({
      id: 'interledger:bob-nested',
      relationship: 'CHILD',
      relationshipRaw: 'CHILD',
      balances: [{ asset: { code: 'USD' }, amount: '0', onHold: null }],
    });
    expect(settingsOf(account)).toEqual({
      'ilpOverHttp.incoming.auth_type': 'JWT_HS_256',
      'ilpOverHttp.incoming.jwt.shared_secret': '[redacted]',
      'ilpOverHttp.incoming.jwt.token_issuer': 'https://bob.example/',
      'ilpOverHttp.outgoing.auth_type': 'SIMPLE',
      'ilpOverHttp.outgoing.simple.auth_token': '[redacted]',
      'ilpOverHttp.outgoing.url': 'https://bob.example/accounts/connie/ilp',
      // Not a setting the connector defines (its name is token_subject): not on the allowlist.
      'ilpOverHttp.outgoing.jwt.subject': '[redacted]',
    });
    for (const secret of ['plain-outgoing-token-123', 'conn-pass-456', 'conn-user', 'enc:', 'connector.internal'])
      expect(response.raw).not.toContain(secret);
  });

  it.each([
    ['private_key_pem', '-----BEGIN PRIVATE KEY-----MIIE'],
    ['api_keys', ['key-one', 'key-two']],
    ['authorization', 'Bearer abc.def.ghi'],
    ['seed', 'sEdTM1uX8pu2do5XvTnutH6HsouMaM2'],
    ['ilpOverHttp', { outgoing: { jwt: { shared_secret: 'plain-shared' } }, peers: [{ url: 'https://a.example/', token: 'plain-peer-token' }] }],
  ])('redacts %s, a key not on the allowlist, wherever it sits', async (key, value) => {
    const body = { ...(loadCase('i2-interledger-nested-custom-settings').routes[0]!.json as object), customSettings: { [key]: value } };
    const response = await readAccount('bob-nested', [{ path: '/accounts/bob-nested', json: body }, ZERO_BALANCE('bob-nested')]);
    expect(response.errors).toBeUndefined();
    for (const { value: shown } of response.data?.account.customSettings as Array<{ value: string }>) expect(shown).toBe('[redacted]');
    expect(response.raw).not.toMatch(/BEGIN PRIVATE|key-one|abc\.def|sEdTM|plain-shared|plain-peer-token/);
  });
});

describe('each connector version family, read through the gateway', () => {
  it('0.1.0 (quilt 1.0 link settings, secrets sent as [**REDACTED**], no balance API): the account stands, the balance says it is missing', async () => {
    const response = await readAccount('peter', [{ path: '/accounts/peter', json: fixture('v0.1-account.json') }]);
    const account = response.data?.account;
    expect(account).toMatchObject({
      id: 'interledger:peter',
      displayName: 'Peer over ILP-over-HTTP, quilt 1.0 link settings',
      relationship: 'PEER',
      assetCode: 'XRP',
      assetScale: 9,
      linkType: 'ILP_OVER_HTTP',
      sendsRoutes: false,
      receivesRoutes: false,
      maximumPacketAmount: '100',
      balanceSettings: { minBalance: '-50', settleThreshold: '10', settleTo: '0' },
      balances: [],
      balance: null,
    });
    expect(settingsOf(account)).toEqual({
      'ilpOverHttp.incoming.auth_type': 'JWT_HS_256',
      'ilpOverHttp.incoming.token_issuer': 'https://peter.example/',
      'ilpOverHttp.incoming.token_audience': 'https://connie.example/',
      'ilpOverHttp.incoming.shared_secret': '[redacted]',
      'ilpOverHttp.outgoing.auth_type': 'JWT_HS_256',
      'ilpOverHttp.outgoing.token_issuer': 'https://connie.example/',
      'ilpOverHttp.outgoing.token_audience': 'https://peter.example/',
      'ilpOverHttp.outgoing.token_subject': 'connie',
      'ilpOverHttp.outgoing.token_expiry': 'PT2M',
      'ilpOverHttp.outgoing.shared_secret': '[redacted]',
      'ilpOverHttp.outgoing.url': 'https://peter.example/ilp',
    });
    expect(response.raw).not.toContain('s3cr3t-pw');
    const errors = (response.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code, leftOut: e.extensions?.leftOut }));
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: ['account', 'balances'], code: 'UPSTREAM_ERROR', leftOut: 1 },
        { path: ['account', 'balance'], code: 'UPSTREAM_ERROR', leftOut: undefined },
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it('0.2.0 to 0.5.1 (quilt 1.1+ settings, encrypted secrets, uint64 and long extremes as strings)', async () => {
    const response = await readAccount('quinn', [
      { path: '/accounts/quinn', json: fixture('v0.5-account.json') },
      BALANCE('quinn', fixture('v0.5-balance.json')),
    ]);
    expect(response.errors).toBeUndefined();
    const account = response.data?.account;
    expect(account).toMatchObject({
      id: 'interledger:quinn',
      displayName: null,
      createdAt: '2020-08-17T22:24:29.495123456Z',
      updatedAt: '2020-08-18T09:01:02.000000001Z',
      relationship: 'CHILD',
      linkType: 'ILP_OVER_HTTP',
      connectionInitiator: true,
      internal: false,
      sendsRoutes: true,
      receivesRoutes: false,
      maximumPacketAmount: '184467440737095516.15',
      balanceSettings: { minBalance: '-92233720368547758.08', settleThreshold: '92233720368547758.07', settleTo: '2.5' },
      maxPacketsPerSecond: 500,
      settlementEngineAccountId: '9c6b2a2e-1b6f-4e49-8d1e-3f3c8f2f1a10',
      balances: [{ asset: { code: 'USD' }, amount: '-92233720368547758.09', onHold: null }],
      balance: { clearing: '-92233720368547758.08', prepaid: '-0.01', net: '-92233720368547758.09' },
    });
    expect(settingsOf(account)).toEqual({
      'ilpOverHttp.incoming.auth_type': 'SIMPLE',
      'ilpOverHttp.incoming.simple.auth_token': '[redacted]',
      'ilpOverHttp.outgoing.auth_type': 'JWT_HS_256',
      'ilpOverHttp.outgoing.jwt.token_issuer': 'https://connie.example/',
      'ilpOverHttp.outgoing.jwt.token_audience': 'https://quinn.example/',
      'ilpOverHttp.outgoing.jwt.token_subject': 'connie',
      'ilpOverHttp.outgoing.jwt.token_expiry': 'PT1M',
      'ilpOverHttp.outgoing.jwt.shared_secret': '[redacted]',
      'ilpOverHttp.outgoing.url': 'https://quinn.example/ilp',
    });
    expect(response.raw).not.toMatch(/quinn-pass|quinn-user|enc:|sn3nxiW7|settlement-engine\.internal|connector\.internal/);
  });

  it('the documented examples (seed): alice with flat settings and her balance', async () => {
    const response = await readAccount('alice', [
      { path: '/accounts/alice', json: fixture('alice-account.json') },
      BALANCE('alice', fixture('alice-balance.json')),
    ]);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      relationship: 'PEER',
      balances: [{ amount: '1.5' }],
      balance: { clearing: '1', prepaid: '0.5', net: '1.5' },
    });
    expect(settingsOf(response.data?.account)['ilpOverHttp.incoming.shared_secret']).toBe('[redacted]');
  });

  it('numbers as real JSON numbers (a Jackson without WRITE_NUMBERS_AS_STRINGS), beyond 2^53, read exactly', async () => {
    const response = await readAccount('nora', [
      { path: '/accounts/nora', body: fixtureText('numbers-account.json') },
      { path: '/accounts/nora/balance', body: fixtureText('numbers-balance.json') },
    ]);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      relationship: 'PARENT',
      assetScale: 9,
      maximumPacketAmount: '18446744073.709551615',
      balanceSettings: { minBalance: '-9007199.254740993', settleThreshold: '9223372036.854775807', settleTo: '0' },
      maxPacketsPerSecond: 250,
      balances: [{ amount: '9007199.254740993' }],
      balance: { clearing: '9007199.254740992', prepaid: '0.000000001', net: '9007199.254740993' },
    });
  });

  it.each([
    ['assetScale as a number', '"assetScale":2', '"netBalance":"-500"', '-5'],
    ['netBalance as a number', '"assetScale":"2"', '"netBalance":-500', '-5'],
    ['an exponent', '"assetScale":2', '"netBalance":1E+3', '10'],
    ['a negative zero', '"assetScale":2', '"netBalance":-0.0', '0'],
    ['30 digits', '"assetScale":2', '"netBalance":123456789012345678901234567890', '1234567890123456789012345678.9'],
  ])('reads a balance with %s exactly', async (_label, scale, net, amount) => {
    const body = `{"assetCode":"USD",${scale},"accountBalance":{"accountId":"quinn",${net},"clearingBalance":"0","prepaidAmount":"0"}}`;
    const response = await readAccount('quinn', [
      { path: '/accounts/quinn', json: fixture('v0.5-account.json') },
      { path: '/accounts/quinn/balance', body },
    ]);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances).toEqual([{ asset: { code: 'USD', issuer: null, network: null }, amount, onHold: null }]);
  });
});

describe('tolerant reading: only the id, the asset and the amounts are required', () => {
  it('reads an account whose other fields are missing, null or unexpected, and says which fields it dropped', async () => {
    const body = {
      accountId: 'odd',
      assetCode: 'USD',
      assetScale: '2',
      accountRelationship: 'SIBLING',
      linkType: 'BTP',
      createdAt: '+1000000000-12-31T23:59:59.999999999Z',
      connectionInitiator: 'yes',
      internal: null,
      sendRoutes: 1,
      balanceSettings: null,
      rateLimitSettings: { maxPacketsPerSecond: 'fast' },
      settlementEngineDetails: 'none',
      customSettings: ['not', 'a', 'map'],
    };
    const response = await readAccount('odd', [{ path: '/accounts/odd', json: body }, ZERO_BALANCE('odd')]);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      id: 'interledger:odd',
      relationship: 'OTHER',
      relationshipRaw: 'SIBLING',
      linkType: 'BTP',
      createdAt: null,
      updatedAt: null,
      displayName: null,
      connectionInitiator: null,
      internal: null,
      sendsRoutes: null,
      receivesRoutes: null,
      maximumPacketAmount: null,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
      maxPacketsPerSecond: null,
      settlementEngineAccountId: null,
      customSettings: [],
      balances: [{ amount: '0' }],
    });
    const [log] = wireLogs(stack!);
    expect(log).toMatchObject({ msg: 'upstream fields degraded', provider: 'INTERLEDGER', route: 'GET /accounts/{accountId}' });
    expect([...(log!.fields as string[])].sort()).toEqual([
      'connectionInitiator',
      'createdAt',
      'customSettings',
      'rateLimitSettings.maxPacketsPerSecond',
      'sendRoutes',
      'settlementEngineDetails',
    ]);
    expect(JSON.stringify(stack!.logs)).not.toMatch(/SIBLING|fast|1000000000-12/);
    const metrics = await stack!.metrics();
    expect(metrics).toMatch(
      /gateway_upstream_wire_fields_total\{provider="INTERLEDGER",route="GET \/accounts\/\{accountId\}",field="connectionInitiator",outcome="degraded"\} 1/,
    );
  });

  it.each([
    ['no asset scale', { assetScale: undefined }, 'assetScale'],
    ['an asset scale above 255', { assetScale: '300' }, 'assetScale'],
    ['no asset code', { assetCode: null }, 'assetCode'],
    ['no account id', { accountId: undefined }, 'accountId'],
  ])('refuses an account with %s, logging the route and the field but not the value', async (_label, change, field) => {
    const body = { ...fixture('v0.5-account.json'), ...change };
    const response = await readAccount('quinn', [{ path: '/accounts/quinn', json: body }]);
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(wireLogs(stack!)).toEqual([
      expect.objectContaining({ msg: 'upstream body refused', provider: 'INTERLEDGER', route: 'GET /accounts/{accountId}', fields: [field] }),
    ]);
    // The refused value ("300") appears in no log line (timestamps aside, which may hold those digits).
    expect(stack!.logs.map((line) => JSON.stringify({ ...JSON.parse(line), time: 0, pid: 0 })).join('\n')).not.toMatch(/[^0-9]300[^0-9]/);
    expect(await stack!.metrics()).toContain(`field="${field}",outcome="refused"} 1`);
  });

  it('answers a limit it cannot read exactly with null and an error at its path, never as unlimited', async () => {
    const body = {
      ...fixture('v0.5-account.json'),
      maximumPacketAmount: '1.5',
      balanceSettings: { minBalance: 'lots', settleThreshold: null, settleTo: '7e-1' },
    };
    const response = await readAccount('quinn', [{ path: '/accounts/quinn', json: body }, BALANCE('quinn', fixture('v0.5-balance.json'))]);
    expect(response.data?.account).toMatchObject({
      id: 'interledger:quinn',
      maximumPacketAmount: null,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: null },
      balances: [{ amount: '-92233720368547758.09' }],
    });
    expect((response.errors ?? []).map((e) => e.path).sort()).toEqual([
      ['account', 'balanceSettings', 'minBalance'],
      ['account', 'balanceSettings', 'settleTo'],
      ['account', 'maximumPacketAmount'],
    ]);
    expect(response.errors?.every((e) => e.extensions?.code === 'UPSTREAM_ERROR')).toBe(true);
  });

  it('leaves out a balance it cannot read exactly, keeping the account, and says so at balances', async () => {
    const balance = {
      assetCode: 'USD',
      assetScale: '2',
      accountBalance: { accountId: 'quinn', netBalance: '1.5', clearingBalance: '1', prepaidAmount: '0.5' },
    };
    const response = await readAccount('quinn', [{ path: '/accounts/quinn', json: fixture('v0.5-account.json') }, BALANCE('quinn', balance)]);
    expect(response.data?.account).toMatchObject({ id: 'interledger:quinn', assetCode: 'USD', balances: [], balance: null });
    expect(response.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['account', 'balances'],
          extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'INTERLEDGER', leftOut: 1 }),
        }),
        expect.objectContaining({ path: ['account', 'balance'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }) }),
      ]),
    );
    expect(wireLogs(stack!)).toContainEqual(
      expect.objectContaining({
        msg: 'upstream body refused',
        route: 'GET /accounts/{accountId}/balance',
        fields: expect.arrayContaining(['accountBalance.netBalance']),
      }),
    );
  });
});

describe('the account list', () => {
  const account = (id: string, extra: Record<string, unknown> = {}) => ({ ...fixture('v0.5-account.json'), accountId: id, ...extra });

  async function readAll(first: number) {
    const pages: Array<Record<string, any>> = [];
    let after: string | null = null;
    for (let n = 0; n < 10; n++) {
      const response = await stack!.query(LIST, { first, after });
      expect(response.data?.interledgerAccounts).not.toBeNull();
      pages.push(response);
      const page: Record<string, any> = response.data?.interledgerAccounts;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return pages;
  }

  it('reads the 0.5 list page (immutableAccountSettingsList) with every link type as sent', async () => {
    stack = await startReplayStack('INTERLEDGER', [{ path: '/accounts', json: fixture('v0.5-accounts-page.json') }]);
    const response = await stack.query(LIST, { first: 10 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.interledgerAccounts.nodes).toEqual([
      { id: 'interledger:local', relationship: 'CHILD', linkType: 'LOCAL_PACKET_SWITCH_LINK' },
      { id: 'interledger:spsp', relationship: 'CHILD', linkType: 'STATELESS_SPSP_RECEIVER' },
      { id: 'interledger:zed', relationship: 'CHILD', linkType: 'LOOPBACK' },
    ]);
  });

  it.each([
    ['no _embedded (an empty HAL page)', { json: { page: { size: '0', totalElements: '0', totalPages: '0', number: '0' } } }],
    ['_embedded: null', { json: { _embedded: null } }],
    ['an empty relation', { json: { _embedded: { immutableAccountSettingsList: [] } } }],
    ['204 No Content', { status: 204 }],
  ])('answers %s as an empty page, not an error', async (_label, reply) => {
    stack = await startReplayStack('INTERLEDGER', [{ path: '/accounts', ...reply }]);
    const response = await stack.query(LIST, { first: 5 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.interledgerAccounts).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('keeps the list when one account cannot be read, says so on the page it belongs to, and never announces a page that is not there', async () => {
    const items = [
      account('a1'),
      account('a2'),
      account('a3', { assetScale: 'two' }),
      account('a4'),
      account('a5', { accountRelationship: 'UNCLE' }),
      account('z9', { assetCode: null }),
    ];
    stack = await startReplayStack('INTERLEDGER', [{ path: '/accounts', json: { _embedded: { immutableAccountSettingsList: items } } }]);
    const pages = await readAll(2);
    expect(pages.map((p) => p.data.interledgerAccounts.nodes.map((n: { id: string }) => n.id))).toEqual([
      ['interledger:a1', 'interledger:a2'],
      ['interledger:a4', 'interledger:a5'],
    ]);
    expect(pages.map((p) => p.data.interledgerAccounts.pageInfo.hasNextPage)).toEqual([true, false]);
    expect(pages[1]!.data.interledgerAccounts.nodes[1]).toEqual({ id: 'interledger:a5', relationship: 'OTHER', linkType: 'ILP_OVER_HTTP' });
    // a3 sorts into the second page, z9 after the last readable account: both are reported there, nothing on the first.
    expect(pages[0]!.errors).toBeUndefined();
    expect(pages[1]!.errors).toEqual([
      expect.objectContaining({ path: ['interledgerAccounts'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', leftOut: 2 }) }),
    ]);
  });

  it('reports an entry without a readable id on every page', async () => {
    const items = [account('b1'), { ...account('x'), accountId: ['b15'] }, account('b2')];
    stack = await startReplayStack('INTERLEDGER', [{ path: '/accounts', json: { _embedded: { accounts: items } } }]);
    const pages = await readAll(1);
    expect(pages).toHaveLength(2);
    for (const page of pages) expect(page.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ leftOut: 1 }) })]);
  });
});

describe('changes echo the account back redacted the same way', () => {
  const echoed = {
    ...(loadCase('i2-interledger-nested-custom-settings').routes[0]!.json as Record<string, unknown>),
    accountId: 'newbie',
  };

  it('redacts the settings a create answers with, at any depth, without the URL password', async () => {
    stack = await startReplayStack('INTERLEDGER', [{ path: '/accounts', answer: () => ({ status: 201, json: echoed }) }]);
    const response = await stack.query(
      `mutation ($input: InterledgerAccountCreateInput!) { interledgerAccountCreate(input: $input) { account { id customSettings { key value } } userErrors { code } } }`,
      {
        input: {
          accountId: 'newbie',
          relationship: 'CHILD',
          assetCode: 'USD',
          assetScale: 2,
          linkType: 'ILP_OVER_HTTP',
          customSettings: [{ key: 'ilpOverHttp.outgoing.simple.auth_token', value: 'plain-outgoing-token-123' }],
        },
      },
    );
    expect(response.errors).toBeUndefined();
    const payload = response.data?.interledgerAccountCreate;
    expect(payload.userErrors).toEqual([]);
    expect(settingsOf(payload.account)).toMatchObject({
      'ilpOverHttp.outgoing.simple.auth_token': '[redacted]',
      'ilpOverHttp.incoming.jwt.shared_secret': '[redacted]',
      'ilpOverHttp.outgoing.url': 'https://bob.example/accounts/connie/ilp',
    });
    expect(response.raw).not.toMatch(/plain-outgoing-token-123|conn-pass-456|enc:/);
  });

  it('redacts the settings an update answers with, and refuses OTHER as a relationship before any call', async () => {
    stack = await startReplayStack('INTERLEDGER', [{ path: '/accounts/newbie', answer: () => ({ json: echoed }) }]);
    const UPDATE = `mutation ($input: InterledgerAccountUpdateInput!) { interledgerAccountUpdate(id: "interledger:newbie", input: $input) { account { customSettings { key value } } userErrors { code field } } }`;
    const response = await stack.query(UPDATE, { input: { description: 'renamed' } });
    expect(response.errors).toBeUndefined();
    expect(stack.replay.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(settingsOf(response.data?.interledgerAccountUpdate.account)['ilpOverHttp.outgoing.simple.auth_token']).toBe('[redacted]');
    expect(response.raw).not.toMatch(/plain-outgoing-token-123|conn-pass-456|enc:/);

    const other = await stack.query(UPDATE, { input: { relationship: 'OTHER' } });
    expect(other.data?.interledgerAccountUpdate.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'relationship'] }]);
    expect(stack.replay.requests).toHaveLength(2);
  });
});
