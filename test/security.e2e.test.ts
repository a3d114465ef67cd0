// Access control, per-request provider credentials, query limits and hostile input, end to end over HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startStack, type Stack } from './harness.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ACCOUNT_QUERY = `query ($id: ID!) { account(id: $id) { id displayName } }`;

describe('gateway access', () => {
  const API_KEY = 'test-api-key-0123456789';
  const JWT_SECRET = 'a-jwt-secret-of-at-least-32-characters!';
  let jwks: Server;
  let privateKey: CryptoKey;
  let stack: Stack;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    stack = await startStack({
      GATEWAY_AUTH: undefined,
      GATEWAY_API_KEYS: API_KEY,
      GATEWAY_JWT_SECRET: JWT_SECRET,
      GATEWAY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
      GATEWAY_JWT_AUDIENCE: 'accounts-gateway',
      GATEWAY_JWT_ISSUER: 'https://id.example/',
    });
  });
  afterAll(async () => {
    await stack.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  const hs256 = (audience = 'accounts-gateway', expiresIn = '5m') =>
    new SignJWT({ sub: 'tester', scope: 'accounts:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://id.example/')
      .setAudience(audience)
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(JWT_SECRET));

  it.each([
    ['no credentials', {}],
    ['a wrong API key', { 'x-api-key': 'wrong-key-0123456789' }],
    ['a bearer token that is no JWT', { authorization: 'Bearer nonsense' }],
    ['a JWT signed with another secret', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }],
  ])('answers 401 to %s before any resolver runs', async (_case, headers) => {
    stack.fleet.reset();
    const result = await stack.query(ACCOUNT_QUERY, { id: 'taler:alice' }, headers);
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('refuses a JWT for another audience or an expired one', async () => {
    for (const token of [await hs256('someone-else'), await hs256('accounts-gateway', '-1m')]) {
      expect((await stack.query(ACCOUNT_QUERY, { id: 'taler:alice' }, { authorization: `Bearer ${token}` })).status).toBe(401);
    }
  });

  it('accepts an API key, an HS256 JWT and a JWT signed by a key from the JWKS', async () => {
    const es256 = await new SignJWT({ sub: 'tester', scp: ['accounts:read'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('https://id.example/')
      .setAudience('accounts-gateway')
      .setExpirationTime('5m')
      .sign(privateKey);
    const attempts: Array<Record<string, string>> = [
      { 'x-api-key': API_KEY },
      { authorization: `Bearer ${await hs256()}` },
      { authorization: `Bearer ${es256}` },
    ];
    for (const headers of attempts) {
      const result = await stack.query(ACCOUNT_QUERY, { id: 'taler:alice' }, headers);
      expect(result.status).toBe(200);
      expect(result.data?.account?.id).toBe('taler:alice');
    }
  });

  it('keeps /healthz open for load balancers', async () => {
    expect((await fetch(`${stack.gateway.url}/healthz`)).status).toBe(200);
  });
});

describe('per-request provider credentials', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('uses a caller’s own Taler credentials for that request only', async () => {
    stack.fleet.reset();
    const asAlice = { 'x-taler-authorization': basic('alice', 'alice-password') };
    const own = await stack.query(ACCOUNT_QUERY, { id: 'taler:alice' }, asAlice);
    expect(own.data?.account?.id).toBe('taler:alice');
    const other = await stack.query(ACCOUNT_QUERY, { id: 'taler:bob' }, asAlice);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'TALER' });
    const sent = stack.fleet.byProvider.TALER.requests.map((r) => r.headers.authorization);
    expect(sent).toEqual([asAlice['x-taler-authorization'], asAlice['x-taler-authorization']]);
    const configured = await stack.query(ACCOUNT_QUERY, { id: 'taler:bob' });
    expect(configured.data?.account?.id).toBe('taler:bob');
  });

  it('never serves one caller’s data to another, even concurrently', async () => {
    const callers = [
      { id: 'taler:alice', headers: { 'x-taler-authorization': basic('alice', 'alice-password') } },
      { id: 'taler:bob', headers: { 'x-taler-authorization': basic('bob', 'bob-password') } },
    ];
    const rounds = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const caller = callers[i % 2]!;
        const other = callers[(i + 1) % 2]!;
        return stack.query(`{ mine: account(id: "${caller.id}") { id } theirs: account(id: "${other.id}") { id } }`, undefined, caller.headers);
      }),
    );
    rounds.forEach((round, i) => {
      expect(round.data?.mine?.id).toBe(callers[i % 2]!.id);
      expect(round.data?.theirs).toBeNull();
      expect(round.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('passes Conduit, Interledger and Midaz credentials through, refused by the provider when wrong', async () => {
    const ids = stack.fleet.sampleIds;
    const pick = (p: string) => ids.find((id) => id.startsWith(`${p}:`));
    const result = await stack.query(
      `query ($c: ID!, $i: ID!, $m: ID!) { c: account(id: $c) { id } i: account(id: $i) { id } m: account(id: $m) { id } }`,
      { c: pick('conduit'), i: pick('interledger'), m: pick('midaz') },
      {
        'x-conduit-api-key': 'someone-else',
        'x-conduit-api-secret': 'not-theirs',
        'x-interledger-authorization': basic('admin', 'wrong'),
        'x-midaz-authorization': 'Bearer wrong',
      },
    );
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(result.raw).not.toMatch(/not-theirs|someone-else|wrong/);
  });

  it('refuses half a Conduit credential with 400', async () => {
    const result = await stack.query(ACCOUNT_QUERY, { id: 'taler:alice' }, { 'x-conduit-api-key': 'only-the-key' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('redacts the caller’s credentials from the logs', async () => {
    const secret = basic('alice', 'alice-password');
    await stack.query(ACCOUNT_QUERY, { id: 'taler:nobody' }, { 'x-taler-authorization': secret });
    expect(stack.logs.join('\n')).not.toContain(secret.slice('Basic '.length));
  });
});

describe('query limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      QUERY_MAX_DEPTH: '4',
      QUERY_MAX_ALIASES: '5',
      QUERY_MAX_DIRECTIVES: '3',
      QUERY_MAX_TOKENS: '400',
      QUERY_MAX_COST: '300',
      MAX_IDS_PER_REQUEST: '10',
    });
  });
  afterAll(() => stack.close());

  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: account(id: "taler:alice") { id }`).join(' ');

  it.each([
    ['too deep', '{ account(id: "taler:alice") { ... on StellarAccount { trustlines { asset { code } } } } }'],
    ['too many aliases', `{ ${aliases(6)} }`],
    [
      'too many directives',
      '{ account(id: "taler:alice") { id @include(if: true) @skip(if: false) displayName @include(if: true) nativeId @include(if: true) } }',
    ],
    ['too many tokens', `{ account(id: "taler:alice") { ${'id '.repeat(400)} } }`],
  ])('refuses a query %s with a clear error and no upstream call', async (_case, query) => {
    stack.fleet.reset();
    const result = await stack.query(query);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toBeTruthy();
    expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT']).toContain(result.errors?.[0]?.extensions?.code);
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('refuses a query above the cost limit', async () => {
    const costly = await startStack({ QUERY_MAX_COST: '20' });
    try {
      const result = await costly.query(
        '{ account(id: "taler:alice") { id balances { asset { code issuer network } amount onHold } ... on TalerAccount { debitThreshold { amount currency } contact { email phone } } } }',
      );
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.message).toMatch(/cost/i);
      expect(costly.fleet.totalRequests()).toBe(0);
    } finally {
      await costly.close();
    }
  });

  it('accepts a query within every limit', async () => {
    const result = await stack.query(`{ ${aliases(5)} }`);
    expect(result.errors).toBeUndefined();
  });

  it('refuses more ids than allowed in one accounts call with BAD_USER_INPUT, before any call', async () => {
    stack.fleet.reset();
    const result = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids: Array(11).fill('taler:alice') });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toMatch(/At most 10 account lookups/);
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('blocks a GET query without a preflight header (CSRF prevention)', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql?query=${encodeURIComponent('{ account(id: "taler:alice") { id } }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});

describe('hostile ids', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const VALID: Record<string, RegExp> = {
    interledger: /^[A-Za-z0-9._~-]{1,64}$/,
    taler: /^[A-Za-z0-9._~-]{1,126}$/,
    conduit: /^acct_[A-Za-z0-9]{27}$/,
    midaz: /^[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/i,
    stellar: /^G[A-Z2-7]{55}$/,
  };
  const HANDMADE = [
    'taler:../admin',
    'taler:..%2Fadmin',
    'taler:%2e%2e',
    'taler:alice/../../config',
    'taler:alice?x=1',
    'taler:alice#frag',
    'taler:аlice' /* Cyrillic а */,
    'taler:ａｌｉｃｅ',
    'taler:alice\u0000',
    'taler:ali\nce',
    'taler:alice\u202e',
    'taler:al\u200bice',
    `taler:${'a'.repeat(10_000)}`,
    'taler:',
    'taler: alice',
    'taler:alice ',
    'taler:😀',
    'interledger:a/b',
    'interledger:a%2Fb',
    `interledger:${'a'.repeat(65)}`,
    'interledger:..',
    'interledger:ａlice',
    'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVF',
    'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFnn',
    'conduit:ACCT_2fvietuCNSu8unMNLsEGBrDTVFn',
    'conduit:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA',
    'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVF/',
    'stellar:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVB',
    'stellar:gayolllluize4dzmbb2zbkgbubzlioyu6xflw37gbp2vzd3abnxcw4bva',
    'stellar:SAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA',
    'stellar:acct_2fvietuCNSu8unMNLsEGBrDTVFn',
    'stellar:GAYO/../x',
    'midaz:alice',
    'midaz:00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000',
    'midaz:00000000-0000-4000-8000-000000000000/../00000000-0000-4000-8000-000000000000',
    'midaz:00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-00000000000g',
    'STELLAR:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA',
    'Taler:alice',
    'paypal:alice',
    'alice',
    ':',
    '',
    '__proto__:x',
    'toString:x',
  ];

  function randomHostileIds(): string[] {
    const prefixes = Object.keys(VALID);
    const arbitrary = fc
      .tuple(fc.constantFrom(...prefixes), fc.string({ unit: 'binary', maxLength: 80 }))
      .filter(([prefix, native]) => !(VALID[prefix] as RegExp).test(native) || prefix === 'stellar' || native.split('').every((c) => c === '.'))
      .map(([prefix, native]) => `${prefix}:${native}`);
    return fc.sample(arbitrary, { numRuns: 400, seed: 20261122 });
  }

  it('refuses every malformed id with BAD_USER_INPUT, calls no provider for it, and still answers the valid ids', async () => {
    const hostile = [...HANDMADE, ...randomHostileIds()];
    const valid = stack.fleet.sampleIds.filter((id) => /^(taler|stellar|conduit):/.test(id)).slice(0, 6);
    for (let start = 0; start < hostile.length; start += 90) {
      stack.fleet.reset();
      const chunk = hostile.slice(start, start + 90);
      const ids = [valid[0] as string, ...chunk, ...valid.slice(1)];
      const result = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids });
      const accounts = result.data?.accounts as Array<{ id: string } | null>;
      expect(accounts).toHaveLength(ids.length);
      expect(accounts[0]?.id).toBe(valid[0]);
      expect(accounts.slice(1 + chunk.length).map((a) => a?.id)).toEqual(valid.slice(1));
      chunk.forEach((id, i) => {
        expect(accounts[1 + i], `id ${JSON.stringify(id)}`).toBeNull();
      });
      const codes = new Map(result.errors?.map((e) => [e.path?.[1], e.extensions?.code]));
      chunk.forEach((id, i) => expect(codes.get(1 + i), `id ${JSON.stringify(id)}`).toBe('BAD_USER_INPUT'));
      expect(stack.fleet.totalRequests()).toBe(valid.length);
    }
  });
});

describe('production switches', () => {
  it('turns GraphiQL and introspection off with PLAYGROUND=false and INTROSPECTION=false', async () => {
    const stack = await startStack({ PLAYGROUND: 'false', INTROSPECTION: 'false' });
    try {
      const page = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('GraphiQL');
      expect((await fetch(`${stack.gateway.url}/playground/graphiql.js`)).status).toBe(404);
      const introspection = await stack.query('{ __schema { types { name } } }');
      expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const suggestion = await stack.query('{ acount(id: "taler:alice") { id } }');
      expect(suggestion.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } finally {
      await stack.close();
    }
  });
});
