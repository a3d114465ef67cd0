// createGateway builds without listening: operations run in-process (Apollo's executeOperation), with the same
// per-request context as /graphql; startGateway (createGateway + listen) still serves real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { createGateway, startGateway, type Gateway } from './server.js';
import { startSimulators, type SimulatorFleet } from '../simulators/index.js';

let fleet: SimulatorFleet;
let gateway: Gateway;

const quiet = pino({ level: 'silent' });
const single = (response: Awaited<ReturnType<Gateway['execute']>>) => {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
};

beforeAll(async () => {
  fleet = await startSimulators();
  gateway = await createGateway(loadConfig({ ...fleet.env, PORT: '0', GATEWAY_AUTH: 'none', STELLAR_CACHE_TTL_MS: '0' }), { logger: quiet });
});
afterAll(async () => {
  await gateway?.close();
  await fleet?.close();
});

describe('createGateway', () => {
  it('builds the gateway without listening', () => {
    expect(gateway.httpServer.listening).toBe(false);
  });

  it('answers an operation in-process, each distinct account fetched once', async () => {
    const ids = fleet.sampleIds.filter((id) => id.startsWith('taler:')).slice(0, 2);
    expect(ids).toHaveLength(2);
    fleet.reset();
    const result = single(
      await gateway.execute({
        query: 'query ($ids: [ID!]!) { accounts(ids: $ids) { __typename id provider } again: accounts(ids: $ids) { id } }',
        variables: { ids },
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      accounts: ids.map((id) => ({ __typename: 'TalerAccount', id, provider: 'TALER' })),
      again: ids.map((id) => ({ id })),
    });
    expect(fleet.byProvider.TALER.requests).toHaveLength(2);
  });

  it('gives each in-process operation its own loaders, so a second operation reads the provider again', async () => {
    const id = fleet.sampleIds.find((sample) => sample.startsWith('stellar:'))!;
    fleet.reset();
    for (let i = 0; i < 2; i++) expect(single(await gateway.execute({ query: `{ account(id: "${id}") { id } }` })).errors).toBeUndefined();
    expect(fleet.byProvider.STELLAR.requests).toHaveLength(2);
  });

  it('answers an id of an unknown prefix with BAD_USER_INPUT and no upstream call', async () => {
    fleet.reset();
    const result = single(await gateway.execute({ query: '{ account(id: "paypal:alice") { id } }' }));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fleet.totalRequests()).toBe(0);
  });
});

describe('startGateway', () => {
  it('listens, serves /graphql over HTTP, and closes', async () => {
    const running = await startGateway(loadConfig({ ...fleet.env, PORT: '0', GATEWAY_AUTH: 'none' }), { logger: quiet });
    try {
      const response = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ account(id: "taler:alice") { id } }' }),
      });
      expect(await response.json()).toEqual({ data: { account: { id: 'taler:alice' } } });
    } finally {
      await running.close();
    }
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });
});
