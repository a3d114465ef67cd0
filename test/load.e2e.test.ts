// A bounded load test over loopback: concurrent queries while one provider is down and another is slow.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const TOTAL = 800;
const CONCURRENCY = 25;
const QUERY = `query ($ids: [ID!]!) { accounts(ids: $ids) { id balances { asset { code } amount } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ STELLAR_TIMEOUT_MS: '500' });
});
afterAll(() => stack.close());

async function drive(ids: string[]) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < TOTAL) {
      next++;
      const started = performance.now();
      const response = await stack.query(QUERY, { ids }).catch((error: unknown) => ({ status: 0, raw: String(error) }) as const);
      latencies.push(performance.now() - started);
      if (response.status !== 200 || !('data' in response)) failures.push(`${response.status} ${response.raw.slice(0, 200)}`);
      else checkAccounts(response as { data?: { accounts?: Array<{ id: string } | null> } | null }, ids, failures);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { count: latencies.length, failures, seconds, rps: Math.round(latencies.length / seconds), p50: at(0.5), p99: at(0.99), max: at(1) };
}

/** Healthy providers' accounts must all be there; the down one null with an error. */
function checkAccounts(response: { data?: { accounts?: Array<{ id: string } | null> } | null }, ids: string[], failures: string[]) {
  const accounts = response.data?.accounts ?? [];
  ids.forEach((id, i) => {
    const expectPresent = !id.startsWith('taler:');
    if (expectPresent !== (accounts[i]?.id === id)) failures.push(`account ${id} ${expectPresent ? 'missing' : 'unexpectedly present'}`);
  });
}

describe('under load', () => {
  // 1,600 requests: about 15 s alone, more beside the rest of the suite on two shared cores.
  it('loses no request while Taler is down and Stellar is slow, and gives its memory back', { timeout: 60_000 }, async () => {
    const ids = ['interledger', 'stellar', 'taler', 'conduit', 'midaz'].flatMap((p) =>
      stack.fleet.sampleIds.filter((id) => id.startsWith(`${p}:`)).slice(0, 2),
    );
    await drive(ids.slice(0, 5)); // warm-up: JIT and pools, before the baseline
    const baseline = heapUsed();

    stack.fleet.byProvider.TALER.faults.set({ fault: { kind: 'reset' } });
    stack.fleet.byProvider.STELLAR.faults.set({ fault: { kind: 'latency', ms: 150 } });
    const result = await drive(ids);
    stack.fleet.byProvider.TALER.faults.clear();
    stack.fleet.byProvider.STELLAR.faults.clear();

    const grownMb = (heapUsed() - baseline) / 1e6;
    console.log(
      `load: ${result.count} requests of ${ids.length} accounts, ${CONCURRENCY} concurrent, ${result.seconds.toFixed(1)} s, ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms, heap after vs before ${grownMb.toFixed(1)} MB`,
    );
    expect(result.count).toBe(TOTAL);
    expect(result.failures.slice(0, 5)).toEqual([]);
    expect(result.max).toBeLessThan(5000);
    expect(grownMb).toBeLessThan(20);
  });
});
