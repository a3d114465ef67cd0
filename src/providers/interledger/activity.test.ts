// Interledger activity paging without HTTP: positions that survive payments coming in at the front, and the mapping's
// signs, against a connector list held in memory (the end-to-end tests send the same over HTTP).
import { describe, expect, it } from 'vitest';
import { type ErrorCode, GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { CONNECTOR_PAGE_SIZE, paymentsPage, toStreamPayment } from './activity.js';

/** A connector holding `list` (newest first), answering `?page=` as StreamPaymentController does; calls recorded. */
function connector(list: Array<Record<string, unknown>>) {
  const calls: string[] = [];
  const client = {
    provider: 'INTERLEDGER',
    label: 'Interledger',
    error: (code: ErrorCode, message: string) => new GatewayError(code, message, { provider: 'INTERLEDGER' }),
    reportWire: () => undefined,
    fetch: async (segments: readonly string[], options: { query?: Record<string, string> } = {}) => {
      const page = Number(options.query?.page ?? '0');
      calls.push(`${segments.join('/')}?page=${page}`);
      const payments = list.slice(page * CONNECTOR_PAGE_SIZE, (page + 1) * CONNECTOR_PAGE_SIZE);
      return { body: { payments, pageNumber: String(page), pageSize: String(CONNECTOR_PAGE_SIZE) }, fetchedAt: '', cached: false };
    },
    get: async () => ({}),
    send: async () => ({ status: 200, body: undefined }),
  } as unknown as ProviderClient;
  return { client, calls };
}

let clock = Date.parse('2021-01-01T00:00:00Z');
const payment = (n: number) => ({
  streamPaymentId: `p${n}`,
  amount: n % 2 ? `-${n}` : `${n}`,
  assetCode: 'USD',
  assetScale: '2',
  type: n % 2 ? 'PAYMENT_SENT' : 'PAYMENT_RECEIVED',
  destinationAddress: `test.d${n}`,
  createdAt: new Date((clock += 1000)).toISOString(),
});

describe('paymentsPage', () => {
  it('goes on after the last entry shown however many payments came in at the front since', async () => {
    for (const arrivals of [0, 1, 7, 99, 100, 150]) {
      const history = Array.from({ length: 160 }, (_, i) => payment(i)).reverse();
      const { client } = connector(history);
      const first = await paymentsPage(client, 'alice', { size: 40 });
      const shown = first.entries.map((e) => e.entry.streamPaymentId);
      // New payments, all newer than anything shown, push every offset down.
      for (let i = 0; i < arrivals; i++) history.unshift(payment(1000 + i));
      const next = await paymentsPage(client, 'alice', { size: 40, after: first.entries.at(-1)!.position });
      const expected = Array.from({ length: 160 }, (_, i) => `p${159 - i}`).slice(40, 80);
      expect(
        next.entries.map((e) => e.entry.streamPaymentId),
        `${arrivals} arrivals`,
      ).toEqual(expected);
      expect(shown).toEqual(Array.from({ length: 40 }, (_, i) => `p${159 - i}`));
    }
  });

  it('reads a second connector page only when the gateway page crosses into it', async () => {
    const { client, calls } = connector(Array.from({ length: 130 }, (_, i) => payment(i)).reverse());
    const first = await paymentsPage(client, 'alice', { size: 90 });
    expect(calls).toEqual(['accounts/alice/payments?page=0']);
    const second = await paymentsPage(client, 'alice', { size: 20, after: first.entries.at(-1)!.position });
    expect(calls.slice(1)).toEqual(['accounts/alice/payments?page=0', 'accounts/alice/payments?page=1']);
    expect(second.entries).toHaveLength(20);
    expect(second.hasMore).toBe(true);
  });
});

describe('toStreamPayment', () => {
  const base = { streamPaymentId: 'x', amount: '-1', assetCode: 'USD', assetScale: 2, createdAt: '2021-01-01T00:00:00Z' };
  it('signs by the type, whatever sign the connector wrote, and by the sign when the type is unknown', () => {
    expect(toStreamPayment('a', { ...base, type: 'PAYMENT_SENT', amount: '250' })).toMatchObject({ direction: 'DEBIT', amount: '-2.5' });
    expect(toStreamPayment('a', { ...base, type: 'PAYMENT_RECEIVED', amount: '-250' })).toMatchObject({ direction: 'CREDIT', amount: '2.5' });
    expect(toStreamPayment('a', { ...base, type: 'REFUND', amount: '-250' })).toMatchObject({ direction: 'DEBIT', type: 'OTHER', typeRaw: 'REFUND' });
    expect(toStreamPayment('a', { ...base, type: null, amount: '0' })).toMatchObject({
      direction: 'CREDIT',
      amount: '0',
      type: 'OTHER',
      typeRaw: null,
    });
  });
  it('keeps a payment id that is not a plain word usable in an activity id', () => {
    expect(toStreamPayment('a', { ...base, streamPaymentId: 'a:b/c' }).id).toBe('activity:interledger:a:a%3Ab%2Fc');
  });
});
