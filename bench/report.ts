// The benchmark's output: one row per scenario and mode, optimized/naive ratios, as Markdown and JSON.
import type { IdMix } from './scenarios.js';
import type { LoadResult } from './load.js';

export type Mode = 'optimized' | 'naive';

export interface ScenarioResult {
  scenario: string;
  mode: Mode;
  connections: number;
  load?: LoadResult;
  /** Upstream calls from the end of the warm-up until the simulators went quiet after the run. */
  upstreamCalls: number;
  callsByProvider: Record<string, number>;
  callsPerQuery: number;
  /** Upstream calls of one query sent alone (the check before the run). */
  isolatedQueryCalls: number;
  minimumPerQuery: number;
  ratio: number;
  peakRssMb: number;
  /** Milliseconds from spawning `node dist/src/main.js` until it logged its endpoint. */
  readyMs: number;
  /** RSS once ready, before the first query, in MB. */
  idleRssMb: number;
  /** RSS sampled every 5 s through the run, in MB: flat when memory does not grow under steady load. */
  rssSamplesMb: number[];
  /** The gateway process's CPU time during the run, over the queries completed: its cost, whatever the bottleneck. */
  gatewayCpuMsPerQuery: number;
  /** The gateway's CPU time over the run's wall time: near 100 means the gateway itself was the bottleneck. */
  gatewayBusyPercent: number;
  /** What the load Conduit simulator saw during the run. */
  conduit: { rateLimited: number; peakInFlight: number };
  /** Wrong answers found before or after the run; the run is skipped when the first check fails. */
  problems: string[];
}

export interface RunSettings {
  startedAt: string;
  node: string;
  cpus: number;
  latencyMs: number;
  durationSeconds: number;
  connections: number;
  quick: boolean;
  pinnedGatewayToCpu0: boolean;
}

export interface Report {
  settings: RunSettings;
  scenarios: Array<{ name: string; description: string }>;
  idMix: IdMix;
  results: ScenarioResult[];
  throughputRatios: Record<string, number | null>;
  notes: string[];
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
/** Small per-query figures (cached scenario) keep two significant digits. */
const calls = (value: number) => (value !== 0 && Math.abs(value) < 0.1 ? value.toPrecision(2) : fixed(value));

/** optimized req/s ÷ naive req/s per scenario, null when either is missing. */
export function throughputRatios(results: readonly ScenarioResult[]): Record<string, number | null> {
  const names = [...new Set(results.map((r) => r.scenario))];
  const rps = (name: string, mode: Mode) => results.find((r) => r.scenario === name && r.mode === mode)?.load?.requestsPerSecond;
  return Object.fromEntries(
    names.map((name) => {
      const [optimized, naive] = [rps(name, 'optimized'), rps(name, 'naive')];
      return [name, optimized !== undefined && naive ? optimized / naive : null];
    }),
  );
}

const rssTrend = (samples: readonly number[]) => (samples.length ? `${fixed(samples[0] ?? NaN, 0)} → ${fixed(samples.at(-1) ?? NaN, 0)}` : 'n/a');

function row(r: ScenarioResult): string {
  const l = r.load;
  const cells = l
    ? [
        l.ok,
        fixed(l.requestsPerSecond, 1),
        fixed(l.latencyMs.p50, 1),
        fixed(l.latencyMs.p95, 1),
        fixed(l.latencyMs.p99, 1),
        calls(r.callsPerQuery),
        calls(r.minimumPerQuery),
        fixed(r.ratio),
        fixed(r.gatewayCpuMsPerQuery),
        fixed(r.gatewayBusyPercent, 0),
        fixed(r.peakRssMb, 0),
        rssTrend(r.rssSamplesMb),
        fixed(r.readyMs, 0),
        fixed(r.idleRssMb, 0),
      ]
    : ['not run (see below)', '', '', '', '', '', calls(r.minimumPerQuery), '', '', '', '', '', fixed(r.readyMs, 0), fixed(r.idleRssMb, 0)];
  return `| ${r.scenario} | ${r.mode} | ${cells.join(' | ')} |`;
}

function ratioLine(report: Report, name: string): string {
  const ratio = report.throughputRatios[name];
  const find = (mode: Mode) => report.results.find((r) => r.scenario === name && r.mode === mode);
  const [o, n] = [find('optimized'), find('naive')];
  const callsText =
    o && n
      ? `; upstream calls/query ${calls(o.callsPerQuery)} vs ${calls(n.callsPerQuery)}; one query alone ${o.isolatedQueryCalls} vs ${n.isolatedQueryCalls} calls`
      : '';
  return `- **${name}**: optimized/naive throughput ${ratio === null || ratio === undefined ? 'n/a' : `×${fixed(ratio)}`}${callsText}`;
}

/** Scenarios run with fewer connections than the setting, e.g. " (thousand-ids: 1)". */
function fewerConnections(report: Report): string {
  const fewer = [...new Map(report.results.filter((r) => r.connections < report.settings.connections).map((r) => [r.scenario, r.connections]))];
  return fewer.length ? ` (${fewer.map(([name, n]) => `${name}: ${n}`).join(', ')})` : '';
}

export function markdown(report: Report): string {
  const s = report.settings;
  const mix = report.idMix;
  const lines = [
    `Upstream latency ${s.latencyMs} ms per call, ${s.durationSeconds} s per scenario, ${s.connections} connections` +
      `${fewerConnections(report)}, Node ${s.node}, ${s.cpus} CPUs, gateway ${s.pinnedGatewayToCpu0 ? 'pinned to CPU 0' : 'not pinned'}${s.quick ? ', quick run' : ''}; ${s.startedAt}.`,
    '',
    '| scenario | mode | queries | req/s | p50 ms | p95 ms | p99 ms | upstream calls/query | minimum | ratio | gateway CPU ms/query | gateway busy % | peak RSS MB | RSS first → last sample MB | ready ms | idle RSS MB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.results.map(row),
    '',
    ...report.scenarios.filter((sc) => report.throughputRatios[sc.name] != null).map((sc) => ratioLine(report, sc.name)),
    '',
    `50-account id mix: distinct ${JSON.stringify(mix.distinctByProvider)}, repeats ${JSON.stringify(mix.repeatsByProvider)};` +
      ` ${mix.listEntries} in accounts(ids:), ${mix.aliasedRootFields} aliased account(id:).`,
    ...report.notes.map((note) => `- ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}
