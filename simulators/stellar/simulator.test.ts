// The Horizon simulator's account route over HTTP: HAL links on its own base URL, Latest-Ledger, and Horizon's problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { SEED_ACCOUNT_ID, UNKNOWN_ACCOUNT_ID } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

describe('the Horizon simulator', () => {
  it('answers an account with HAL links on its own base URL and the Latest-Ledger header', async () => {
    const response = await fetch(`${sim.url}/accounts/${SEED_ACCOUNT_ID}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/hal+json; charset=utf-8');
    expect(response.headers.get('latest-ledger')).toMatch(/^\d+$/);
    const body = (await response.json()) as { _links: { self: { href: string }; data: { href: string; templated: boolean } }; paging_token: string };
    expect(body._links.self.href).toBe(`${sim.url}/accounts/${SEED_ACCOUNT_ID}`);
    expect(body._links.data).toStrictEqual({ href: `${sim.url}/accounts/${SEED_ACCOUNT_ID}/data/{key}`, templated: true });
    expect(body.paging_token).toBe(SEED_ACCOUNT_ID);
  });

  it("answers a malformed id with Horizon's 400 problem, pretty-printed", async () => {
    const response = await fetch(`${sim.url}/accounts/GABC`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const text = await response.text();
    expect(text).toBe(
      JSON.stringify(
        {
          type: 'https://stellar.org/horizon-errors/bad_request',
          title: 'Bad Request',
          status: 400,
          detail: 'The request you sent was invalid in some way.',
          extras: { invalid_field: 'account_id', reason: 'Account ID must start with `G` and contain 56 alphanum characters' },
        },
        null,
        2,
      ),
    );
  });

  it.each([
    ['an unknown account', `/accounts/${UNKNOWN_ACCOUNT_ID}`],
    ['an unknown route', '/ledgers'],
  ])("answers %s with Horizon's 404 problem, double spaces included", async (_name, path) => {
    const response = await fetch(`${sim.url}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await response.json()).toStrictEqual({
      type: 'https://stellar.org/horizon-errors/not_found',
      title: 'Resource Missing',
      status: 404,
      detail:
        'The resource at the url requested was not found.  This usually occurs for one of two reasons:  The url requested is not valid, or no data in our database could be found with the parameters provided.',
    });
  });

  it('points the gateway at itself through STELLAR_URL', () => {
    expect(simulator.env('http://127.0.0.1:1234')).toStrictEqual({ STELLAR_URL: 'http://127.0.0.1:1234' });
  });
});
