// Authorization, audit, tokens, host names and per-request / per-caller limits, end to end over HTTP.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startStack, type Stack } from './harness.js';

const READ_KEY = 'read-only-key-0123456789';
const WRITE_KEY = 'read-write-key-0123456789';
const JWT_SECRET = 'a-jwt-secret-of-at-least-32-characters!';
const CREATE = (accountId: string) =>
  `mutation { interledgerAccountCreate(input: { accountId: "${accountId}", relationship: PEER, assetCode: "EUR", assetScale: 2, linkType: "LOOPBACK" }) { account { id } userErrors { code } } }`;
const READ = `{ account(id: "taler:alice") { id } }`;

const token = (claims: Record<string, unknown>, expiresIn: string | null = '5m', issuedAt = true) => {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
  if (issuedAt) jwt = jwt.setIssuedAt();
  if (expiresIn) jwt = jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(JWT_SECRET));
};
const bearer = async (claims: Record<string, unknown>, expiresIn?: string | null, issuedAt?: boolean) => ({
  authorization: `Bearer ${await token(claims, expiresIn, issuedAt)}`,
});
const interledgerCalls = (stack: Stack) => stack.fleet.byProvider.INTERLEDGER.requests.length;

describe('scopes and audit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      GATEWAY_AUTH: undefined,
      GATEWAY_API_KEYS: READ_KEY,
      GATEWAY_WRITE_API_KEYS: WRITE_KEY,
      GATEWAY_JWT_SECRET: JWT_SECRET,
    });
  });
  afterAll(() => stack.close());

  it.each([
    ['a read-only API key', async () => ({ 'x-api-key': READ_KEY })],
    ['a token scoped accounts:read', () => bearer({ sub: 'reader', scope: 'accounts:read' })],
    ['a token with scp [accounts:read]', () => bearer({ sub: 'reader', scp: ['accounts:read'] })],
  ])('refuses a mutation from %s with FORBIDDEN (403) before any provider call, and audits it', async (_label, headers) => {
    stack.fleet.reset();
    const before = stack.logs.length;
    const result = await stack.query(CREATE('forbidden1'), undefined, await headers());
    expect(result.status).toBe(403);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data ?? null).toBeNull();
    expect(interledgerCalls(stack)).toBe(0);
    const audit = stack.logs
      .slice(before)
      .map((line) => JSON.parse(line))
      .find((line) => line.audit);
    expect(audit).toMatchObject({ operation: 'interledgerAccountCreate', outcome: 'FORBIDDEN' });
  });

  it('lets read-only callers query', async () => {
    for (const headers of [{ 'x-api-key': READ_KEY }, await bearer({ sub: 'reader', scope: 'accounts:read' })]) {
      const result = await stack.query(READ, undefined, headers);
      expect(result.data?.account?.id).toBe('taler:alice');
    }
  });

  it('runs a mutation for a write key and a write-scoped token, and writes one audit line naming caller, account, outcome and request', async () => {
    const before = stack.logs.length;
    const byKey = await stack.query(CREATE('audited1'), undefined, { 'x-api-key': WRITE_KEY, 'x-request-id': 'audit-req-1' });
    expect(byKey.data?.interledgerAccountCreate?.account?.id).toBe('interledger:audited1');
    const byToken = await stack.query(CREATE('audited2'), undefined, await bearer({ sub: 'ops-bot', scope: 'accounts:read accounts:write' }));
    expect(byToken.errors).toBeUndefined();
    const lines = stack.logs.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const audits = lines.filter((line) => line.audit);
    const keyId = `key:${createHash('sha256').update(WRITE_KEY).digest('hex').slice(0, 8)}`;
    expect(audits).toEqual([
      expect.objectContaining({
        callerId: keyId,
        operation: 'interledgerAccountCreate',
        accountId: 'interledger:audited1',
        outcome: 'ok',
        requestId: 'audit-req-1',
      }),
      expect.objectContaining({ callerId: 'jwt:ops-bot', operation: 'interledgerAccountCreate', accountId: 'interledger:audited2', outcome: 'ok' }),
    ]);
    expect(lines.find((line) => line.msg === 'graphql request' && line.requestId === 'audit-req-1')).toMatchObject({ callerId: keyId });
    expect(stack.logs.join('\n')).not.toContain(WRITE_KEY);
  }, 20_000);

  it.each([
    ['a token without exp', () => bearer({ sub: 'x', scope: 'accounts:read' }, null)],
    ['a token living longer than the maximum (24 h by default)', () => bearer({ sub: 'x', scope: 'accounts:read' }, '30d')],
    ['a token without iat whose exp is beyond the maximum', () => bearer({ sub: 'x', scope: 'accounts:read' }, '2d', false)],
    ['a token with neither scope nor scp (no default scope set)', () => bearer({ sub: 'x' })],
  ])('answers 401 to %s', async (_label, headers) => {
    stack.fleet.reset();
    const result = await stack.query(READ, undefined, await headers());
    expect(result.status).toBe(401);
    expect(stack.fleet.totalRequests()).toBe(0);
  });
});

