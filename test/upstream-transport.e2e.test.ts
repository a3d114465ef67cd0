// The transport every provider shares, end to end over HTTP: a small server answers provider payloads as raw bytes
// (JSON numbers in any notation, duplicate keys, compressed bodies, rate-limit headers) and the gateway reads them.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountProvider } from '../src/generated/resolvers-types.js';
import { startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

let stack: ReplayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function start(provider: AccountProvider, routes: readonly ReplayRoute[], env: Record<string, string> = {}): Promise<ReplayStack> {
  stack = await startReplayStack(provider, routes, env);
  return stack;
}

const testdata = (provider: string, file: string) => readFileSync(new URL(`../src/providers/${provider}/testdata/${file}`, import.meta.url), 'utf8');
const logLines = (s: ReplayStack) => s.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

// --- Midaz: amounts as JSON numbers (Midaz serialises decimal.Decimal; a client or proxy may re-encode it) ---------

const ORG = '01980000-aaaa-7000-8000-000000000001';
const LEDGER = '01980000-bbbb-7000-8000-000000000002';
const ACCOUNT = '01980000-0001-7000-8000-000000000011';
const MIDAZ_ID = `midaz:${ORG}/${LEDGER}/${ACCOUNT}`;
const MIDAZ_ACCOUNT_PATH = `/v1/organizations/${ORG}/ledgers/${LEDGER}/accounts/${ACCOUNT}`;
const MIDAZ_ACCOUNT = JSON.stringify({
  id: ACCOUNT,
  name: 'Transport test',
  parentAccountId: null,
  entityId: null,
  assetCode: 'USD',
  organizationId: ORG,
  ledgerId: LEDGER,
  portfolioId: null,
  segmentId: null,
  status: { code: 'ACTIVE', description: null },
  alias: '@transport',
  type: 'deposit',
  blocked: false,
  createdAt: '2026-07-20T12:00:00.123456Z',
  updatedAt: '2026-07-20T12:00:00.123456Z',
  deletedAt: null,
});

/** A Midaz v3 balance page whose `default` balance has `available` and `onHold` written as raw JSON text. */
function midazBalances(available: string, onHold = '0', extra = ''): string {
  return (
    `{"items":[{"id":"01980000-cccc-7000-8000-000000000001","organizationId":"${ORG}","ledgerId":"${LEDGER}",` +
    `"accountId":"${ACCOUNT}","alias":"@transport","key":"default","assetCode":"USD",` +
    `"available":${available},"onHold":${onHold},"version":3,"accountType":"deposit","allowSending":true,` +
    `"allowReceiving":true,"createdAt":"2026-07-20T12:00:00.123456Z","updatedAt":"2026-07-20T12:00:00.123456Z",` +
    `"deletedAt":null${extra}}],"limit":10}`
  );
}

const midazRoutes = (balancesBody: string | Buffer, headers: Record<string, string> = {}): ReplayRoute[] => [
  { path: MIDAZ_ACCOUNT_PATH, body: MIDAZ_ACCOUNT },
  { path: `${MIDAZ_ACCOUNT_PATH}/balances`, body: balancesBody, headers },
];

const MIDAZ_QUERY = 'query($id: ID!) { account(id: $id) { id balances { asset { code } amount onHold } } }';

describe('JSON numbers in every notation read exactly (Midaz balance amounts sent as JSON numbers)', () => {
  it.each([
    ['5e-7', '0.0000005'],
    ['5E-7', '0.0000005'],
    ['0.0000005', '0.0000005'],
    ['1E+3', '1000'],
    ['1.5e2', '150'],
    ['-0.0', '0'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
    ['12345678901234567.89', '12345678901234567.89'],
  ])('reads "available": %s as %s', async (available, amount) => {
    const s = await start('MIDAZ', midazRoutes(midazBalances(available, '2.5E-1')));
    const result = await s.query(MIDAZ_QUERY, { id: MIDAZ_ID });
    expect(result.errors).toBeUndefined();
    expect(result.data?.account.balances).toEqual([{ asset: { code: 'USD' }, amount, onHold: '0.25' }]);
  });

  it('leaves out a balance whose exponent is beyond the bound, and says so at the balances path', async () => {
    const s = await start('MIDAZ', midazRoutes(midazBalances('1e999999')));
    const result = await s.query(MIDAZ_QUERY, { id: MIDAZ_ID });
    expect(result.data?.account).toMatchObject({ id: MIDAZ_ID });
    expect(result.data?.account.balances ?? []).toEqual([]);
    expect(result.errors?.[0]).toMatchObject({ path: ['account', 'balances'], extensions: { code: 'UPSTREAM_ERROR', provider: 'MIDAZ' } });
  });
});

describe('duplicate keys: one rule, whatever else the body holds', () => {
  const twice = '"4242.17","available":"9191.33"';
  const longNumber = ',"sequence":1234567890123456';

  it.each([
    ['alone', midazBalances(twice)],
    ['beside a 16-digit number', midazBalances(twice, '0', longNumber)],
  ])('refuses a balance body with one key given two different values (%s), logged as "duplicate key" without values', async (_case, body) => {
    const s = await start('MIDAZ', midazRoutes(body));
    const result = await s.query(MIDAZ_QUERY, { id: MIDAZ_ID });
    // The whole balance list is ambiguous, not one entry: `balances` is non-null, so its error nulls the account.
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['account', 'balances'], extensions: { code: 'UPSTREAM_ERROR', provider: 'MIDAZ' } });
    expect(result.raw).not.toMatch(/4242|9191/);
    const refused = logLines(s).find((line) => line.msg === 'upstream body refused');
    expect(refused).toMatchObject({
      provider: 'MIDAZ',
      reason: 'duplicate key',
      fields: ['items[].available'],
      route: 'GET /v1/organizations/{id}/ledgers/{id}/accounts/{id}/balances',
    });
    expect(s.logs.join('\n')).not.toMatch(/4242\.17|9191\.33/);
    expect(await s.metrics()).toMatch(
      /gateway_upstream_wire_fields_total\{provider="MIDAZ",route="GET \/v1\/organizations\/\{id\}\/ledgers\/\{id\}\/accounts\/\{id\}\/balances",field="items\[\]\.available",outcome="refused"\} 1/,
    );
  });

  it.each([
    ['alone', midazBalances('"4242.17","available":"4242.17"')],
    ['beside a 16-digit number', midazBalances('"4242.17","available":4242.17', '0', longNumber)],
  ])('reads a key given twice with the same value once (%s)', async (_case, body) => {
    const s = await start('MIDAZ', midazRoutes(body));
    const result = await s.query(MIDAZ_QUERY, { id: MIDAZ_ID });
    expect(result.errors).toBeUndefined();
    expect(result.data?.account.balances).toEqual([{ asset: { code: 'USD' }, amount: '4242.17', onHold: '0' }]);
  });

  it('applies to providers whose amounts are strings too (Stellar Horizon): the account is refused, logged', async () => {
    const account = testdata('stellar', 'retrieve-an-account.json');
    const id = (JSON.parse(account) as { id: string }).id;
    const body = account.replace('"balance": "72.8563792"', '"balance": "72.8563792", "balance": "99999.0000000"');
    expect(body).not.toBe(account);
    const s = await start('STELLAR', [{ path: `/accounts/${id}`, body }]);
    const result = await s.query('query($id: ID!) { account(id: $id) { id } }', { id: `stellar:${id}` });
    expect(result.data?.account).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', provider: 'STELLAR' } });
    expect(logLines(s).find((line) => line.msg === 'upstream body refused')).toMatchObject({
      reason: 'duplicate key',
      fields: ['balances[].balance'],
      route: 'GET /accounts/{id}',
    });
  });
});

