// The Horizon simulator's payments stream over real HTTP, as Horizon's render/sse writes it: the headers, the hello
// preamble and close event byte for byte, records as `id:` + compact `data:` equal to the JSON page's records,
// `cursor=now`, `Last-Event-ID` resume, live payments on both parties' streams exactly once and in order, the
// stream limit and lifetime, and the simulator's drop route and close() with streams open.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../shared/server.js';
import { NEW_ACCOUNT_ID, SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID } from './fixtures.js';
import { createStellarSimulator } from './simulator.js';
import { CLOSE_EVENT, goJson, negotiate, OPEN_EVENT } from './stream.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(streamLifetimeMs?: number): Promise<RunningSimulator> {
  sim = await startSimulator(createStellarSimulator(streamLifetimeMs === undefined ? {} : { streamLifetimeMs }));
  return sim;
}

/** An open SSE response read incrementally: the text so far, and waits for more. */
interface Reader {
  res: Response;
  text: string;
  /** Reads until `predicate(text)` holds; rejects if the stream ends first or after 5 s. */
  until(predicate: (text: string) => boolean): Promise<string>;
  /** Reads until the response ends. */
  rest(): Promise<string>;
  cancel(): Promise<void>;
}

async function open(url: string, headers: Record<string, string> = {}): Promise<Reader> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  const body = res.body!.getReader();
  const decoder = new TextDecoder();
  const reader: Reader = {
    res,
    text: '',
    async until(predicate) {
      const deadline = Date.now() + 5_000;
      while (!predicate(reader.text)) {
        if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(reader.text)}`);
        const chunk = await body.read();
        if (chunk.done) throw new Error(`stream ended; got ${JSON.stringify(reader.text)}`);
        reader.text += decoder.decode(chunk.value, { stream: true });
      }
      return reader.text;
    },
    async rest() {
      for (;;) {
        const chunk = await body.read();
        if (chunk.done) return reader.text;
        reader.text += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => body.cancel(),
  };
  return reader;
}

/** The data events of a stream's text: id and parsed data, in order. */
function events(text: string): Array<{ id: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('id: '))
    .map((block) => {
      const [idLine = '', dataLine = '', ...others] = block.split('\n');
      expect(others).toEqual([]);
      expect(dataLine.startsWith('data: {')).toBe(true);
      return { id: idLine.slice('id: '.length), data: JSON.parse(dataLine.slice('data: '.length)) as Record<string, unknown> };
    });
}

const pay = (s: RunningSimulator, from: string, to: string, amount: string) =>
  fetch(`${s.url}/simulator/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to, amount }),
  });

const openCount = async (s: RunningSimulator): Promise<number> =>
  ((await (await fetch(`${s.url}/__simulator/streams`)).json()) as { open: number }).open;

const paymentsUrl = (s: RunningSimulator, account: string, query: string) => `${s.url}/accounts/${account}/payments?${query}`;

