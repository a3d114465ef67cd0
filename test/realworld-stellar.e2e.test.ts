// Stellar Horizon as real servers send it, over real HTTP: one payload per version family (protocol 10 to today,
// src/providers/stellar/testdata, written from stellar/go's and stellar/stellar-horizon's serialisation code), the
// tolerant-reading rule (only the id and each balance's asset and amount are required; anything else degrades
// visibly), balance entries left out with an error at their path, and lists that never end in an error page.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAccountId } from '../src/providers/stellar/strkey.js';
import type { GraphQLResponse } from './harness.js';
import { expandCaseQuery, startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

let stack: ReplayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

type Body = Record<string, any> & { id: string; balances: Array<Record<string, any>>; signers: Array<Record<string, any>> };
const testdata = (name: string): Body => JSON.parse(readFileSync(new URL(`../src/providers/stellar/testdata/${name}`, import.meta.url), 'utf8'));
/** A valid account id of its own for each label (the bodies below are copies of fixtures under other ids). */
const idFor = (label: string): string =>
  encodeAccountId(new Uint8Array(32).fill(label.length).map((byte, index) => (byte + index * 7 + label.charCodeAt(index % label.length)) & 0xff));

const ACCOUNT = expandCaseQuery('query($id: ID!) { account(id: $id) { ${COMMON} ${STELLAR} } }');
const ROUTE = 'GET /accounts/{account_id}';
const MAX = '922337203685.4775807';

/** Serves `body` (an object as JSON, or exact text or bytes) as the account `id` and reads that account through the gateway. */
async function readAccount(
  body: Body | string | Buffer,
  id = typeof body === 'object' && !Buffer.isBuffer(body) ? body.id : '',
  route: Partial<ReplayRoute> = {},
) {
  const answer: ReplayRoute =
    typeof body === 'string' || Buffer.isBuffer(body)
      ? { path: `/accounts/${id}`, body, ...route }
      : { path: `/accounts/${id}`, json: body, ...route };
  stack = await startReplayStack('STELLAR', [answer]);
  return stack.query(ACCOUNT, { id: `stellar:${id}` });
}

/** The gateway's log lines that say what a read left out. */
const wireLogs = (s: ReplayStack) =>
  s.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'upstream fields degraded' || line.msg === 'upstream body refused');

const amounts = (balances: Array<{ asset: { code: string }; amount: string }>) => balances.map((balance) => [balance.asset.code, balance.amount]);