describe('a default scope for tokens that carry none', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_AUTH: undefined, GATEWAY_JWT_SECRET: JWT_SECRET, GATEWAY_JWT_DEFAULT_SCOPE: 'accounts:read' });
  });
  afterAll(() => stack.close());

  it('reads with the default scope and still refuses mutations', async () => {
    const headers = await bearer({ sub: 'plain' });
    expect((await stack.query(READ, undefined, headers)).data?.account?.id).toBe('taler:alice');
    expect((await stack.query(CREATE('nope'), undefined, headers)).status).toBe(403);
  });
});

describe('JWKS', () => {
  let jwks: Server;
  let fetches = 0;
  let mode: 'ok' | 'huge' | 'down' = 'ok';
  let jwk: Record<string, unknown>;
  let privateKey: CryptoKey;
  let jwksUrl: string;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey as CryptoKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    jwks = createServer((_req, res) => {
      fetches++;
      if (mode === 'down') return void res.writeHead(503).end();
      if (mode === 'huge')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk], padding: 'x'.repeat(2_000_000) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));
  const withJwks = () =>
    startStack({
      GATEWAY_AUTH: undefined,
      GATEWAY_JWKS_URL: jwksUrl,
      GATEWAY_JWT_AUDIENCE: 'accounts-gateway',
      GATEWAY_JWT_ISSUER: 'https://id.example/',
    });
  const es256 = (issuer = 'https://id.example/', audience = 'accounts-gateway') =>
    new SignJWT({ sub: 'svc', scope: 'accounts:read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token of the configured issuer and audience only', async () => {
    mode = 'ok';
    const stack = await withJwks();
    try {
      expect((await stack.query(READ, undefined, { authorization: `Bearer ${await es256()}` })).status).toBe(200);
      expect((await stack.query(READ, undefined, { authorization: `Bearer ${await es256('https://other.example/')}` })).status).toBe(401);
      expect((await stack.query(READ, undefined, { authorization: `Bearer ${await es256(undefined, 'another-app')}` })).status).toBe(401);
    } finally {
      await stack.close();
    }
  });

  it('cools down after a failed fetch: tokens do not make the gateway fetch on every request', async () => {
    mode = 'down';
    fetches = 0;
    const stack = await withJwks();
    try {
      for (let i = 0; i < 5; i++) expect((await stack.query(READ, undefined, { authorization: `Bearer ${await es256()}` })).status).toBe(401);
      expect(fetches).toBe(1);
    } finally {
      await stack.close();
    }
  });

  it('refuses a JWKS answer larger than the cap without reading it whole', async () => {
    mode = 'huge';
    const { cappedFetch } = await import('../src/auth.js');
    await expect(cappedFetch(256 * 1024, 0)(jwksUrl)).rejects.toThrow(/too large/);
  });
});

describe('host names on a loopback gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ ALLOWED_HOSTS: 'gateway.test' });
  });
  afterAll(() => stack.close());

  const withHost = (host: string) => {
    const url = new URL(`${stack.gateway.url}/graphql`);
    return new Promise<number>((resolve, reject) => {
      const outgoing = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host, 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ query: READ }));
    });
  };

  it('answers 421 to a Host name that is neither loopback nor allowed (DNS rebinding), before any provider call', async () => {
    stack.fleet.reset();
    expect(await withHost('evil.example')).toBe(421);
    expect(await withHost('evil.example:4000')).toBe(421);
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('serves loopback names and ALLOWED_HOSTS', async () => {
    for (const host of ['localhost:4000', '127.0.0.1', '[::1]:4000', 'gateway.test']) expect(await withHost(host)).toBe(200);
  });
});

