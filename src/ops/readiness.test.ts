import { describe, expect, it } from 'vitest';
import { memoryStore } from '../cache/store.js';
import { Readiness, RECENT_MS } from './readiness.js';
import type { LastRequest } from '../upstream/client.js';

const client = (lastRequest: LastRequest | undefined, circuitState: 'closed' | 'open' | 'half-open' | 'isolated' = 'closed') => ({
  lastRequest,
  circuitState,
});

describe('Readiness', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  it.each([
    ['never called', client(undefined), 'unknown'],
    ['answered a minute ago or less', client({ at: new Date(now - RECENT_MS), answered: true, status: 404 }), 'up'],
    ['answered long ago', client({ at: new Date(now - RECENT_MS - 1), answered: true, status: 200 }), 'unknown'],
    ['failed last time', client({ at: new Date(now), answered: false, code: 'UPSTREAM_TIMEOUT' }), 'degraded'],
    ['answered, with its breaker half-open', client({ at: new Date(now), answered: true, status: 200 }, 'half-open'), 'degraded'],
  ])('calls a provider that %s %s', async (_case, taler, status) => {
    const report = await new Readiness({ TALER: taler }, memoryStore(10)).report(now);
    expect(report.providers.TALER.status).toBe(status);
    expect(report.providers.STELLAR).toEqual({ configured: false });
  });

  it('turns to shutting_down for good once draining starts', async () => {
    const readiness = new Readiness({}, memoryStore(10));
    expect((await readiness.report()).status).toBe('ready');
    readiness.startDraining();
    expect((await readiness.report()).status).toBe('shutting_down');
  });
});
