// A subscriber that does not read: its events wait in a queue of LIVE_MAX_QUEUED_EVENTS; one more and its connection
// is told to close (the transports close the socket with 1008, or end the event stream) and the queue is dropped,
// so the gateway never holds more than the limit for it. The other subscribers of the same account go on.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { startSimulators, type SimulatorFleet } from '../../simulators/index.js';
import { SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID } from '../../simulators/stellar/fixtures.js';
import { newConnection, type LiveEvent } from '../../src/live/hub.js';
import { until } from './client.js';

let fleet: SimulatorFleet;
let gateway: Gateway;
beforeAll(async () => {
  fleet = await startSimulators();
  const config = loadConfig({ ...fleet.env, PORT: '0', GATEWAY_AUTH: 'none', LIVE_MAX_QUEUED_EVENTS: '2' });
  gateway = await createGateway(config, { logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await gateway?.close();
  await fleet?.close();
});

const pay = () =>
  fetch(`${fleet.byProvider.STELLAR.url}/simulator/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '0.0000001' }),
  });

describe('a slow consumer', () => {
  it('loses its connection past the queue limit, while a reading subscriber of the same account gets every event', async () => {
    const session = (slowConsumer: () => void) => ({ caller: undefined, credentials: {}, connection: newConnection(slowConsumer) });
    const slow = vi.fn();
    const idle = gateway.live.subscribe('activity', [`stellar:${SEED_ACCOUNT_ID}`], session(slow));
    const reader = gateway.live.subscribe('activity', [`stellar:${SEED_ACCOUNT_ID}`], session(vi.fn()));
    const read: LiveEvent[] = [];
    void (async () => {
      for await (const event of reader) read.push(event);
    })();
    await until(
      () => fleet.byProvider.STELLAR.requests.some((r) => r.headers.accept === 'text/event-stream'),
      5_000,
      () => 'stream',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let i = 0; i < 4; i++) expect((await pay()).status).toBe(201);
    await until(
      () => read.length === 4,
      5_000,
      () => `4 events, got ${read.length}`,
    );
    expect(slow).toHaveBeenCalledTimes(1);
    expect(await idle.next()).toEqual({ value: undefined, done: true });
    expect(gateway.live.stats()).toMatchObject({ watchers: 1, subscribers: 1 });
    await reader.return?.();
    expect(gateway.live.stats()).toMatchObject({ watchers: 0, subscribers: 0 });
  });
});