describe('each Horizon version family, read through the gateway', () => {
  const families: Array<[string, string, (account: Record<string, any>, body: Body) => void]> = [
    [
      'Horizon 0.15-0.17, protocol 10: no last_modified_*, no is_authorized, signers with public_key, paging_token ""',
      'account-horizon-0.15-protocol-10.json',
      (account, body) => {
        expect(amounts(account.balances)).toEqual([
          ['EUR', '1200.5'],
          ['GOLDCOIN', '0.0000001'],
          ['XLM', '9999.9999999'],
        ]);
        expect(account).toMatchObject({
          sequence: '31398186421387279',
          subentryCount: 4,
          homeDomain: 'eur.example.org',
          lastModifiedLedger: null,
          lastModifiedAt: null,
          sequenceLedger: null,
          sequenceTime: null,
          sponsoringCount: null,
          sponsoredCount: null,
          sponsor: null,
        });
        expect(account.flags).toEqual({ authRequired: false, authRevocable: false, authImmutable: false, authClawbackEnabled: false });
        expect(account.trustlines[0]).toMatchObject({
          assetType: 'CREDIT_ALPHANUM4',
          authorized: null,
          authorizedToMaintainLiabilities: null,
          lastModifiedLedger: null,
          liabilities: { buying: '0', selling: '200' },
          limit: MAX,
        });
        expect(account.trustlines[1]).toMatchObject({ assetType: 'CREDIT_ALPHANUM12', assetTypeRaw: 'credit_alphanum12', limit: '1000' });
        expect(account.nativeLiabilities).toEqual({ buying: '10', selling: '0' });
        expect(account.signers).toEqual([
          { key: body.signers[0]!.key, type: 'SHA256_HASH', typeRaw: 'sha256_hash', weight: 1, sponsor: null },
          { key: body.id, type: 'ED25519_PUBLIC_KEY', typeRaw: 'ed25519_public_key', weight: 2, sponsor: null },
        ]);
        expect(account.data).toEqual([{ key: 'config.memo_required', value: 'MQ==' }]);
      },
    ],
    [
      'Horizon 0.18-0.23, protocols 10-11: last_modified_ledger and is_authorized arrive, no paging_token',
      'account-horizon-0.18-protocol-11.json',
      (account, body) => {
        expect(amounts(account.balances)).toEqual([
          ['EUR', '75'],
          ['XLM', '20.1234567'],
        ]);
        expect(account).toMatchObject({
          lastModifiedLedger: 24512770,
          lastModifiedAt: null,
          inflationDestination: body.inflation_destination,
          homeDomain: null,
          data: [],
        });
        expect(account.flags).toMatchObject({ authRequired: true, authRevocable: true, authClawbackEnabled: false });
        expect(account.trustlines[0]).toMatchObject({
          authorized: false,
          authorizedToMaintainLiabilities: false,
          lastModifiedLedger: 24512770,
          clawbackEnabled: false,
        });
      },
    ],
    [
      'Horizon 1.3-1.8, protocol 13: last_modified_time, is_authorized_to_maintain_liabilities',
      'account-horizon-1.3-protocol-13.json',
      (account) => {
        expect(amounts(account.balances)).toEqual([
          ['EUR', '500'],
          ['USDC', '42'],
          ['XLM', '3.5'],
        ]);
        expect(account.lastModifiedAt).toBe('2020-06-22T14:05:31Z');
        expect(account.trustlines[0]).toMatchObject({
          authorized: false,
          authorizedToMaintainLiabilities: true,
          liabilities: { buying: '0', selling: '125.5' },
        });
        expect(account.sponsoringCount).toBeNull();
      },
    ],
    [
      'Horizon 1.9-2.0, protocols 14-16: sponsors and sponsorship counts',
      'account-horizon-1.9-protocol-14.json',
      (account, body) => {
        expect(amounts(account.balances)).toEqual([
          ['USDC', '10'],
          ['XLM', '1'],
        ]);
        expect(account).toMatchObject({ sponsor: body.sponsor, sponsoringCount: 0, sponsoredCount: 3 });
        expect(account.trustlines[0].sponsor).toBe(body.sponsor);
        expect(account.signers[0]).toEqual({
          key: body.signers[0]!.key,
          type: 'PREAUTH_TX',
          typeRaw: 'preauth_tx',
          weight: 1,
          sponsor: body.sponsor,
        });
        expect(account.flags.authClawbackEnabled).toBe(false);
      },
    ],
    [
      'Horizon 2.1-2.7, protocol 17: clawback flags (is_clawback_enabled only when true)',
      'account-horizon-2.1-protocol-17.json',
      (account) => {
        expect(amounts(account.balances)).toEqual([
          ['GOLDCOIN', '3000'],
          ['EUR', '12'],
          ['XLM', '250'],
        ]);
        expect(account.flags).toEqual({ authRequired: true, authRevocable: true, authImmutable: false, authClawbackEnabled: true });
        expect(account.trustlines.map((line: { clawbackEnabled: boolean }) => line.clawbackEnabled)).toEqual([true, false]);
        expect(account.thresholds).toEqual({ low: 1, medium: 2, high: 3 });
      },
    ],
    [
      'Horizon 2.8-2.17, protocol 18: liquidity-pool shares, kept out of balances',
      'account-horizon-2.8-protocol-18.json',
      (account, body) => {
        expect(amounts(account.balances)).toEqual([
          ['EUR', '0'],
          ['XLM', '5.25'],
        ]);
        expect(account.liquidityPoolShares).toEqual([{ poolId: body.balances[0]!.liquidity_pool_id, shares: '731.446', limit: MAX }]);
        expect(account.sequenceLedger).toBeNull();
      },
    ],
    [
      'Horizon 2.18 on and stellar-horizon 22+, protocols 19-23: sequence ledger and time, signed-payload signers',
      'account-horizon-22-protocol-22.json',
      (account, body) => {
        expect(amounts(account.balances)).toEqual([
          ['GOLDCOIN', '92233720368.547758'],
          ['USDC', '1999.99'],
          ['XLM', '100'],
        ]);
        expect(account).toMatchObject({
          sequence: '232398329528729613',
          sequenceLedger: 54108322,
          sequenceTime: '2024-11-04T12:29:00Z',
          homeDomain: 'wallet.example.org',
          sponsoringCount: 1,
          sponsoredCount: 1,
        });
        expect(account.liquidityPoolShares).toHaveLength(1);
        expect(account.nativeLiabilities).toEqual({ buying: '0', selling: '50' });
        expect(account.signers.map((signer: { type: string }) => signer.type)).toEqual([
          'ED25519_SIGNED_PAYLOAD',
          'ED25519_PUBLIC_KEY',
          'ED25519_PUBLIC_KEY',
        ]);
        expect(account.trustlines[0]).toMatchObject({
          clawbackEnabled: true,
          sponsor: body.balances[0]!.sponsor,
          liabilities: { buying: '0.0000001', selling: '0' },
        });
      },
    ],
  ];

  it.each(families)('%s', async (_family, file, check) => {
    const body = testdata(file);
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    const account = response.data?.account;
    expect(account).toMatchObject({ id: `stellar:${body.id}`, provider: 'STELLAR', nativeId: body.id, createdAt: null });
    check(account, body);
    // What an older server does not send is absent by design, not a degraded read: nothing to report.
    expect(wireLogs(stack!)).toEqual([]);
  });
});

