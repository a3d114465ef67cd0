import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EventStreamError, isEventStream, readEvents } from './eventStream.js';

const collect = async (body: Readable, limits = { maxEventBytes: 1_000, idleTimeoutMs: 1_000 }, retry: { ms?: number } = {}) => {
  const events = [];
  for await (const event of readEvents(body, limits, retry)) events.push(event);
  return events;
};

describe('readEvents', () => {
  it("reads Horizon's preamble, records split anywhere (even inside a UTF-8 character) and its retry advice", async () => {
    const wire = 'retry: 1000\nevent: open\ndata: "hello"\n\nid: 42\ndata: {"memo":"café"}\n\nid: 43\ndata: {"n":1}\n\n';
    const bytes = Buffer.from(wire);
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const retry: { ms?: number } = {};
    expect(await collect(Readable.from(chunks), undefined, retry)).toEqual([
      { id: undefined, event: 'open', data: '"hello"' },
      { id: '42', event: undefined, data: '{"memo":"café"}' },
      { id: '43', event: undefined, data: '{"n":1}' },
    ]);
    expect(retry.ms).toBe(1000);
  });

  it('refuses an event larger than the cap, even one that never ends', async () => {
    await expect(collect(Readable.from([`data: ${'x'.repeat(2_000)}\n\n`]))).rejects.toThrow(EventStreamError);
    await expect(collect(Readable.from([`data: ${'x'.repeat(600)}`, 'x'.repeat(600)]))).rejects.toThrow('event larger than the cap');
  });

  it('ends a stream that is silent past the idle limit', async () => {
    const silent = new Readable({ read() {} });
    silent.push('data: 1\n\n');
    await expect(collect(silent, { maxEventBytes: 100, idleTimeoutMs: 50 })).rejects.toThrow('silent too long');
  });

  it('knows an event stream by its content type', () => {
    expect(isEventStream('text/event-stream; charset=utf-8')).toBe(true);
    expect(isEventStream(['text/event-stream'])).toBe(true);
    expect(isEventStream('application/json')).toBe(false);
    expect(isEventStream(undefined)).toBe(false);
  });
});
