// The Taler simulator's long-polled history over real HTTP, as libeufin-bank's poolHistory: a positive limit with
// `timeout_ms` (v5+) or `long_poll_ms` (0.11.x, with delta/start) waits on an empty page and answers as soon as a row
// of that account after the offset is booked, else 204 when the wait is over; bad waits are 400 (code 26).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../shared/server.js';
import { TALER_ADMIN_PASSWORD } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator | undefined;
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const ADMIN = basic('admin', TALER_ADMIN_PASSWORD);

beforeEach(async () => {
  sim = await startSimulator(simulator.create());
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

interface Row {
  row_id: number;
  direction: string;
  amount: string;
  subject: string;
}

async function get(path: string, authorization = ADMIN, signal?: AbortSignal) {
  const started = Date.now();
  const response = await fetch(`${sim!.url}${path}`, { headers: { authorization }, signal });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as { transactions?: Row[]; code?: number; hint?: string }) : undefined,
    ms: Date.now() - started,
  };
}

const post = (path: string, body: unknown, authorization?: string) =>
  fetch(`${sim!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

const lastRow = async (username: string): Promise<number> =>
  (await get(`/accounts/${username}/transactions?limit=-1`)).body!.transactions![0]!.row_id;
const later = (ms: number, action: () => Promise<unknown>) => new Promise((resolve) => setTimeout(() => resolve(action()), ms));

describe('the Taler simulator’s long-polled history', () => {
  it('with timeout_ms answers as soon as a transfer to the account is booked, with just the new row', async () => {
    const after = await lastRow('bob');
    const [poll] = await Promise.all([
      get(`/accounts/bob/transactions?limit=5&offset=${after}&timeout_ms=10000`),
      later(150, () => post('/__simulator/transfers', { debtor: 'alice', creditor: 'bob', amount: 'EUR:1.25', subject: 'Long-poll test' })),
    ]);
    expect(poll.status).toBe(200);
    expect(poll.body!.transactions!.map((row) => [row.direction, row.amount, row.subject])).toEqual([['credit', 'EUR:1.25', 'Long-poll test']]);
    expect(poll.body!.transactions![0]!.row_id).toBeGreaterThan(after);
    expect(poll.ms).toBeGreaterThanOrEqual(140);
    expect(poll.ms).toBeLessThan(5_000);
  });

  it('with long_poll_ms and delta/start (libeufin-bank 0.11) wakes on the holder’s own transfer, the debtor’s row', async () => {
    const after = await lastRow('alice');
    const bob = (await (await fetch(`${sim!.url}/accounts/bob`, { headers: { authorization: ADMIN } })).json()) as { payto_uri: string };
    const target = `${bob.payto_uri.split('?')[0]}?message=${encodeURIComponent('Rent')}&amount=EUR:2.00000001`;
    const [poll, sent] = await Promise.all([
      get(`/accounts/alice/transactions?delta=3&start=${after}&long_poll_ms=10000`, basic('alice', 'alice-password')),
      later(150, () => post('/accounts/alice/transactions', { payto_uri: target }, basic('alice', 'alice-password'))),
    ]);
    expect((sent as Response).status).toBe(200);
    expect(poll.status).toBe(200);
    expect(poll.body!.transactions!.map((row) => [row.direction, row.amount, row.subject])).toEqual([['debit', 'EUR:2.00000001', 'Rent']]);
    expect(poll.ms).toBeLessThan(5_000);
  });

  it('answers 204 when the wait is over, and a transfer between other accounts does not wake it', async () => {
    const after = await lastRow('bob');
    const [poll] = await Promise.all([
      get(`/accounts/bob/transactions?limit=2&offset=${after}&timeout_ms=400`),
      later(100, () => post('/__simulator/transfers', { debtor: 'alice', creditor: 'exchange', amount: 'EUR:1', subject: 'elsewhere' })),
    ]);
    expect(poll.status).toBe(204);
    expect(poll.body).toBeUndefined();
    expect(poll.ms).toBeGreaterThanOrEqual(390);
    const legacy = await get(`/accounts/bob/transactions?delta=2&start=${after}&long_poll_ms=250`);
    expect(legacy.status).toBe(204);
    expect(legacy.ms).toBeGreaterThanOrEqual(240);
  });

  it('does not wait when rows are there already, when the limit is negative or when no wait is asked', async () => {
    for (const query of ['limit=2&timeout_ms=10000', 'limit=-2&timeout_ms=10000', `limit=2&offset=${await lastRow('bob')}`]) {
      const reply = await get(`/accounts/bob/transactions?${query}`);
      expect(reply.ms).toBeLessThan(2_000);
      expect([200, 204]).toContain(reply.status);
    }
  });

  it('refuses a negative or malformed wait as libeufin-bank does (400, code 26, named after the parameter)', async () => {
    expect((await get('/accounts/bob/transactions?limit=2&timeout_ms=-1')).body).toEqual({
      code: 26,
      hint: "Param 'timeout_ms' must be a positive number",
    });
    expect((await get('/accounts/bob/transactions?delta=2&long_poll_ms=-5')).body).toEqual({
      code: 26,
      hint: "Param 'long_poll_ms' must be a positive number",
    });
    const malformed = await get('/accounts/bob/transactions?limit=2&long_poll_ms=soon');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ code: 26, hint: "Param 'long_poll_ms' not a number" });
  });

  it('lets a waiting client go, and closes with a poll still waiting', async () => {
    const after = await lastRow('bob');
    const controller = new AbortController();
    const abandoned = get(`/accounts/bob/transactions?limit=1&offset=${after}&timeout_ms=60000`, ADMIN, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(abandoned).rejects.toThrow();
    const waiting = get(`/accounts/bob/transactions?limit=1&offset=${after}&timeout_ms=60000`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sim!.close();
    sim = undefined;
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(waiting).rejects.toThrow();
  });
});
