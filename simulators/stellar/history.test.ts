// The Horizon simulator's history routes over HTTP: the payments stream's paging as Horizon's (order, limit, cursor,
// its 400s and 404), one operation and its effects, the recording route; and every field it answers with appears
// with the same JSON type in the stored real payloads (src/providers/stellar/testdata/payments-*.json), read as data.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, UNKNOWN_ACCOUNT_ID } from './fixtures.js';
import { MERGED_ACCOUNT_ID } from './history.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

type Shape = Map<string, Set<string>>;
function shapeOf(value: unknown, shape: Shape = new Map(), path = ''): Shape {
  const types = shape.get(path) ?? new Set<string>();
  shape.set(path, types);
  if (value === null) return shape;
  if (Array.isArray(value)) {
    types.add('array');
    for (const item of value) shapeOf(item, shape, `${path}[]`);
  } else if (typeof value === 'object') {
    types.add('object');
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) shapeOf(item, shape, path ? `${path}.${key}` : key);
  } else types.add(typeof value);
  return shape;
}
const merged = (values: unknown[]): Shape => {
  const shape: Shape = new Map();
  for (const value of values) shapeOf(value, shape);
  return shape;
};
const stored = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../src/providers/stellar/testdata/${name}`, import.meta.url), 'utf8'));
function inventions(simulated: Shape, real: Shape): string[] {
  const found: string[] = [];
  for (const [path, types] of simulated) {
    const known = real.get(path);
    if (!known) found.push(`${path}: not in any real payload`);
    else for (const type of types) if (known.size > 0 && !known.has(type)) found.push(`${path}: ${type}`);
  }
  return found;
}

interface Page {
  _links: { next: { href: string } };
  _embedded: { records: Array<{ id: string; paging_token: string; type: string; transaction?: { memo_type: string } }> };
}
const get = async (path: string) => {
  const response = await fetch(`${sim.url}${path}`);
  return { status: response.status, body: (await response.json()) as Page & Record<string, unknown> };
};

describe('the Horizon simulator’s payments stream', () => {
  it('pages an account’s movements by paging token, newest first or oldest first, to the end', async () => {
    const tokens: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const { status, body } = await get(`/accounts/${TRADER_ACCOUNT_ID}/payments?order=desc&limit=10&cursor=${cursor}`);
      expect(status).toBe(200);
      const records = body._embedded.records;
      tokens.push(...records.map((record) => record.paging_token));
      if (records.length < 10) break;
      cursor = records.at(-1)!.paging_token;
      expect(body._links.next.href).toContain(`cursor=${cursor}`);
    }
    expect(tokens).toHaveLength(25);
    const ascending = (await get(`/accounts/${TRADER_ACCOUNT_ID}/payments?limit=200`)).body._embedded.records.map((r) => r.paging_token);
    expect(ascending).toStrictEqual([...tokens].reverse());
    expect([...tokens].sort((a, b) => (BigInt(a) < BigInt(b) ? 1 : -1))).toStrictEqual(tokens);
    const types = new Set((await get(`/accounts/${TRADER_ACCOUNT_ID}/payments?limit=200`)).body._embedded.records.map((r) => r.type));
    expect([...types].sort()).toStrictEqual([
      'account_merge',
      'create_account',
      'path_payment_strict_receive',
      'path_payment_strict_send',
      'payment',
    ]);
  });

  it('joins transactions only when asked, keeps a merged account’s history, and answers Horizon’s 400s and 404', async () => {
    const plain = await get(`/accounts/${SEED_ACCOUNT_ID}/payments`);
    expect(plain.body._embedded.records.every((record) => record.transaction === undefined)).toBe(true);
    const joined = await get(`/accounts/${SEED_ACCOUNT_ID}/payments?join=transactions`);
    expect(joined.body._embedded.records.map((record) => record.transaction?.memo_type)).toStrictEqual(['text', 'text', 'text']);
    expect((await get(`/accounts/${MERGED_ACCOUNT_ID}/payments`)).body._embedded.records.map((r) => r.type)).toStrictEqual(['account_merge']);
    expect((await get(`/accounts/${UNKNOWN_ACCOUNT_ID}/payments`)).status).toBe(404);
    expect((await get(`/accounts/GABC/payments`)).status).toBe(400);
    expect((await get(`/accounts/${SEED_ACCOUNT_ID}/payments?limit=201`)).status).toBe(400);
    expect((await get(`/accounts/${SEED_ACCOUNT_ID}/payments?order=up`)).status).toBe(400);
    expect((await get(`/accounts/${SEED_ACCOUNT_ID}/payments?cursor=abc`)).status).toBe(400);
  });

  it('answers with no field the stored Horizon payloads do not have, of the same JSON types', async () => {
    const records = (await get(`/accounts/${TRADER_ACCOUNT_ID}/payments?limit=200&join=transactions`)).body;
    const merge = records._embedded.records.find((record) => record.type === 'account_merge')!;
    const effects = (await get(`/operations/${merge.id}/effects`)).body;
    const one = (await get(`/operations/${merge.id}?join=transactions`)).body;
    expect(effects._embedded.records.map((effect) => effect.type)).toStrictEqual(['account_debited', 'account_credited', 'account_removed']);
    const real = merged(
      ['0.15-protocol-10', '1.2-protocol-13', '2.8-protocol-18', '22-protocol-22'].map((family) => stored(`payments-horizon-${family}.json`)),
    );
    const realRecord = merged(
      ['0.15-protocol-10', '1.2-protocol-13', '2.8-protocol-18', '22-protocol-22'].flatMap(
        (family) => (stored(`payments-horizon-${family}.json`) as Page)._embedded.records,
      ),
    );
    expect(inventions(shapeOf(records), real)).toStrictEqual([]);
    expect(inventions(shapeOf(one), realRecord)).toStrictEqual([]);
    expect(inventions(shapeOf(effects), shapeOf(stored('effects-account-merge.json')))).toStrictEqual([]);
  });

  it('records a payment as the newest movement of both accounts, refusing what Horizon would refuse', async () => {
    const post = (body: unknown) =>
      fetch(`${sim.url}/simulator/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '0.5000000', memo: 'tip' });
    expect(created.status).toBe(201);
    const record = (await created.json()) as { id: string; amount: string };
    for (const account of [SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID]) {
      const newest = (await get(`/accounts/${account}/payments?order=desc&limit=1`)).body._embedded.records[0]!;
      expect(newest.id).toBe(record.id);
    }
    expect((await post({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '0.5' })).status).toBe(400);
    expect((await post({ from: SEED_ACCOUNT_ID, to: UNKNOWN_ACCOUNT_ID, amount: '0.5000000' })).status).toBe(400);
    expect((await post({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '999999.0000000' })).status).toBe(400);
  });
});
