// The Taler source over real HTTP against the simulator: batching, signs, error codes and id checks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.js';
import { type RunningSimulator, startSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import { TALER_ADMIN_PASSWORD } from '../../../simulators/taler/fixtures.js';
import { taler } from './index.js';
import { simulator } from '../../../simulators/taler/simulator.js';
import { testClient } from '../../../test/support/clients.js';
import { gatewayRejection } from '../../../test/support/errors.js';

let sim: RunningSimulator;
const clients: UpstreamClient[] = [];

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

function clientAs(authorization: string, url = sim.url): UpstreamClient {
  const client = testClient('TALER', url, { authorization });
  clients.push(client);
  return client;
}

const admin = () => clientAs(basic('admin', TALER_ADMIN_PASSWORD));

/** The GatewayError a promise rejects with. */

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
beforeEach(() => sim.reset());
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await sim.close();
});

describe('the Taler source', () => {
  it('fetches an account once when it is asked for three times at once', async () => {
    const source = taler.createSource(admin());
    const results = await Promise.all([source.account('alice'), source.account('alice'), source.account('alice')]);
    expect(results.map((account) => account.id)).toEqual(['taler:alice', 'taler:alice', 'taler:alice']);
    expect(sim.count('GET', '/accounts/alice')).toBe(1);
    expect(sim.requests).toHaveLength(1);
  });

  it('fetches distinct accounts concurrently, one request each', async () => {
    const source = taler.createSource(admin());
    await Promise.all(['alice', 'bob', 'carol', 'alice'].map((username) => source.account(username)));
    expect(sim.count('GET', '/accounts/alice')).toBe(1);
    expect(sim.count('GET', '/accounts/bob')).toBe(1);
    expect(sim.count('GET', '/accounts/carol')).toBe(1);
    expect(sim.requests).toHaveLength(3);
  });

  it('never shares fetched accounts between two sources', async () => {
    const client = admin();
    await taler.createSource(client).account('alice');
    await taler.createSource(client).account('alice');
    expect(sim.count('GET', '/accounts/alice')).toBe(2);
  });

  it('reads a balance in debit as a negative amount', async () => {
    const bob = await taler.createSource(admin()).account('bob');
    expect(bob.balances).toEqual([{ asset: { code: 'EUR', issuer: null, network: null }, amount: '-3', onHold: null }]);
    expect(bob.debitThreshold).toEqual({ amount: '100', currency: 'EUR' });
  });

  it('keeps all eight fractional digits of a balance', async () => {
    const dave = await taler.createSource(admin()).account('dave.k');
    expect(dave.balances[0]?.amount).toBe('1234.56789012');
    expect(dave.tanChannels).toEqual(['email']);
  });

  it('reads the exchange, contact data and account states as the bank reports them', async () => {
    const source = taler.createSource(admin());
    const [exchange, carol, erin, frank] = await Promise.all(['exchange', 'carol', 'erin', 'Frank_2'].map((u) => source.account(u)));
    expect(exchange).toMatchObject({ isTalerExchange: true, isPublic: true, displayName: 'Taler Exchange' });
    expect(carol).toMatchObject({
      contact: { email: 'carol@example.com', phone: '+491701234567' },
      tanChannels: ['sms', 'email'],
      minCashout: { amount: '5', currency: 'EUR' },
    });
    expect(erin?.status).toBe('DELETED');
    expect(frank?.status).toBe('LOCKED');
  });

  it('lets a user read their own account', async () => {
    const alice = await taler.createSource(clientAs(basic('alice', 'alice-password'))).account('alice');
    expect(alice.balances[0]?.amount).toBe('10.5');
  });

  it('accepts a bearer token', async () => {
    const client = clientAs('Bearer secret-token:EEFB4PBBRYZ6FW2NC5BQCA36DD29KPJ16A2VXWT777MCRTPMY5JD');
    expect((await taler.createSource(client).account('bob')).nativeId).toBe('bob');
  });

  it('reports an unknown account as NOT_FOUND without the upstream URL', async () => {
    const error = await gatewayRejection(taler.createSource(admin()).account('nobody'));
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'TALER' });
    expect(error.message).not.toContain(sim.url);
    expect(error.message).not.toContain('/accounts');
    expect(error.message).not.toContain('nobody');
  });

  it('reports a wrong password as UNAUTHENTICATED', async () => {
    const error = await gatewayRejection(taler.createSource(clientAs(basic('admin', 'wrong'))).account('alice'));
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'TALER' });
  });

  it('reports an unknown token as UNAUTHENTICATED', async () => {
    const error = await gatewayRejection(taler.createSource(clientAs('Bearer secret-token:0000')).account('alice'));
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'TALER' });
  });

  it("reports a user reading another user's account as UNAUTHENTICATED, as libeufin-bank answers 401", async () => {
    const error = await gatewayRejection(taler.createSource(clientAs(basic('bob', 'bob-password'))).account('alice'));
    expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', provider: 'TALER' });
    expect(sim.count('GET', '/accounts/alice')).toBe(1);
  });

  it('fails one account without failing the others fetched with it', async () => {
    const source = taler.createSource(admin());
    const [alice, missing] = await Promise.allSettled([source.account('alice'), source.account('nobody')]);
    expect(alice).toMatchObject({ status: 'fulfilled', value: { id: 'taler:alice' } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'NOT_FOUND' } } });
  });
});

