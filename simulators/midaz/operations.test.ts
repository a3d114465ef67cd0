// The Midaz simulator's operations over HTTP: the shape Midaz v3.8 serialises (every field the real payloads in the
// gateway's testdata have, nothing else), Midaz's paging and date window, and transfers that move the books.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { MIDAZ_LEDGER_IDS, MIDAZ_NATIVE_IDS, MIDAZ_ORGANIZATION_ID } from './fixtures.js';
import { createMidazSimulator } from './simulator.js';

const real = JSON.parse(readFileSync(new URL('../../src/providers/midaz/testdata/operations-v3.8.json', import.meta.url), 'utf8')) as {
  items: Array<Record<string, unknown>>;
};
const operationsPath = (nativeId: string) => {
  const [org, ledger, account] = nativeId.split('/');
  return `/v1/organizations/${org}/ledgers/${ledger}/accounts/${account}/operations`;
};
const WIDE = 'start_date=2000-01-01&end_date=2100-01-01';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(createMidazSimulator({ now: () => new Date('2026-01-15T12:00:00Z') }));
});
afterAll(() => sim.close());
const get = async (path: string) => {
  const response = await fetch(`${sim.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('Midaz simulator operations', () => {
  it('serialises each operation with the fields of a real v3.8 payload, and no other', async () => {
    const { status, body } = await get(`${operationsPath(MIDAZ_NATIVE_IDS.onHold)}?limit=100&${WIDE}`);
    expect(status).toBe(200);
    expect(body.items).toHaveLength(26);
    const known = new Set(real.items.flatMap((item) => Object.keys(item)));
    for (const item of body.items as Array<Record<string, unknown>>) for (const key of Object.keys(item)) expect(known).toContain(key);
    expect(Object.keys(body.items[0].balance).sort()).toEqual(Object.keys(real.items[0]!.balance as object).sort());
  });

  it('searches only the last month without dates, and both dates or none', async () => {
    expect((await get(operationsPath(MIDAZ_NATIVE_IDS.onHold))).body.items).toEqual([]);
    expect((await get(`${operationsPath(MIDAZ_NATIVE_IDS.onHold)}?start_date=2000-01-01`)).status).toBe(400);
  });

  it('pages oldest first by default and newest first on request, with cursors of its own', async () => {
    const asc = await get(`${operationsPath(MIDAZ_NATIVE_IDS.onHold)}?limit=10&${WIDE}`);
    expect(asc.body.items[0].amount.value).toBe('5000.00');
    expect(asc.body.next_cursor).toEqual(expect.any(String));
    expect(asc.body.prev_cursor).toBeUndefined();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(
        `${operationsPath(MIDAZ_NATIVE_IDS.onHold)}?limit=10&sort_order=desc&${WIDE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(26);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect((await get(`${operationsPath(MIDAZ_NATIVE_IDS.onHold)}?cursor=%%%&${WIDE}`)).status).toBe(400);
  });

  it('lists nothing for an account it does not know, as Midaz checks none there', async () => {
    const unknown = `${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}/0198f3ff-0000-7000-8000-000000000000`;
    expect(await get(`${operationsPath(unknown)}?${WIDE}`)).toEqual({ status: 200, body: { items: [], limit: 10 } });
    expect((await get(`${operationsPath(unknown)}/0198f3ff-0000-7000-8000-000000000001`)).body.code).toBe('0069');
  });

  it('records a transfer: a DEBIT and a CREDIT, balances moved, refused when the sides do not add up', async () => {
    const post = (body: unknown) =>
      fetch(`${sim.url}/v1/organizations/${MIDAZ_ORGANIZATION_ID}/ledgers/${MIDAZ_LEDGER_IDS.brazil}/transactions/json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const transfer = (from: string, to: string) => ({
      description: 'Troco',
      send: {
        asset: 'BRL',
        value: '0.05',
        source: { from: [{ accountAlias: '@padaria_estrela', amount: { asset: 'BRL', value: from } }] },
        distribute: { to: [{ accountAlias: '@maria_oliveira', amount: { asset: 'BRL', value: to } }] },
      },
    });
    expect((await post(transfer('0.05', '0.04'))).status).toBe(400);
    const created = await post(transfer('0.05', '0.05'));
    expect(created.status).toBe(201);
    const { operations } = (await created.json()) as { operations: Array<Record<string, any>> };
    expect(operations.map((op) => [op.type, op.direction, op.amount.value, op.balance.available, op.balanceAfter.available])).toEqual([
      ['DEBIT', 'debit', '0.05', '1520.00', '1519.95'],
      ['CREDIT', 'credit', '0.05', '23212.31', '23212.36'],
    ]);
    const newest = await get(`${operationsPath(MIDAZ_NATIVE_IDS.twoKeys)}?limit=1&sort_order=desc&${WIDE}`);
    expect(newest.body.items[0].id).toBe(operations[0]!.id);
    const [org, ledger, account] = MIDAZ_NATIVE_IDS.twoKeys.split('/');
    const balances = await get(`/v1/organizations/${org}/ledgers/${ledger}/accounts/${account}/balances`);
    expect(balances.body.items.find((b: { key: string }) => b.key === 'default').available).toBe('1519.95');
  });
});
