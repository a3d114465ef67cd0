// Horizon's payments stream read as Horizon 22 writes its records (testdata/payments-horizon-22-protocol-22.json, one
// record per `data:`): a payment becomes a movement; a record the gateway cannot read exactly (an invoke_host_function
// transfer, as on the activity query; a broken amount) or an event that is not JSON is left out and counted, never guessed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ErrorCode, GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import type { ServerSentEvent } from '../../upstream/eventStream.js';
import type { LiveBatch } from '../../live/types.js';
import { stellarLive } from './live.js';

const page = JSON.parse(readFileSync(new URL('./testdata/payments-horizon-22-protocol-22.json', import.meta.url), 'utf8')) as {
  _embedded: { records: Array<Record<string, unknown>> };
};
const [invoke, payment] = page._embedded.records as [Record<string, unknown>, Record<string, unknown>];
const ACCOUNT = payment.from as string;

function clientSending(events: ServerSentEvent[]): ProviderClient & { reported: unknown[]; asked: unknown[] } {
  const reported: unknown[] = [];
  const asked: unknown[] = [];
  return {
    provider: 'STELLAR',
    label: 'Stellar',
    reported,
    asked,
    error: (code: ErrorCode, message: string) => new GatewayError(code, message, { provider: 'STELLAR' }),
    reportWire: (issue: unknown) => void reported.push(issue),
    events: async (segments: readonly string[], options: unknown) => {
      asked.push({ segments, options });
      return (async function* () {
        yield* events;
      })();
    },
    get: () => Promise.reject(new Error('no reads here')),
    fetch: () => Promise.reject(new Error('no reads here')),
    send: () => Promise.reject(new Error('no changes here')),
  } as unknown as ProviderClient & { reported: unknown[]; asked: unknown[] };
}

const event = (id: string | undefined, data: string, name?: string): ServerSentEvent => ({ id, event: name, data });

async function batchesOf(client: ProviderClient, from?: string): Promise<LiveBatch[]> {
  const batches: LiveBatch[] = [];
  const signal = new AbortController().signal;
  for await (const batch of stellarLive.follow(client, ACCOUNT, from, { signal, pollIntervalMs: 100, timeoutMs: 1_000 })) batches.push(batch);
  return batches;
}

describe('stellarLive.follow', () => {
  it('reads a payment exactly, and counts what it cannot read exactly as left out', async () => {
    const broken = { ...payment, paging_token: '231928242573938690', id: '231928242573938690', amount: '12.3.4' };
    const client = clientSending([
      event(undefined, '"hello"', 'open'),
      event(String(payment.paging_token), JSON.stringify(payment)),
      event(String(invoke.paging_token), JSON.stringify(invoke)),
      event(broken.paging_token, JSON.stringify(broken)),
      event('231928242573938691', '{not json'),
      event(undefined, '"byebye"', 'close'),
    ]);
    const batches = await batchesOf(client);
    expect(batches.map((batch) => [batch.position, batch.entries.map((entry) => entry.amount), batch.omitted ?? 0])).toEqual([
      [undefined, [], 0],
      [payment.paging_token, ['-922337203685.4775807'], 0],
      [invoke.paging_token, [], 1],
      ['231928242573938690', [], 1],
      ['231928242573938691', [], 1],
    ]);
    expect(client.reported.length).toBeGreaterThanOrEqual(3);
  });

  it('starts from now, and resumes from the last position it was given', async () => {
    const fresh = clientSending([]);
    await batchesOf(fresh);
    const resumed = clientSending([]);
    await batchesOf(resumed, '42');
    const cursorOf = (client: { asked: unknown[] }) => (client.asked[0] as { options: { query: { cursor: string } } }).options.query.cursor;
    expect([cursorOf(fresh), cursorOf(resumed)]).toEqual(['now', '42']);
  });
});