describe('Horizon payments stream', () => {
  it('answers with Horizon headers, the hello preamble, records after the cursor as the JSON page has them, and closes at the limit', async () => {
    const s = await start();
    const page = (await (await fetch(paymentsUrl(s, TRADER_ACCOUNT_ID, 'limit=5'))).json()) as {
      _embedded: { records: Array<Record<string, unknown> & { paging_token: string }> };
    };
    const records = page._embedded.records;
    const cursor = records[0]!.paging_token;
    const reader = await open(paymentsUrl(s, TRADER_ACCOUNT_ID, `cursor=${cursor}&limit=4`));
    expect(reader.res.status).toBe(200);
    expect(reader.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(reader.res.headers.get('cache-control')).toBe('no-cache');
    expect(reader.res.headers.get('connection')).toBe('keep-alive');
    expect(reader.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(reader.res.headers.get('latest-ledger')).toBeNull();
    const text = await reader.rest();
    const expected = records.slice(1, 5);
    expect(text).toBe(OPEN_EVENT + expected.map((r) => `id: ${r.paging_token}\ndata: ${goJson(r)}\n\n`).join('') + CLOSE_EVENT);
    expect(OPEN_EVENT).toBe('retry: 1000\nevent: open\ndata: "hello"\n\n');
    expect(CLOSE_EVENT).toBe('retry: 10\nevent: close\ndata: "byebye"\n\n');
    // Go's json.Marshal escapes `&` in the links, as Horizon's stream does.
    expect(text).toContain('effects?order=desc\\u0026cursor=');
    expect(events(text).map((e) => e.data)).toEqual(expected);
    expect(await openCount(s)).toBe(0);
  });

  it('with cursor=now sends only what is recorded later, on both parties’ streams, each payment once and in order', async () => {
    const s = await start();
    const trader = await open(paymentsUrl(s, TRADER_ACCOUNT_ID, 'cursor=now&limit=200'));
    const receiver = await open(paymentsUrl(s, NEW_ACCOUNT_ID, 'cursor=now&limit=200'));
    const seed = await open(paymentsUrl(s, SEED_ACCOUNT_ID, 'cursor=now&limit=200'));
    await Promise.all([trader, receiver, seed].map((r) => r.until((t) => t === OPEN_EVENT)));
    expect(await openCount(s)).toBe(3);
    const first = (await (await pay(s, TRADER_ACCOUNT_ID, NEW_ACCOUNT_ID, '1.2500000')).json()) as { id: string };
    const second = (await (await pay(s, NEW_ACCOUNT_ID, TRADER_ACCOUNT_ID, '0.0000001')).json()) as { id: string };
    const third = (await (await pay(s, SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, '3.0000000')).json()) as { id: string };
    const count = (text: string) => events(text).length;
    const traderEvents = events(await trader.until((t) => count(t) >= 3));
    const receiverEvents = events(await receiver.until((t) => count(t) >= 2));
    const seedEvents = events(await seed.until((t) => count(t) >= 1));
    // A moment more: nothing else arrives on any stream.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events(trader.text).map((e) => e.id)).toEqual([first.id, second.id, third.id]);
    expect(events(receiver.text).map((e) => e.id)).toEqual([first.id, second.id]);
    expect(events(seed.text).map((e) => e.id)).toEqual([third.id]);
    expect(BigInt(first.id) < BigInt(second.id) && BigInt(second.id) < BigInt(third.id)).toBe(true);
    expect(traderEvents[0]!.data).toMatchObject({ id: first.id, type: 'payment', from: TRADER_ACCOUNT_ID, to: NEW_ACCOUNT_ID, amount: '1.2500000' });
    expect(receiverEvents[1]!.data).toMatchObject({ id: second.id, amount: '0.0000001' });
    expect(seedEvents[0]!.data._links).toBeDefined();
    // Each event is exactly what the JSON operation route answers for it.
    const operation = await (await fetch(`${s.url}/operations/${first.id}`)).json();
    expect(traderEvents[0]!.data).toEqual(operation);
    await Promise.all([trader, receiver, seed].map((r) => r.cancel()));
  });

  it('resumes after Last-Event-ID, which overrides the cursor, and refuses a negative one as Horizon does', async () => {
    const s = await start();
    const all = (await (await fetch(paymentsUrl(s, TRADER_ACCOUNT_ID, 'limit=200'))).json()) as {
      _embedded: { records: Array<{ paging_token: string }> };
    };
    const tokens = all._embedded.records.map((r) => r.paging_token);
    const reader = await open(paymentsUrl(s, TRADER_ACCOUNT_ID, 'cursor=now&limit=3'), { 'last-event-id': tokens[9]! });
    const text = await reader.rest();
    expect(events(text).map((e) => e.id)).toEqual(tokens.slice(10, 13));
    expect(text.endsWith(CLOSE_EVENT)).toBe(true);
    const negative = await fetch(paymentsUrl(s, TRADER_ACCOUNT_ID, ''), { headers: { accept: 'text/event-stream', 'last-event-id': '-5' } });
    expect(negative.status).toBe(400);
    expect(negative.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(((await negative.json()) as { extras: unknown }).extras).toEqual({
      invalid_field: 'cursor',
      reason: 'the cursor -5 is a negative number: ',
    });
  });

  it('ends with the close event when Horizon’s connection timeout passes', async () => {
    const s = await start(200);
    const reader = await open(paymentsUrl(s, TRADER_ACCOUNT_ID, 'cursor=now'));
    expect(await reader.rest()).toBe(OPEN_EVENT + CLOSE_EVENT);
    expect(await openCount(s)).toBe(0);
  });

  it('counts open streams and drops them all abruptly, with no close event', async () => {
    const s = await start();
    const a = await open(paymentsUrl(s, TRADER_ACCOUNT_ID, 'cursor=now'));
    const b = await open(paymentsUrl(s, NEW_ACCOUNT_ID, 'cursor=now'));
    await Promise.all([a, b].map((r) => r.until((t) => t === OPEN_EVENT)));
    expect(await openCount(s)).toBe(2);
    const dropped = await fetch(`${s.url}/__simulator/streams/drop`, { method: 'POST' });
    expect(dropped.status).toBe(200);
    expect(await dropped.json()).toEqual({ dropped: 2 });
    await expect(a.rest()).rejects.toThrow();
    await expect(b.rest()).rejects.toThrow();
    expect(a.text).toBe(OPEN_EVENT);
    expect(await openCount(s)).toBe(0);
    // A payment after the drop goes nowhere and breaks nothing.
    expect((await pay(s, TRADER_ACCOUNT_ID, NEW_ACCOUNT_ID, '1.0000000')).status).toBe(201);
  });

  it('closes with streams open', async () => {
    const s = await start();
    const reader = await open(paymentsUrl(s, TRADER_ACCOUNT_ID, 'cursor=now'));
    await reader.until((t) => t === OPEN_EVENT);
    await s.close();
    sim = undefined;
    await expect(reader.rest()).rejects.toThrow();
  });

  it('keeps JSON pages for other Accept headers, and errors before the stream as plain problems', async () => {
    const s = await start();
    const json = await fetch(paymentsUrl(s, TRADER_ACCOUNT_ID, 'limit=1'), { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toBe('application/hal+json; charset=utf-8');
    const bad = await fetch(`${s.url}/accounts/GBAD/payments`, { headers: { accept: 'text/event-stream' } });
    expect(bad.status).toBe(400);
    expect(negotiate(undefined)).toBe('application/hal+json');
    expect(negotiate('*/*')).toBe('application/hal+json');
    expect(negotiate('text/event-stream')).toBe('text/event-stream');
    expect(negotiate('application/json;q=0.5, text/event-stream')).toBe('text/event-stream');
    expect(negotiate('text/html')).toBeUndefined();
  });
});