describe('a balance line Horizon sends that cannot be read exactly', () => {
  it.each([
    ['an amount as a JSON number', (b: Body): void => void (b.balances[1]!.balance = 12), ['balances[].balance']],
    ['an amount with 2 decimal places', (b: Body): void => void (b.balances[1]!.balance = '12.00'), ['balances[].balance']],
    ['an amount in exponent notation', (b: Body): void => void (b.balances[1]!.balance = '1.2e1'), ['balances[].balance']],
    [
      'an unknown asset type that names no asset',
      (b: Body): void => void (b.balances[1] = { asset_type: 'contract_token', balance: '12.0000000' }),
      ['balances[].asset_code', 'balances[].asset_issuer'],
    ],
  ])('(%s) is left out with an error at balances and trustlines; the account and its other balances stand', async (_name, spoil, fields) => {
    const body = testdata('account-horizon-2.1-protocol-17.json');
    spoil(body);
    const response = await readAccount(body);
    expect(response.data?.account).toMatchObject({ nativeId: body.id, sequence: '150322192543023105' });
    expect(amounts(response.data?.account.balances)).toEqual([
      ['GOLDCOIN', '3000'],
      ['XLM', '250'],
    ]);
    expect(response.data?.account.trustlines.map((line: { asset: { code: string } }) => line.asset.code)).toEqual(['GOLDCOIN']);
    const errors = response.errors ?? [];
    expect(errors.map((error) => error.path)).toEqual([
      ['account', 'balances'],
      ['account', 'trustlines'],
    ]);
    for (const error of errors) expect(error.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR', leftOut: 1 });
    // Operators see the provider, the route template and the field path, never the value.
    const logs = wireLogs(stack!);
    expect(logs).toEqual([expect.objectContaining({ msg: 'upstream body refused', provider: 'STELLAR', route: ROUTE, fields })]);
    expect(JSON.stringify(logs)).not.toMatch(/12\.00"|1\.2e1|contract_token/);
    expect(await stack!.metrics()).toContain(
      `gateway_upstream_wire_fields_total{provider="STELLAR",route="${ROUTE}",field="${fields[0]}",outcome="refused"} 1`,
    );
  });

  it('leaves out an unreadable XLM line from balances only; nativeLiabilities is then null', async () => {
    const body = testdata('account-horizon-22-protocol-22.json');
    body.balances[3]!.balance = '-100.0000000';
    const response = await readAccount(body);
    expect(amounts(response.data?.account.balances)).toEqual([
      ['GOLDCOIN', '92233720368.547758'],
      ['USDC', '1999.99'],
    ]);
    expect(response.data?.account.nativeLiabilities).toBeNull();
    expect(response.errors?.map((error) => error.path)).toEqual([['account', 'balances']]);
  });

  it('leaves out an unreadable pool share with an error at liquidityPoolShares, not at balances', async () => {
    const body = testdata('account-horizon-2.8-protocol-18.json');
    body.balances[0]!.balance = '731.446';
    const response = await readAccount(body);
    expect(response.data?.account.liquidityPoolShares).toEqual([]);
    expect(amounts(response.data?.account.balances)).toEqual([
      ['EUR', '0'],
      ['XLM', '5.25'],
    ]);
    expect(response.errors?.map((error) => [error.path, error.extensions?.leftOut])).toEqual([[['account', 'liquidityPoolShares'], 1]]);
  });

  it('reads an asset type it does not know, when the line names its asset, as OTHER with the raw type', async () => {
    const body = testdata('account-horizon-22-protocol-22.json');
    body.balances[1]!.asset_type = 'credit_alphanum32';
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    expect(amounts(response.data?.account.balances)).toEqual([
      ['GOLDCOIN', '92233720368.547758'],
      ['USDC', '1999.99'],
      ['XLM', '100'],
    ]);
    expect(response.data?.account.trustlines[1]).toMatchObject({
      assetType: 'OTHER',
      assetTypeRaw: 'credit_alphanum32',
      asset: { code: 'USDC', issuer: body.balances[1]!.asset_issuer },
    });
  });
});

describe('fields beyond identity and money', () => {
  it('degrade to null one by one when unreadable, each logged and counted by path, never the account', async () => {
    const body = testdata('account-horizon-22-protocol-22.json');
    Object.assign(body, { sequence: 232398329, flags: 'none', last_modified_ledger: -1, num_sponsoring: '1', data: { ok: 'MQ==', bad: 7 } });
    body.signers[0]!.type = 'ed25519_quantum';
    body.signers[1]!.weight = 1000;
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      sequence: null,
      flags: null,
      lastModifiedLedger: null,
      sponsoringCount: null,
      sponsoredCount: 1,
      data: [{ key: 'ok', value: 'MQ==' }],
    });
    expect(response.data?.account.signers.slice(0, 2)).toEqual([
      { key: body.signers[0]!.key, type: 'UNKNOWN', typeRaw: 'ed25519_quantum', weight: 1, sponsor: null },
      { key: body.signers[1]!.key, type: 'ED25519_PUBLIC_KEY', typeRaw: 'ed25519_public_key', weight: null, sponsor: body.signers[1]!.sponsor },
    ]);
    expect(amounts(response.data?.account.balances)).toHaveLength(3);
    const fields = wireLogs(stack!).flatMap((line) => line.fields as string[]);
    expect(fields.sort()).toEqual(['data.bad', 'flags', 'last_modified_ledger', 'num_sponsoring', 'sequence', 'signers[].weight']);
    const metrics = await stack!.metrics();
    for (const field of ['flags', 'sequence', 'signers[].weight']) {
      expect(metrics).toContain(`gateway_upstream_wire_fields_total{provider="STELLAR",route="${ROUTE}",field="${field}",outcome="degraded"} 1`);
    }
  });

  it('refuse the account only when its id or its balances cannot be read, naming the field and not the value', async () => {
    const body = testdata('account-horizon-22-protocol-22.json');
    body.balances = 'plenty' as never;
    const response = await readAccount(body);
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR' });
    expect(wireLogs(stack!)).toEqual([expect.objectContaining({ msg: 'upstream body refused', route: ROUTE, fields: ['balances'] })]);
    expect(stack!.logs.join('\n')).not.toContain('plenty');
  });

  it('strip userinfo from a home domain written as a URL', async () => {
    const body = testdata('account-horizon-22-protocol-22.json');
    body.home_domain = 'https://admin:hunter2@wallet.example.org';
    const response = await readAccount(body);
    expect(response.data?.account.homeDomain).toBe('https://wallet.example.org');
    expect(response.raw).not.toContain('hunter2');
  });
});