describe('limits per operation and per caller', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ MAX_IDS_PER_REQUEST: '10', APQ_MAX_BYTES: '600', QUERY_MAX_BYTES: '4096' });
  });
  afterAll(() => stack.close());

  it.each([
    [
      'aliases',
      `{ ${Array.from({ length: 3 }, (_, i) => `a${i}: accounts(ids: ["taler:alice", "taler:bob", "taler:carol", "taler:dave"]) { id }`).join(' ')} }`,
      undefined,
    ],
    [
      'fragments',
      `query { ...F ...G } fragment F on Query { accounts(ids: ["taler:alice","taler:bob","taler:carol","taler:dave","taler:eve","taler:alice"]) { id } } fragment G on Query { n: nodes(ids: ["taler:alice","taler:bob","taler:carol","taler:dave","taler:eve"]) { id } }`,
      undefined,
    ],
    [
      'variables',
      `query ($a: [ID!]!, $b: ID!) { accounts(ids: $a) { id } account(id: $b) { id } node(id: $b) { id } }`,
      { a: Array(9).fill('taler:alice'), b: 'taler:bob' },
    ],
  ])('refuses more lookups than MAX_IDS_PER_REQUEST across %s with 400, before any call', async (_label, query, variables) => {
    stack.fleet.reset();
    const result = await stack.query(query, variables, { 'x-forwarded-for': 'ignored' });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('refuses a document above QUERY_MAX_BYTES with 413 before parsing it', async () => {
    const result = await stack.query(`${'# padding\n'.repeat(500)}{ account(id: "taler:alice") { id } }`);
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('does not store persisted queries above APQ_MAX_BYTES', async () => {
    const post = async (body: unknown) =>
      (
        await fetch(`${stack.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      ).json() as Promise<{ errors?: Array<{ extensions?: { code?: string } }>; data?: unknown }>;
    const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } });
    const small = READ;
    const padded = `${'# pad\n'.repeat(150)}${READ}`;
    for (const query of [small, padded]) expect((await post({ query, extensions: apq(query) })).data).toBeTruthy();
    expect((await post({ extensions: apq(small) })).data).toBeTruthy();
    expect((await post({ extensions: apq(padded) })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('answers 429 with Retry-After past GATEWAY_RATE_LIMIT for one caller only', async () => {
    const { startStack: start } = await import('./harness.js');
    const limited = await start({ GATEWAY_AUTH: undefined, GATEWAY_API_KEYS: `${READ_KEY},other-key-0123456789`, GATEWAY_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.query(READ, undefined, { 'x-api-key': READ_KEY })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await fetch(`${limited.gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': READ_KEY },
        body: JSON.stringify({ query: READ }),
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect((await limited.query(READ, undefined, { 'x-api-key': 'other-key-0123456789' })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('headers', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('sends nosniff, frame-ancestors and a CSP on the HTML pages; GraphiQL allows only its own inline script', async () => {
    for (const [path, accept] of [
      ['/graphql', 'text/html'],
      ['/', 'text/html'],
    ] as const) {
      const response = await fetch(`${stack.gateway.url}${path}`, { headers: { accept } });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("'unsafe-inline' ;");
      expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?;/);
    }
    const graphiql = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    const html = await graphiql.text();
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const { createHash: hash } = await import('node:crypto');
    expect(graphiql.headers.get('content-security-policy')).toContain(`'sha256-${hash('sha256').update(inline).digest('base64')}'`);
  });

  it('marks GraphQL answers as varying by the caller and its provider credentials', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: READ }),
    });
    const vary = (response.headers.get('vary') ?? '').toLowerCase();
    for (const header of ['authorization', 'x-api-key', 'x-taler-authorization', 'x-conduit-api-key', 'x-midaz-authorization'])
      expect(vary).toContain(header);
  });

  it('refuses a provider credential header sent twice instead of joining and forwarding it', async () => {
    stack.fleet.reset();
    const url = new URL(`${stack.gateway.url}/graphql`);
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: [
            'content-type',
            'application/json',
            'x-taler-authorization',
            'Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ=',
            'x-taler-authorization',
            'Basic Ym9iOmJvYi1wYXNzd29yZA==',
          ],
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ query: READ }));
    });
    expect(status).toBe(400);
    expect(stack.fleet.totalRequests()).toBe(0);
  });
});

