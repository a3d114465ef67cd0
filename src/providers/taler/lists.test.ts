// The Taler list over real HTTP: listed accounts prime the request's loader; a 204 is an empty page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CursorCodec } from '../../cursor.js';
import type { ProviderCall } from '../shared/resolve.js';
import { PartialResults } from '../../partialResults.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import { TALER_ADMIN_PASSWORD } from '../../../simulators/taler/fixtures.js';
import { taler } from './index.js';
import { listTalerAccounts } from './lists.js';
import { simulator } from '../../../simulators/taler/simulator.js';
import { testClient } from '../../../test/support/clients.js';

let sim: RunningSimulator;
let client: UpstreamClient;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
  client = testClient('TALER', sim.url, { authorization: `Basic ${Buffer.from(`admin:${TALER_ADMIN_PASSWORD}`).toString('base64')}` });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

const INFO = { path: { prev: undefined, key: 'talerAccounts', typename: 'Query' } };

const contextFor = () => {
  const source = taler.createSource(client);
  const on: ProviderCall<'TALER'> = {
    provider: 'TALER',
    source,
    client,
    cursors: new CursorCodec('test'),
    partial: new PartialResults(() => 'Taler'),
  };
  return { source, on };
};

describe('listTalerAccounts', () => {
  it('primes the request’s loader, so a listed account is not fetched again', async () => {
    const { source, on } = contextFor();
    const page = await listTalerAccounts(on, { first: 4 }, INFO);
    expect(page.nodes.map((n) => n.nativeId)).toEqual(['admin', 'alice', 'bob', 'exchange']);
    expect(page.nodes.every((n) => n.listed)).toBe(true);
    sim.reset();
    await Promise.all(page.nodes.map((n) => source.account(n.nativeId)));
    expect(sim.requests).toHaveLength(0);
  });

  it('reads a 204 as an empty last page', async () => {
    const { on } = contextFor();
    const page = await listTalerAccounts(on, { filterName: 'no such name' }, INFO);
    expect(page).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });
});