describe('the body as Horizon sends it on the wire', () => {
  const body = testdata('account-horizon-22-protocol-22.json');
  const text = JSON.stringify(body);

  it('reads the same amount sent twice under one key once; refuses two different amounts rather than pick one', async () => {
    const same = text.replace('"balance":"1999.9900000"', '"balance":"1999.9900000","balance":"1999.9900000"');
    expect((await readAccount(same, body.id)).data?.account.balances[1].amount).toBe('1999.99');
    await stack?.close();
    const differ = text.replace('"balance":"1999.9900000"', '"balance":"1.0000000","balance":"1999.9900000"');
    const response = await readAccount(differ, body.id);
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR' });
  });

  it('decodes a gzip body', async () => {
    const response = await readAccount(gzipSync(text), body.id, { headers: { 'content-encoding': 'gzip' } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.balances[0].amount).toBe('92233720368.547758');
  });

  it("gives RATE_LIMITED with retryAfter from public Horizon's X-Ratelimit-Reset (no Retry-After)", async () => {
    const response = await readAccount(
      JSON.stringify({ type: 'https://stellar.org/horizon-errors/rate_limit_exceeded', title: 'Rate Limit Exceeded', status: 429 }),
      body.id,
      { status: 429, headers: { 'x-ratelimit-limit': '3600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' } },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'STELLAR', retryAfter: 42 });
  });
});

