// The Horizon simulator's `GET /accounts`: its checks in Horizon's order, exact problem bodies, HAL links, paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { COSIGNER_ID, ISSUER_ACCOUNT_ID, MEMBER_COUNT, SPONSOR_ID } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

async function get(query: string) {
  const response = await fetch(`${sim.url}/accounts?${query}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const badRequest = (invalid_field: string, reason: string) => ({
  type: 'https://stellar.org/horizon-errors/bad_request',
  title: 'Bad Request',
  status: 400,
  detail: 'The request you sent was invalid in some way.',
  extras: { invalid_field, reason },
});

describe('the Horizon simulator’s account list', () => {
  it.each([
    ['no filter', ''],
    ['two filters', `signer=${COSIGNER_ID}&sponsor=${SPONSOR_ID}`],
    ['empty filters only', 'signer=&asset='],
  ])('answers %s with invalid_accounts_params, pretty-printed problem JSON', async (_what, query) => {
    const { status, type, text } = await get(query);
    expect(status).toBe(400);
    expect(type).toBe('application/problem+json; charset=utf-8');
    expect(text).toContain('\n  "type"');
    expect(JSON.parse(text)).toEqual({
      type: 'https://stellar.org/horizon-errors/invalid_accounts_params',
      title: 'Invalid Accounts Parameters',
      status: 400,
      detail: 'Exactly one filter is required. Please ensure that you are including a signer, sponsor, asset, or liquidity pool filter.',
    });
  });

  it.each([
    ['limit=abc', 'limit', 'unparseable value'],
    ['limit=0', 'limit', 'invalid limit: non-positive value provided'],
    ['limit=201', 'limit', 'invalid limit: value provided that is over limit max of 200'],
    ['asset=native', 'asset', "you can't filter by asset: native"],
    ['asset=USD', 'asset', 'Asset must be the string "native" or a string of the form "Code:IssuerAccountID" for issued assets.'],
    ['signer=GABC', 'signer', 'Account ID must start with `G` and contain 56 alphanum characters'],
  ])('answers %s with bad_request naming the field', async (query, field, reason) => {
    const filter = query.startsWith('limit') ? `&signer=${COSIGNER_ID}` : '';
    const { status, text } = await get(`${query}${filter}`);
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual(badRequest(field, reason));
  });

  it('pages by account id with HAL links whose next cursor is the last record’s paging token', async () => {
    const first = JSON.parse((await get(`signer=${COSIGNER_ID}&limit=20`)).text);
    const records = first._embedded.records as Array<{ id: string; paging_token: string }>;
    expect(records).toHaveLength(20);
    expect(records.map((r) => r.id)).toEqual([...records.map((r) => r.id)].sort());
    const last = records.at(-1)?.paging_token ?? '';
    expect(first._links.self.href).toBe(`${sim.url}/accounts?cursor=&limit=20&order=asc&signer=${COSIGNER_ID}`);
    expect(first._links.next.href).toBe(`${sim.url}/accounts?cursor=${last}&limit=20&order=asc&signer=${COSIGNER_ID}`);
    expect(first._links.prev.href).toBe(`${sim.url}/accounts?cursor=${records[0]?.id}&limit=20&order=desc&signer=${COSIGNER_ID}`);
    let cursor = last;
    let seen = records.length;
    for (;;) {
      const page = JSON.parse((await get(`signer=${COSIGNER_ID}&limit=20&cursor=${cursor}`)).text);
      const next = page._embedded.records as Array<{ id: string }>;
      seen += next.length;
      if (next.length < 20) break;
      cursor = next.at(-1)?.id ?? '';
    }
    expect(seen).toBe(MEMBER_COUNT + 2);
  });

  it('defaults to 10 records and lists an asset’s holders, descending on request', async () => {
    const page = JSON.parse((await get(`asset=GOLDBAR:${ISSUER_ACCOUNT_ID}&order=desc`)).text);
    const ids = (page._embedded.records as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toHaveLength(10);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(page._links.self.href).toContain(`asset=GOLDBAR%3A${ISSUER_ACCOUNT_ID}`);
  });
});
