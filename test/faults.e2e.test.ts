// Provider faults end to end: each staged failure gets its contract error, and every other account still arrives.
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountProvider } from '../src/generated/resolvers-types.js';
import type { Fault } from '../simulators/index.js';
import { startStack, type Stack } from './harness.js';

const QUERY = `query ($ids: [ID!]!) { accounts(ids: $ids) { id balances { amount } } }`;
const PROVIDERS: AccountProvider[] = ['INTERLEDGER', 'STELLAR', 'TALER', 'CONDUIT', 'MIDAZ'];

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** One sample id per provider, in PROVIDERS order. */
const oneOfEach = (s: Stack) => PROVIDERS.map((p) => s.fleet.sampleIds.find((id) => id.startsWith(`${p.toLowerCase()}:`)) as string);

async function queryWithFault(provider: AccountProvider, fault: Fault, env: Record<string, string> = {}) {
  stack = await startStack({ UPSTREAM_TIMEOUT_MS: '400', ...env });
  stack.fleet.byProvider[provider].faults.set({ fault });
  const ids = oneOfEach(stack);
  const started = performance.now();
  const result = await stack.query(QUERY, { ids });
  return { result, ids, ms: performance.now() - started };
}

describe('a failing provider loses nothing else', () => {
  it.each([
    ['down (connection reset)', { kind: 'reset' }, 'UPSTREAM_ERROR'],
    ['answering 503', { kind: 'status', status: 503 }, 'UPSTREAM_ERROR'],
    ['answering 500 with an HTML page', { kind: 'status', status: 500, body: '<html>java.lang.NullPointerException at …</html>' }, 'UPSTREAM_ERROR'],
    ['hanging', { kind: 'hang' }, 'UPSTREAM_TIMEOUT'],
    ['slower than its time limit', { kind: 'latency', ms: 2000 }, 'UPSTREAM_TIMEOUT'],
    ['sending malformed JSON', { kind: 'malformedJson' }, 'UPSTREAM_ERROR'],
    ['sending truncated JSON', { kind: 'truncatedJson' }, 'UPSTREAM_ERROR'],
    ['sending JSON of the wrong shape', { kind: 'wrongShape' }, 'UPSTREAM_ERROR'],
    ['sending an oversized body', { kind: 'oversized', bytes: 200_000 }, 'UPSTREAM_ERROR'],
  ] as Array<[string, Fault, string]>)('%s', async (_case, fault, code) => {
    for (const provider of ['STELLAR', 'TALER'] as const) {
      const { result, ids } = await queryWithFault(provider, fault, { UPSTREAM_MAX_BODY_BYTES: '100000' });
      const failed = PROVIDERS.indexOf(provider);
      const accounts = result.data?.accounts as Array<{ id: string } | null>;
      expect(accounts[failed]).toBeNull();
      expect(accounts.filter((_a, i) => i !== failed).map((a) => a?.id)).toEqual(ids.filter((_id, i) => i !== failed));
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({ path: ['accounts', failed], extensions: { code, provider } });
      expect(result.raw).not.toMatch(/NullPointer|html|127\.0\.0\.1|stacktrace/);
      await stack?.close();
      stack = undefined;
    }
  });

  it('answers RATE_LIMITED with retryAfter when Retry-After does not fit in the time limit', async () => {
    const { result } = await queryWithFault('STELLAR', { kind: 'rateLimit', retryAfterSeconds: 60 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'STELLAR', retryAfter: 60 });
    expect((result.data?.accounts as unknown[]).filter(Boolean)).toHaveLength(4);
  });

  it('delays the response by at most the slow provider’s time limit', async () => {
    const { result, ms } = await queryWithFault('MIDAZ', { kind: 'hang' }, { MIDAZ_TIMEOUT_MS: '300' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(ms).toBeLessThan(1000);
  });

  it('puts the error of a lazy balance at the balance, under its account', async () => {
    stack = await startStack();
    const ids = oneOfEach(stack);
    stack.fleet.byProvider.INTERLEDGER.faults.set({ fault: { kind: 'status', status: 500 }, path: '/balance$' });
    const result = await stack.query(QUERY, { ids });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['accounts', 0, 'balances'], extensions: { code: 'UPSTREAM_ERROR', provider: 'INTERLEDGER' } });
    expect((result.data?.accounts as unknown[]).slice(1).every(Boolean)).toBe(true);
  });
});