describe('stellarAccounts lists', () => {
  const LIST = `query ($signer: String, $first: Int, $after: String) {
    stellarAccounts(signer: $signer, first: $first, after: $after) {
      nodes { id balances { asset { code } amount } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const SIGNER = idFor('cosigner');
  const record = (label: string): Body => {
    const body = testdata('account-horizon-22-protocol-22.json');
    const id = idFor(label);
    return { ...body, id, account_id: id, paging_token: id };
  };
  const page = (records: unknown[] | null): ReplayRoute['json'] => ({
    _links: { self: { href: 'https://horizon.example.org/accounts' } },
    _embedded: { records },
  });

  it.each([
    ['an empty records array', { json: page([]) }],
    ['records: null', { json: page(null) }],
    ['204 No Content', { status: 204 }],
  ])('answers %s as an empty page, without an error', async (_name, answer) => {
    stack = await startReplayStack('STELLAR', [{ path: '/accounts', ...answer }]);
    const response = await stack.query(LIST, { signer: SIGNER });
    expect(response.errors).toBeUndefined();
    expect(response.data?.stellarAccounts).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('follows a full page of 200 (no room to look ahead) to an empty last page, not to an error', async () => {
    const template = record('template');
    const records = Array.from({ length: 200 }, (_, index) => {
      const id = encodeAccountId(new Uint8Array(32).map((_byte, at) => (at === 0 ? 7 : at === 1 ? index : 0)));
      return { ...template, id, account_id: id, paging_token: id };
    }).sort((x, y) => (x.id < y.id ? -1 : 1));
    const answer = (request: { url?: string }) => {
      const cursor = new URL(request.url ?? '/', 'http://x').searchParams.get('cursor') ?? '';
      return { json: page(records.filter((body) => body.id > cursor)) };
    };
    stack = await startReplayStack('STELLAR', [{ path: '/accounts', answer }]);
    const first = await stack.query(LIST, { signer: SIGNER, first: 200 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.stellarAccounts.nodes).toHaveLength(200);
    expect(first.data?.stellarAccounts.pageInfo.hasNextPage).toBe(true);
    const last = await stack.query(LIST, { signer: SIGNER, first: 200, after: first.data?.stellarAccounts.pageInfo.endCursor });
    expect(last.errors).toBeUndefined();
    expect(last.data?.stellarAccounts).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('says a server without an account list (a 404 problem, Horizon before 1.0) is an upstream error, not "no such account"', async () => {
    stack = await startReplayStack('STELLAR', [{ path: '/nothing', json: {} }]);
    const response = await stack.query(LIST, { signer: SIGNER });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR' });
    expect(response.errors?.[0]?.message).toMatch(/does not list accounts/);
  });

  it('refuses a body that is not a page rather than answer "no accounts"', async () => {
    stack = await startReplayStack('STELLAR', [{ path: '/accounts', json: { records: [] } }]);
    const response = await stack.query(LIST, { signer: SIGNER });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'STELLAR' });
  });

  it('pages through a list whose left-out records neither stop paging nor come back on the next page', async () => {
    const ids = ['a', 'bb', 'ccc', 'dddd', 'eeeee'].map((label) => record(label)).sort((x, y) => (x.id < y.id ? -1 : 1));
    // The second record cannot be read (its balances are not a list); the fourth has one unreadable balance line.
    (ids[1] as Body).balances = null as never;
    (ids[3] as Body).balances[1]!.balance = '1999.99';
    const sorted = ids.map((body) => body.id);
    const answer = (request: { url?: string }) => {
      const params = new URL(request.url ?? '/', 'http://x').searchParams;
      const cursor = params.get('cursor') ?? '';
      const limit = Number(params.get('limit'));
      return { json: page(ids.filter((body) => body.id > cursor).slice(0, limit)) };
    };
    stack = await startReplayStack('STELLAR', [{ path: '/accounts', answer }]);
    const seen: string[] = [];
    const errors: unknown[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const response: GraphQLResponse<Record<string, any>> = await stack.query(LIST, { signer: SIGNER, first: 2, after });
      errors.push(...(response.errors ?? []).map((error) => [error.path, error.extensions?.leftOut]));
      const connection = response.data?.stellarAccounts;
      expect(connection).toBeTruthy();
      seen.push(...connection.nodes.map((node: { id: string }) => node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([sorted[0], sorted[2], sorted[3], sorted[4]].map((id) => `stellar:${id}`));
    expect(errors).toEqual([
      [['stellarAccounts'], 1],
      [['stellarAccounts', 'nodes', 1, 'balances'], 1],
    ]);
    // Three pages of two: the last one holds only the fifth record; no page after it was asked for.
    expect(stack.replay.requests.filter((r) => r.url.startsWith('/accounts'))).toHaveLength(3);
  });
});