describe('bodies that are not JSON are refused visibly', () => {
  it('logs the provider, the route without its query, and the reason, never the body', async () => {
    const s = await start('MIDAZ', midazRoutes('{"items": [{"available": "31337.5", oops'));
    const result = await s.query(MIDAZ_QUERY, { id: MIDAZ_ID });
    expect(result.errors?.[0]).toMatchObject({ path: ['account', 'balances'], extensions: { code: 'UPSTREAM_ERROR', provider: 'MIDAZ' } });
    const lines = logLines(s);
    expect(lines.find((line) => line.msg === 'upstream body refused')).toMatchObject({
      provider: 'MIDAZ',
      reason: 'not valid JSON',
      fields: ['(body)'],
    });
    expect(lines.find((line) => line.msg === 'upstream call failed')).toMatchObject({ provider: 'MIDAZ', path: `${MIDAZ_ACCOUNT_PATH}/balances` });
    expect(s.logs.join('\n')).not.toMatch(/31337|oops|\?/);
  });
});

// --- Content codings, one provider each (payloads from the providers' testdata) ----------------------------------

type Encoder = (body: string) => Buffer;
const CODINGS: Record<string, Encoder> = {
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
  br: (body) => brotliCompressSync(body),
};

interface ProviderCase {
  provider: AccountProvider;
  id: string;
  /** The routes, with the account's main body to be encoded. */
  routes: (encode: (body: string) => { body: string | Buffer; headers?: Record<string, string> }) => ReplayRoute[];
}

