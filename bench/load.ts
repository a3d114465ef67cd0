// One autocannon run against the gateway: every response time recorded, so p95 is exact rather than read off a coarse histogram.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** Cheap check of each response body; failures are counted as mismatches. */
  verify?: (text: string) => boolean;
}

export interface LoadResult {
  /** Queries sent, including the ones cut off when the run ended. */
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

/** The q-th quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const verify = options.verify;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 30,
    ...(verify ? { verifyBody: (text: string | Buffer | undefined) => verify(String(text ?? '')) } : {}),
    setupClient: (client) => client.on('response', (_status: number, _bytes: number, ms: number) => void times.push(ms)),
  });
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    sent: result.requests.sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    durationSeconds: result.duration,
    requestsPerSecond: result.duration > 0 ? result['2xx'] / result.duration : 0,
    latencyMs: {
      p50: round(quantile(times, 0.5)),
      p95: round(quantile(times, 0.95)),
      p99: round(quantile(times, 0.99)),
      max: round(times.at(-1) ?? 0),
    },
  };
}