describe('per-provider write scopes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_AUTH: undefined, GATEWAY_JWT_SECRET: JWT_SECRET });
  });
  afterAll(() => stack.close());

  it('lets accounts:write:interledger change Interledger accounts only, also through a fragment spread', async () => {
    const headers = await bearer({ sub: 'ilp-ops', scope: 'accounts:write:interledger' });
    expect((await stack.query(CREATE('scoped1'), undefined, headers)).errors).toBeUndefined();
    expect((await stack.query(READ, undefined, headers)).data?.account?.id).toBe('taler:alice');
    stack.fleet.reset();
    const taler = `mutation { ...M } fragment M on Mutation { talerAccountCreate(input: { username: "x1", password: "long-enough-password", name: "X" }) { userErrors { code } } }`;
    const refused = await stack.query(taler, undefined, headers);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stack.fleet.totalRequests()).toBe(0);
  });
});

describe('found by an attacker review', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      GATEWAY_AUTH: undefined,
      GATEWAY_WRITE_API_KEYS: WRITE_KEY,
      GATEWAY_JWT_SECRET: JWT_SECRET,
      MAX_IDS_PER_REQUEST: '10',
    });
  });
  afterAll(() => stack.close());

  it('counts the default value of a variable the request does not send towards the lookup limit', async () => {
    stack.fleet.reset();
    const ids = JSON.stringify(Array.from({ length: 6 }, (_, i) => `taler:v${i}`));
    const query = `query ($a: [ID!]! = ${ids}, $b: [ID!]! = ${ids}) { a: accounts(ids: $a) { id } b: accounts(ids: $b) { id } }`;
    const result = await stack.query(query, undefined, { 'x-api-key': WRITE_KEY });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.fleet.totalRequests()).toBe(0);
  });

  it('audits mutations written inside inline fragments and fragment spreads, once per executed field, none for @skip or __typename', async () => {
    const before = stack.logs.length;
    const create = (name: string) =>
      `interledgerAccountCreate(input: { accountId: "${name}", relationship: PEER, assetCode: "EUR", assetScale: 2, linkType: "LOOPBACK" }) { account { id } }`;
    await stack.query(`mutation { ... on Mutation { ${create('inlinefrag')} } }`, undefined, { 'x-api-key': WRITE_KEY });
    await stack.query(`mutation { ...M __typename } fragment M on Mutation { ${create('spreadfrag')} }`, undefined, { 'x-api-key': WRITE_KEY });
    await stack.query(`mutation { ${create('skipped')} @skip(if: true) }`, undefined, { 'x-api-key': WRITE_KEY });
    const audits = stack.logs
      .slice(before)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.audit);
    expect(audits.map((line) => [line.operation, line.accountId, line.outcome])).toEqual([
      ['interledgerAccountCreate', 'interledger:inlinefrag', 'ok'],
      ['interledgerAccountCreate', 'interledger:spreadfrag', 'ok'],
    ]);
  });

  it('answers null for a variable whose argument must not be null as BAD_USER_INPUT, not a server error', async () => {
    const before = stack.logs.length;
    const result = await stack.query('query ($a: ID = "taler:alice") { account(id: $a) { id } }', { a: null }, { 'x-api-key': WRITE_KEY });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.logs.slice(before).some((line) => /"level":50/.test(line))).toBe(false);
  });

  it('gives tokens without a subject identities of their own (rate limit, audit)', async () => {
    const limited = await startStack({ GATEWAY_AUTH: undefined, GATEWAY_JWT_SECRET: JWT_SECRET, GATEWAY_RATE_LIMIT: '3' });
    try {
      const [first, second] = await Promise.all([bearer({ scope: 'accounts:read', jti: 'one' }), bearer({ scope: 'accounts:read', jti: 'two' })]);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.query(READ, undefined, first)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await limited.query(READ, undefined, second)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