const stellarAccount = testdata('stellar', 'retrieve-an-account.json');
const stellarId = (JSON.parse(stellarAccount) as { id: string }).id;
const PROVIDER_CASES: ProviderCase[] = [
  { provider: 'STELLAR', id: `stellar:${stellarId}`, routes: (encode) => [{ path: `/accounts/${stellarId}`, ...encode(stellarAccount) }] },
  { provider: 'TALER', id: 'taler:alice', routes: (encode) => [{ path: '/accounts/alice', ...encode(testdata('taler', 'account-alice.json')) }] },
  {
    provider: 'CONDUIT',
    id: 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn',
    routes: (encode) => [{ path: '/accounts/acct_2fvietuCNSu8unMNLsEGBrDTVFn', ...encode(testdata('conduit', 'get-account.seed.json')) }],
  },
  {
    provider: 'INTERLEDGER',
    id: 'interledger:alice',
    routes: (encode) => [
      { path: '/accounts/alice', ...encode(testdata('interledger', 'alice-account.json')) },
      { path: '/accounts/alice/balance', ...encode(testdata('interledger', 'alice-balance.json')) },
    ],
  },
  {
    provider: 'MIDAZ',
    id: MIDAZ_ID,
    routes: (encode) => [
      { path: MIDAZ_ACCOUNT_PATH, ...encode(MIDAZ_ACCOUNT) },
      { path: `${MIDAZ_ACCOUNT_PATH}/balances`, ...encode(midazBalances('"150.25"')) },
    ],
  },
];

const ACCOUNT_QUERY = 'query($id: ID!) { account(id: $id) { id provider displayName balances { asset { code } amount } } }';
const identity = (body: string) => ({ body });

describe('content codings', () => {
  it.each(PROVIDER_CASES.flatMap((c) => Object.keys(CODINGS).map((coding) => [c.provider, coding, c] as const)))(
    '%s: a %s body reads the same as the plain one, and the gateway asked for it',
    async (_provider, coding, providerCase) => {
      const plain = await start(providerCase.provider, providerCase.routes(identity));
      const expected = await plain.query(ACCOUNT_QUERY, { id: providerCase.id });
      await plain.close();
      expect(expected.errors).toBeUndefined();
      expect(expected.data?.account?.id).toBe(providerCase.id);

      const encode = CODINGS[coding]!;
      const s = await start(
        providerCase.provider,
        providerCase.routes((body) => ({ body: encode(body), headers: { 'content-encoding': coding } })),
      );
      const result = await s.query(ACCOUNT_QUERY, { id: providerCase.id });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(expected.data);
      expect(s.replay.requests.every((request) => request.headers['accept-encoding'] === 'gzip, deflate, br')).toBe(true);
    },
  );

  it('reads a raw deflate body (sent as "deflate" by some servers)', async () => {
    const s = await start('MIDAZ', midazRoutes(deflateRawSync(midazBalances('"7.5"')), { 'content-encoding': 'deflate' }));
    const result = await s.query(MIDAZ_QUERY, { id: MIDAZ_ID });
    expect(result.errors).toBeUndefined();
    expect(result.data?.account.balances).toEqual([{ asset: { code: 'USD' }, amount: '7.5', onHold: '0' }]);
  });

  it('decodes the answer to a change (a mutation) too', async () => {
    const renamed = MIDAZ_ACCOUNT.replace('"Transport test"', '"Renamed"');
    const s = await start('MIDAZ', [{ path: MIDAZ_ACCOUNT_PATH, body: gzipSync(renamed), headers: { 'content-encoding': 'gzip' } }]);
    const result = await s.query(
      'mutation($id: ID!) { midazAccountUpdate(id: $id, input: { name: "Renamed" }) { account { id displayName } userErrors { message } } }',
      { id: MIDAZ_ID },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.midazAccountUpdate).toEqual({ account: { id: MIDAZ_ID, displayName: 'Renamed' }, userErrors: [] });
    expect(s.replay.requests.find((request) => request.method === 'PATCH')?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('refuses a 50 KB gzip body that inflates to 50 MB, at the cap, with bounded memory', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"id":"'), Buffer.alloc(50_000_000, 0x41), Buffer.from('"}')]), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const s = await start('STELLAR', [{ path: `/accounts/${stellarId}`, body: bomb, headers: { 'content-encoding': 'gzip' } }], {
      UPSTREAM_MAX_BODY_BYTES: '1000000',
    });
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 1);
    const result = await s.query('query($id: ID!) { account(id: $id) { id } }', { id: `stellar:${stellarId}` });
    clearInterval(sampler);
    expect(result.data?.account).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', provider: 'STELLAR' } });
    expect(result.errors?.[0]?.message).toMatch(/larger than the gateway accepts/);
    expect(peak - baseline).toBeLessThan(16_000_000);
    expect(logLines(s).find((line) => line.msg === 'upstream body refused')).toMatchObject({
      provider: 'STELLAR',
      route: 'GET /accounts/{id}',
      reason: 'larger than the cap',
    });
  });

  it('refuses a coding it did not ask for, clearly', async () => {
    const s = await start('CONDUIT', [
      {
        path: '/accounts/acct_2fvietuCNSu8unMNLsEGBrDTVFn',
        body: testdata('conduit', 'get-account.seed.json'),
        headers: { 'content-encoding': 'zstd' },
      },
    ]);
    const result = await s.query('query($id: ID!) { account(id: $id) { id } }', { id: 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn' });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Conduit sent a response in a content coding the gateway does not read.',
      extensions: { code: 'UPSTREAM_ERROR', provider: 'CONDUIT' },
    });
    expect(logLines(s).find((line) => line.msg === 'upstream body refused')).toMatchObject({
      provider: 'CONDUIT',
      route: 'GET /accounts/{id}',
      reason: 'content coding not supported (zstd)',
    });
  });

  it('refuses a body that does not decode in its coding', async () => {
    const s = await start('TALER', [
      { path: '/accounts/alice', body: testdata('taler', 'account-alice.json'), headers: { 'content-encoding': 'gzip' } },
    ]);
    const result = await s.query('query($id: ID!) { account(id: $id) { id } }', { id: 'taler:alice' });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', provider: 'TALER' } });
    expect(logLines(s).find((line) => line.msg === 'upstream body refused')).toMatchObject({ reason: 'content coding could not be decoded' });
  });
});