describe('a Taler server that breaks its API', () => {
  let broken: RunningSimulator;
  const bodies: Record<string, unknown> = {
    'bad-amount': { ...goodAccount(), balance: { amount: 'EUR:1e3', credit_debit_indicator: 'credit' } },
    'bad-shape': { name: 'No balance', payto_uri: 'payto://iban/DE89370400440532013000?receiver-name=X' },
  };

  function goodAccount() {
    return {
      name: 'X',
      balance: { amount: 'EUR:1', credit_debit_indicator: 'credit' },
      payto_uri: 'payto://iban/DE89370400440532013000?receiver-name=X',
      debit_threshold: 'EUR:0',
      is_public: false,
      is_taler_exchange: false,
    };
  }

  beforeAll(async () => {
    broken = await startSimulator({
      name: 'broken-taler',
      routes: [{ method: 'GET', path: '/accounts/:username', handler: (request) => ({ status: 200, body: bodies[request.params.username ?? ''] }) }],
      notFound: () => ({ status: 404 }),
    });
  });
  afterAll(() => broken.close());

  it('reports a body without a balance as UPSTREAM_ERROR without the body', async () => {
    const error = await gatewayRejection(taler.createSource(clientAs(basic('admin', TALER_ADMIN_PASSWORD), broken.url)).account('bad-shape'));
    expect(error.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'TALER' });
    expect(error.message).toBe('Taler sent a response the gateway could not read.');
  });

  it('keeps the account when only its balance cannot be read exactly, the balance left out and counted', async () => {
    const account = await taler.createSource(clientAs(basic('admin', TALER_ADMIN_PASSWORD), broken.url)).account('bad-amount');
    expect(account).toMatchObject({
      id: 'taler:bad-amount',
      displayName: 'X',
      balances: [],
      omittedBalances: 1,
      debitThreshold: { amount: '0', currency: 'EUR' },
    });
  });
});

describe('Taler usernames', () => {
  it.each(['alice', 'Frank_2', 'dave.k', 'a~b-c', 'x'.repeat(126)])('accepts %s unchanged', (username) => {
    expect(taler.parseNativeId(username)).toBe(username);
  });

  it('keeps the case of a username, since the bank treats them as case-sensitive', () => {
    expect(taler.parseNativeId('Alice')).toBe('Alice');
  });

  it.each(['', 'x'.repeat(127), 'a/b', 'a b', 'a?b', '%2e%2e', 'ålice', 'a:b', 'a\nb'])('refuses %j before any request', (username) => {
    let thrown: unknown;
    try {
      taler.parseNativeId(username);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).extensions.code).toBe('BAD_USER_INPUT');
    expect((thrown as GatewayError).message).toMatch(/Taler username/);
    expect(sim.requests).toHaveLength(0);
  });
});