describe('configuration and credentials', () => {
  it('answers PROVIDER_NOT_CONFIGURED for a provider without a URL, and serves the others', async () => {
    stack = await startStack({ MIDAZ_URL: undefined });
    const result = await stack.query(QUERY, { ids: oneOfEach(stack) });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['accounts', 4], extensions: { code: 'PROVIDER_NOT_CONFIGURED', provider: 'MIDAZ' } });
    expect(stack.fleet.byProvider.MIDAZ.requests).toHaveLength(0);
  });

  it.each([
    ['TALER', { TALER_PASSWORD: 'wrong' }, 'UNAUTHENTICATED'],
    ['INTERLEDGER', { INTERLEDGER_PASSWORD: 'wrong' }, 'UNAUTHENTICATED'],
    ['CONDUIT', { CONDUIT_API_SECRET: 'wrong' }, 'UNAUTHENTICATED'],
    ['MIDAZ', { MIDAZ_TOKEN: 'wrong' }, 'UNAUTHENTICATED'],
    ['INTERLEDGER', { INTERLEDGER_USERNAME: 'user' }, 'FORBIDDEN'],
  ] as Array<[AccountProvider, Record<string, string>, string]>)('maps a %s credential refusal to %s', async (provider, env, code) => {
    stack = await startStack(env);
    const result = await stack.query(QUERY, { ids: oneOfEach(stack) });
    const failed = PROVIDERS.indexOf(provider);
    expect(result.errors?.[0]).toMatchObject({ path: ['accounts', failed], extensions: { code, provider } });
    expect((result.data?.accounts as unknown[]).filter(Boolean)).toHaveLength(4);
    expect(result.raw).not.toContain('wrong');
  });
});

describe('staging faults', () => {
  it('switches a fault on and off over the simulator’s HTTP control route, per route', async () => {
    stack = await startStack();
    const taler = stack.fleet.byProvider.TALER;
    const control = `${taler.url}/__simulator/faults`;
    await fetch(control, { method: 'POST', body: JSON.stringify({ fault: { kind: 'status', status: 503 }, path: '^/accounts/bob$' }) });
    const during = await stack.query(QUERY, { ids: ['taler:alice', 'taler:bob'] });
    expect(during.data?.accounts?.[0]?.id).toBe('taler:alice');
    expect(during.errors?.[0]).toMatchObject({ path: ['accounts', 1], extensions: { code: 'UPSTREAM_ERROR' } });
    await fetch(control, { method: 'DELETE' });
    const after = await stack.query(QUERY, { ids: ['taler:bob'] });
    expect(after.errors).toBeUndefined();
  });
});

describe('concurrency', () => {
  it('starts the calls of selected lazy balances together with their accounts: one round trip, not two', async () => {
    stack = await startStack();
    for (const provider of ['INTERLEDGER', 'MIDAZ'] as const) stack.fleet.byProvider[provider].faults.set({ fault: { kind: 'latency', ms: 300 } });
    const ids = [oneOfEach(stack)[0] as string, oneOfEach(stack)[4] as string];
    const started = performance.now();
    const result = await stack.query(
      `query ($ids: [ID!]!) { accounts(ids: $ids) { id ...on InterledgerAccount { balance { net } } ...on MidazAccount { ledgerBalances { key } } } }`,
      { ids },
    );
    expect(result.errors).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(550);
    expect(stack.fleet.totalRequests()).toBe(4);
  });

  it('keeps one provider’s backlog from slowing another', async () => {
    stack = await startStack({ UPSTREAM_MAX_CONNECTIONS: '2', STELLAR_TIMEOUT_MS: '5000' });
    stack.fleet.byProvider.STELLAR.faults.set({ fault: { kind: 'latency', ms: 1000 } });
    const stellarIds = stack.fleet.sampleIds.filter((id) => id.startsWith('stellar:'));
    const slow = stack.query(QUERY, { ids: stellarIds });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    const fast = await stack.query(QUERY, { ids: ['taler:alice', 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn'] });
    expect(performance.now() - started).toBeLessThan(500);
    expect(fast.errors).toBeUndefined();
    expect((await slow).errors).toBeUndefined();
  });

  it('calls different providers concurrently: the response waits for the slowest, not the sum', async () => {
    stack = await startStack();
    for (const provider of PROVIDERS) stack.fleet.byProvider[provider].faults.set({ fault: { kind: 'latency', ms: 300 } });
    const started = performance.now();
    const result = await stack.query(QUERY, { ids: oneOfEach(stack) });
    const ms = performance.now() - started;
    expect(result.errors).toBeUndefined();
    // Five providers at 300 ms each, plus one more round for the two lazy balances: far below the 2.1 s a sequential gateway needs.
    expect(ms).toBeLessThan(1200);
  });
});
