// The Stellar module over real HTTP against its simulator: batching, de-duplication, errors and id checks.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import {
  ISSUER_ACCOUNT_ID,
  LIQUIDITY_PROVIDER_ACCOUNT_ID,
  SEED_ACCOUNT_ID,
  stellarFixtures,
  TRADER_ACCOUNT_ID,
  UNKNOWN_ACCOUNT_ID,
} from '../../../simulators/stellar/fixtures.js';
import { stellar } from './index.js';
import { simulator } from '../../../simulators/stellar/simulator.js';
import { testClient } from '../../../test/support/clients.js';
import { gatewayRejection } from '../../../test/support/errors.js';

let sim: RunningSimulator;
let client: UpstreamClient;

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
  client = testClient('STELLAR', sim.url);
});

afterEach(() => sim.reset());

afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('the Stellar source', () => {
  it('fetches an account once when the same id is asked for three times at once', async () => {
    const source = stellar.createSource(client);
    const accounts = await Promise.all([source.account(SEED_ACCOUNT_ID), source.account(SEED_ACCOUNT_ID), source.account(SEED_ACCOUNT_ID)]);
    expect(sim.count('GET')).toBe(1);
    expect(sim.count('GET', `/accounts/${SEED_ACCOUNT_ID}`)).toBe(1);
    expect(accounts.map((account) => account.sequence)).toStrictEqual(['120192344791187470', '120192344791187470', '120192344791187470']);
  });

  it('makes one call per distinct id', async () => {
    const source = stellar.createSource(client);
    const ids = [TRADER_ACCOUNT_ID, LIQUIDITY_PROVIDER_ACCOUNT_ID, ISSUER_ACCOUNT_ID];
    const accounts = await Promise.all(ids.map((id) => source.account(id)));
    expect(sim.count('GET')).toBe(3);
    for (const id of ids) expect(sim.count('GET', `/accounts/${id}`)).toBe(1);
    expect(accounts.map((account) => account.id)).toStrictEqual(ids.map((id) => `stellar:${id}`));
  });

  it('does not fetch again an account this request already has', async () => {
    const source = stellar.createSource(client);
    await source.account(SEED_ACCOUNT_ID);
    await source.account(SEED_ACCOUNT_ID);
    expect(sim.count('GET')).toBe(1);
  });

  it('never shares accounts between two sources (two requests)', async () => {
    await stellar.createSource(client).account(SEED_ACCOUNT_ID);
    await stellar.createSource(client).account(SEED_ACCOUNT_ID);
    expect(sim.count('GET')).toBe(2);
  });

  it('reads every seeded account the simulator serves', async () => {
    const source = stellar.createSource(client);
    const accounts = await Promise.all(stellarFixtures.map((fixture) => source.account(fixture.id)));
    expect(accounts.map((account) => account.nativeId)).toStrictEqual(stellarFixtures.map((fixture) => fixture.id));
    expect(simulator.sampleIds).toStrictEqual(accounts.map((account) => account.id));
  });

  it('rejects an unknown valid id with NOT_FOUND from STELLAR, naming no URL', async () => {
    const error = await gatewayRejection(stellar.createSource(client).account(UNKNOWN_ACCOUNT_ID));
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'STELLAR' });
    expect(error.message).not.toMatch(/https?:|127\.0\.0\.1|\/accounts/);
    expect(sim.count('GET', `/accounts/${UNKNOWN_ACCOUNT_ID}`)).toBe(1);
  });

  it('fails only the unknown id of a batch', async () => {
    const source = stellar.createSource(client);
    const [known, unknown] = await Promise.allSettled([source.account(SEED_ACCOUNT_ID), source.account(UNKNOWN_ACCOUNT_ID)]);
    expect(known.status).toBe('fulfilled');
    expect(unknown.status).toBe('rejected');
  });
});

describe('stellar.parseNativeId', () => {
  it('returns a valid account id unchanged', () => {
    expect(stellar.parseNativeId(SEED_ACCOUNT_ID)).toBe(SEED_ACCOUNT_ID);
  });

  it.each([
    ['a wrong checksum', `${SEED_ACCOUNT_ID.slice(0, 55)}B`],
    ['lower case', SEED_ACCOUNT_ID.toLowerCase()],
    ['a short id', SEED_ACCOUNT_ID.slice(0, 55)],
    ['a path escape', '../../accounts'],
  ])('refuses %s with BAD_USER_INPUT and never calls Horizon', (_name, id) => {
    let thrown: unknown;
    try {
      stellar.parseNativeId(id);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).extensions.code).toBe('BAD_USER_INPUT');
    expect((thrown as GatewayError).message).toMatch(/^Malformed Stellar account id: /);
    expect(sim.requests).toHaveLength(0);
  });
});