// --- Rate limits -------------------------------------------------------------------------------------------------

/** Answers 429 with `headers` the first `times` calls, then the account. */
function limitedThen(times: number, headers: Record<string, string>, body: string): ReplayRoute['answer'] {
  let left = times;
  return (_request: IncomingMessage) =>
    left-- > 0 ? { status: 429, headers, json: { type: 'https://stellar.org/horizon-errors/rate_limit_exceeded', status: 429 } } : { body };
}

describe('rate-limit headers', () => {
  const query = 'query($id: ID!) { account(id: $id) { id } }';
  const variables = { id: `stellar:${stellarId}` };
  /** What public Horizon sends on a 429: X-RateLimit-* and no Retry-After. */
  const horizon = (reset: string) => ({ 'x-ratelimit-limit': '3600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });

  it('waits out Horizon’s X-RateLimit-Reset when it fits in the time limit, and answers', async () => {
    const s = await start('STELLAR', [{ path: `/accounts/${stellarId}`, answer: limitedThen(1, horizon('1'), stellarAccount) }]);
    const started = performance.now();
    const result = await s.query(query, variables);
    expect(result.errors).toBeUndefined();
    expect(result.data?.account).toEqual({ id: `stellar:${stellarId}` });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.replay.requests).toHaveLength(2);
  });

  it('answers RATE_LIMITED with retryAfter at once when Horizon’s reset does not fit', async () => {
    const s = await start('STELLAR', [{ path: `/accounts/${stellarId}`, answer: limitedThen(1, horizon('30'), stellarAccount) }]);
    const started = performance.now();
    const result = await s.query(query, variables);
    expect(result.data?.account).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ path: ['account'], extensions: { code: 'RATE_LIMITED', provider: 'STELLAR', retryAfter: 30 } });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(s.replay.requests).toHaveLength(1);
  });

  it.each([
    ['the IETF RateLimit header', () => ({ ratelimit: '"default";r=0;t=1' })],
    ['RateLimit-Reset', () => ({ 'ratelimit-reset': '1' })],
    // Whole seconds: a date 2 s ahead is 1 to 2 s away.
    ['an HTTP-date Retry-After', () => ({ 'retry-after': new Date(Date.now() + 2_000).toUTCString() })],
  ])('waits out %s too', async (_name, headers) => {
    const s = await start('STELLAR', [{ path: `/accounts/${stellarId}`, answer: limitedThen(1, headers(), stellarAccount) }]);
    const started = performance.now();
    const result = await s.query(query, variables);
    expect(result.errors).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(s.replay.requests).toHaveLength(2);
  });

  it('clamps a huge wait to GraphQL’s Int', async () => {
    const s = await start('STELLAR', [
      { path: `/accounts/${stellarId}`, answer: limitedThen(1, { 'retry-after': '99999999999999' }, stellarAccount) },
    ]);
    const result = await s.query(query, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 2_147_483_647 });
  });

  it('answers RATE_LIMITED without retryAfter, and does not retry, when no header says how long', async () => {
    const s = await start('STELLAR', [{ path: `/accounts/${stellarId}`, answer: limitedThen(1, {}, stellarAccount) }]);
    const result = await s.query(query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(result.errors?.[0]?.extensions).not.toHaveProperty('retryAfter');
    expect(s.replay.requests).toHaveLength(1);
  });
});
