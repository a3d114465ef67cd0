// The Stellar list: filter checks (pure), the Horizon query, and a page over real HTTP priming the request's loader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CursorCodec } from '../../cursor.js';
import { PartialResults } from '../../partialResults.js';
import type { ProviderCall } from '../shared/resolve.js';
import { GatewayError } from '../../errors.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import { COSIGNER_ID, ISSUER_ACCOUNT_ID, POOL_ID } from '../../../simulators/stellar/fixtures.js';
import { createStellarSource } from './index.js';
import { hasMore, listStellarAccounts, pageQuery, parseStellarFilter } from './lists.js';
import { simulator } from '../../../simulators/stellar/simulator.js';
import { testClient } from '../../../test/support/clients.js';

const refusal = (args: Parameters<typeof parseStellarFilter>[0]): string => {
  try {
    parseStellarFilter(args);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('BAD_USER_INPUT');
    return (error as GatewayError).message;
  }
  throw new Error('expected a refusal');
};

describe('parseStellarFilter', () => {
  it.each([
    ['signer', { signer: COSIGNER_ID }, { name: 'signer', value: COSIGNER_ID }],
    ['sponsor', { sponsor: COSIGNER_ID }, { name: 'sponsor', value: COSIGNER_ID }],
    ['an issued asset', { asset: `GOLDBAR:${ISSUER_ACCOUNT_ID}` }, { name: 'asset', value: `GOLDBAR:${ISSUER_ACCOUNT_ID}` }],
    ['a pool id in capitals, lower-cased', { liquidityPool: POOL_ID.toUpperCase() }, { name: 'liquidityPool', value: POOL_ID }],
    ['one filter beside nulls', { signer: null, asset: `USD:${ISSUER_ACCOUNT_ID}` }, { name: 'asset', value: `USD:${ISSUER_ACCOUNT_ID}` }],
  ])('accepts %s', (_what, args, expected) => {
    expect(parseStellarFilter(args)).toEqual(expected);
  });

  it.each([
    ['no filter', {}, /exactly one filter/],
    ['two filters', { signer: COSIGNER_ID, liquidityPool: POOL_ID }, /got signer, liquidityPool/],
    ['a secret seed as signer', { signer: `S${COSIGNER_ID.slice(1)}` }, /must start with `G`/],
    ['an empty sponsor', { sponsor: '' }, /56 characters/],
    ['native', { asset: 'native' }, /native asset/],
    ['NATIVE', { asset: 'NATIVE' }, /native asset/],
    ['a 13-character code', { asset: `ABCDEFGHIJKLM:${ISSUER_ACCOUNT_ID}` }, /CODE:ISSUER/],
    ['three parts', { asset: `USD:${ISSUER_ACCOUNT_ID}:x` }, /CODE:ISSUER/],
    ['a bad issuer checksum', { asset: `USD:${ISSUER_ACCOUNT_ID.slice(0, -1)}${ISSUER_ACCOUNT_ID.endsWith('A') ? 'B' : 'A'}` }, /issuer/],
    ['a pool id that is not hex', { liquidityPool: 'z'.repeat(64) }, /64 hexadecimal/],
  ])('refuses %s', (_what, args, message) => {
    expect(refusal(args)).toMatch(message);
  });
});

describe('the Horizon query of a page', () => {
  it('asks for one more record than the page, ascending, after Horizon’s cursor', () => {
    expect(pageQuery({ name: 'liquidityPool', value: POOL_ID }, 20, 'GABC')).toEqual({
      liquidity_pool: POOL_ID,
      cursor: 'GABC',
      limit: '21',
      order: 'asc',
    });
  });

  it('never asks for more than 200', () => {
    expect(pageQuery({ name: 'signer', value: COSIGNER_ID }, 200, undefined)).toEqual({ signer: COSIGNER_ID, limit: '200', order: 'asc' });
  });

  it.each([
    [21, 20, true],
    [20, 20, false],
    [3, 20, false],
    [200, 200, true],
    [199, 200, false],
  ])('with %i records for a page of %i, says hasNextPage is %s', (received, size, expected) => {
    expect(hasMore(received, size)).toBe(expected);
  });
});

describe('listStellarAccounts over HTTP', () => {
  let sim: RunningSimulator;
  let client: UpstreamClient;
  beforeAll(async () => {
    sim = await startSimulator(simulator.create());
    client = testClient('STELLAR', sim.url);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });

  it('primes the request’s loader, so a listed account is never fetched again', async () => {
    const source = createStellarSource(client);
    const on: ProviderCall<'STELLAR'> = {
      provider: 'STELLAR',
      source,
      client,
      cursors: new CursorCodec('test'),
      partial: new PartialResults(() => 'Stellar'),
    };
    const page = await listStellarAccounts(on, { signer: COSIGNER_ID, first: 5 });
    expect(page.nodes).toHaveLength(5);
    sim.reset();
    const again = await Promise.all(page.nodes.map((node) => source.account(node.nativeId)));
    expect(again.map((a) => a.id)).toEqual(page.nodes.map((n) => n.id));
    expect(sim.requests).toHaveLength(0);
  });
});
