// `npm run bench`: the gateway under autocannon on loopback against latency-faulted simulators, optimized and naive.
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { AccountProvider } from '../src/generated/resolvers-types.js';
import { startSimulators } from '../simulators/index.js';
import { startSimulator, type RunningSimulator } from '../simulators/shared/server.js';
import { createConduitSimulator, type ConduitSimulatorStats } from '../simulators/conduit/simulator.js';
import { hasTaskset, killAllGateways, startGateway, type GatewayProcess } from './gateway.js';
import { runLoad } from './load.js';
import { cachedMinimumPerQuery, PROVIDERS } from './minimum.js';
import { markdown, throughputRatios, type Mode, type Report, type RunSettings, type ScenarioResult } from './report.js';
import { buildScenarios, scenarioMinimum, type GraphQLBody, type Scenario } from './scenarios.js';

const RESULTS = new URL('./results/', import.meta.url);
const WARMUP_SECONDS = 1;
const CONDUIT_MAX_CONCURRENT = 64;

interface Options {
  latencyMs: number;
  durationSeconds: number;
  connections: number;
  quick: boolean;
  only?: string;
  modes: Mode[];
  /** Also writes results/<out>.{json,md} (e.g. `before`, `after`). */
  out?: string;
}

interface Upstreams {
  sims: Record<AccountProvider, RunningSimulator>;
  conduitStats: ConduitSimulatorStats;
  /** Global ids of the load Conduit simulator's generated accounts. */
  generatedIds: readonly string[];
  env: Record<string, string>;
  close(): Promise<void>;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      quick: { type: 'boolean' },
      scenario: { type: 'string' },
      modes: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const quick = values.quick ?? process.env.BENCH_QUICK === 'true';
  const number = (flag: string | undefined, env: string, fallback: number) => {
    const value = Number(flag ?? process.env[env] ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${env}: not a number`);
    return value;
  };
  return {
    latencyMs: number(values['latency-ms'], 'BENCH_LATENCY_MS', 20),
    durationSeconds: quick ? 2 : number(values.duration, 'BENCH_DURATION', 10),
    connections: Math.max(1, number(values.connections, 'BENCH_CONNECTIONS', 10)),
    quick,
    ...(values.scenario ? { only: values.scenario } : {}),
    modes: (values.modes ?? process.env.BENCH_MODES ?? 'optimized,naive').split(',').map((mode) => {
      if (mode !== 'optimized' && mode !== 'naive') throw new Error(`--modes: ${mode} is neither optimized nor naive`);
      return mode;
    }),
    ...(values.out ? { out: values.out } : {}),
  };
}

/** The five simulators; Conduit replaced by one with 1 000 generated accounts, in-handler latency and a 429 limit. */
async function startUpstreams(latencyMs: number): Promise<Upstreams> {
  const fleet = await startSimulators();
  const definition = createConduitSimulator({ generatedAccounts: 1000, latencyMs, maxConcurrent: CONDUIT_MAX_CONCURRENT });
  const conduit = await startSimulator(definition);
  return {
    sims: { ...fleet.byProvider, CONDUIT: conduit },
    conduitStats: definition.stats,
    env: { ...fleet.env, CONDUIT_URL: conduit.url },
    generatedIds: definition.generatedIds,
    close: async () => {
      await Promise.all([fleet.close(), conduit.close()]);
    },
  };
}

/** Latency faults on every simulator but the load Conduit one (its latency is inside its handlers). */
function setLatency(upstreams: Upstreams, scenario: Scenario, latencyMs: number): void {
  for (const provider of PROVIDERS) {
    if (provider === 'CONDUIT') continue;
    const faults = upstreams.sims[provider].faults;
    faults.clear();
    faults.set({ fault: { kind: 'latency', ms: scenario.latencyMs?.[provider] ?? latencyMs } });
  }
}

function resetUpstreams(upstreams: Upstreams): void {
  for (const sim of Object.values(upstreams.sims)) sim.reset();
  upstreams.conduitStats.rateLimited = 0;
  upstreams.conduitStats.peakInFlight = upstreams.conduitStats.inFlight;
}

const totalCalls = (upstreams: Upstreams) => Object.values(upstreams.sims).reduce((sum, sim) => sum + sim.requests.length, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no upstream call has arrived for 500 ms (at most 5 s): queries cut off at the end still finish their calls. */
async function settle(upstreams: Upstreams): Promise<void> {
  const until = Date.now() + 5000;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < until && Date.now() - quietSince < 500) {
    const now = totalCalls(upstreams);
    if (now !== last) [last, quietSince] = [now, Date.now()];
    await sleep(100);
  }
}

/** Sends one query alone and checks the answer; returns the problems and the upstream calls it took. */
async function checkOnce(
  gateway: GatewayProcess,
  body: string,
  scenario: Scenario,
  ids: readonly string[],
  upstreams: Upstreams,
  first: boolean,
): Promise<{ problems: string[]; calls: number }> {
  const before = totalCalls(upstreams);
  try {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const calls = totalCalls(upstreams) - before;
    if (response.status !== 200) return { problems: [`HTTP ${response.status}: ${text.slice(0, 300)}`], calls };
    return { problems: scenario.check(JSON.parse(text) as GraphQLBody, ids, first), calls };
  } catch (error) {
    const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
    return { problems: [`request failed: ${reason}; gateway log tail: ${gateway.tail().slice(-600)}`], calls: totalCalls(upstreams) - before };
  }
}

function gatewayEnv(upstreams: Upstreams, scenario: Scenario, mode: Mode): Record<string, string> {
  return {
    ...upstreams.env,
    PORT: '0',
    GATEWAY_AUTH: 'none',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    ...scenario.env,
    ...(mode === 'naive' ? { GATEWAY_NAIVE: 'true' } : {}),
  };
}

function callsByProvider(upstreams: Upstreams): Record<string, number> {
  return Object.fromEntries(PROVIDERS.map((p) => [p, upstreams.sims[p].requests.length]));
}

/** A result for a scenario whose answers were wrong (or whose gateway did not start): no load was run. */
function notRun(scenario: Scenario, mode: Mode, connections: number, problems: string[], isolatedQueryCalls = 0): ScenarioResult {
  return {
    scenario: scenario.name,
    mode,
    connections,
    isolatedQueryCalls,
    problems,
    upstreamCalls: 0,
    callsByProvider: {},
    callsPerQuery: NaN,
    minimumPerQuery: scenarioMinimum(scenario),
    ratio: NaN,
    gatewayCpuMsPerQuery: NaN,
    gatewayBusyPercent: NaN,
    peakRssMb: 0,
    rssSamplesMb: [],
    readyMs: NaN,
    idleRssMb: NaN,
    conduit: { rateLimited: 0, peakInFlight: 0 },
  };
}

async function measure(
  gateway: GatewayProcess,
  scenario: Scenario,
  mode: Mode,
  upstreams: Upstreams,
  o: Options,
  connections: number,
): Promise<ScenarioResult> {
  const idleRssMb = (await gateway.rssKb()) / 1024;
  resetUpstreams(upstreams);
  const first = await checkOnce(gateway, scenario.warmupBody, scenario, scenario.warmupIds, upstreams, true);
  const base = {
    scenario: scenario.name,
    mode,
    connections,
    isolatedQueryCalls: first.calls,
    problems: first.problems.slice(0, 10),
    readyMs: gateway.readyMs,
    idleRssMb,
  };
  if (first.problems.length) return { ...notRun(scenario, mode, connections, base.problems, first.calls), readyMs: base.readyMs, idleRssMb };
  await runLoad({ url: gateway.url, body: scenario.warmupBody, connections, durationSeconds: WARMUP_SECONDS });
  await settle(upstreams);
  resetUpstreams(upstreams);
  const cpuBefore = await gateway.cpuMs();
  const started = performance.now();
  const rssSamplesMb: number[] = [];
  const sampleRss = async () => rssSamplesMb.push((await gateway.rssKb()) / 1024);
  await sampleRss();
  const sampler = setInterval(() => void sampleRss(), 5_000);
  const load = await runLoad({ url: gateway.url, body: scenario.body, connections, durationSeconds: o.durationSeconds, verify: scenario.verify });
  clearInterval(sampler);
  await sampleRss();
  const cpu = (await gateway.cpuMs()) - cpuBefore;
  const wallMs = performance.now() - started;
  await settle(upstreams);
  const upstreamCalls = totalCalls(upstreams);
  const byProvider = callsByProvider(upstreams);
  const conduit = { rateLimited: upstreams.conduitStats.rateLimited, peakInFlight: upstreams.conduitStats.peakInFlight };
  const peakRssMb = (await gateway.peakRssKb()) / 1024;
  const last = await checkOnce(gateway, scenario.body, scenario, scenario.ids, upstreams, false);
  const callsPerQuery = load.sent > 0 ? upstreamCalls / load.sent : NaN;
  const minimumPerQuery = scenario.cacheTtlMs
    ? cachedMinimumPerQuery(scenario.cacheTtlMs, o.durationSeconds * 1000, load.sent)
    : scenarioMinimum(scenario);
  const problems = [...base.problems, ...last.problems.map((p) => `after the run: ${p}`)].slice(0, 10);
  if (load.mismatches) problems.push(`${load.mismatches} responses under load failed the quick check`);
  if (load.errors || load.timeouts || load.non2xx)
    problems.push(`under load: ${load.errors} connection errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx`);
  const gatewayCpuMsPerQuery = load.ok > 0 ? cpu / load.ok : NaN;
  const gatewayBusyPercent = (cpu / wallMs) * 100;
  return {
    ...base,
    problems,
    load,
    upstreamCalls,
    callsByProvider: byProvider,
    callsPerQuery,
    minimumPerQuery,
    ratio: callsPerQuery / minimumPerQuery,
    gatewayCpuMsPerQuery,
    gatewayBusyPercent,
    peakRssMb,
    rssSamplesMb,
    conduit,
  };
}

async function runScenario(scenario: Scenario, mode: Mode, upstreams: Upstreams, o: Options, pin: boolean): Promise<ScenarioResult> {
  setLatency(upstreams, scenario, o.latencyMs);
  const connections = Math.min(o.connections, scenario.maxConnections ?? Infinity);
  const gateway = await startGateway(gatewayEnv(upstreams, scenario, mode), pin).catch((error: unknown) => String(error).slice(0, 2000));
  if (typeof gateway === 'string') {
    console.error(`${scenario.name} ${mode}: the gateway did not start: ${gateway}`);
    return notRun(scenario, mode, connections, [`the gateway did not start: ${gateway}`]);
  }
  try {
    const result = await measure(gateway, scenario, mode, upstreams, o, connections);
    const l = result.load;
    console.error(
      `${scenario.name} ${mode}: ${l ? `${l.ok} queries, ${l.requestsPerSecond.toFixed(1)} req/s, p50 ${l.latencyMs.p50} ms, ` : ''}` +
        `${result.callsPerQuery.toPrecision(3)} calls/query (min ${result.minimumPerQuery.toPrecision(3)})${result.problems.length ? `; PROBLEMS: ${result.problems.join('; ')}` : ''}`,
    );
    return result;
  } finally {
    await gateway.stop();
  }
}

function notes(results: readonly ScenarioResult[], scenarios: readonly Scenario[]): string[] {
  const out = [
    'upstream calls/query: calls the simulators received from the end of the warm-up until they went quiet after the run, over the queries sent (queries cut off at the end still make their calls).',
    'minimum: fewest calls the providers’ APIs allow (bench/minimum.ts); stellar-cached: one call per cache TTL window of the run, over the queries. ratio = measured / minimum.',
    'p50/p95/p99: every response time recorded by autocannon, nearest rank. peak RSS: the gateway process’s VmHWM.',
    'gateway CPU ms/query: the gateway process’s user + system CPU time during the run over the queries answered; gateway busy %: that CPU time over the run’s wall time (near 100: the gateway was the bottleneck; well below: the simulators and load generator on the other core were).',
    'one query alone: the calls of the check query sent to the fresh gateway before the warm-up. Under load the optimized gateway can go below the per-query minimum: its shared cache (Stellar by default) serves repeated accounts across queries, and in fifty-accounts-one-slow the open Midaz circuit stops calls a timed-out provider would otherwise get.',
  ];
  const thousand = results.filter((r) => (r.scenario === 'thousand-ids' || r.scenario === 'bulk-mixed') && r.load);
  for (const r of thousand)
    out.push(
      `${r.scenario} ${r.mode}: Conduit simulator answered ${r.conduit.rateLimited} × 429 (peak ${r.conduit.peakInFlight} calls in flight, limit ${CONDUIT_MAX_CONCURRENT}).`,
    );
  const same =
    scenarios.length > 1 &&
    scenarios.every((s) => {
      const pair = results.filter((r) => r.scenario === s.name);
      return pair.length === 2 && pair[0]?.isolatedQueryCalls === pair[1]?.isolatedQueryCalls;
    });
  if (same)
    out.push(
      'GATEWAY_NAIVE changed no scenario’s upstream calls for a query sent alone: the gateway probably does not implement naive mode yet, and the ratios then compare two identical gateways.',
    );
  const wrong = results.filter((r) => r.problems.length);
  for (const r of wrong) out.push(`PROBLEMS in ${r.scenario} (${r.mode}): ${r.problems.join('; ')}`);
  return out;
}

async function writeResults(report: Report, out?: string): Promise<string> {
  const md = markdown(report);
  await mkdir(RESULTS, { recursive: true });
  if (out) {
    await writeFile(new URL(`${out}.json`, RESULTS), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(new URL(`${out}.md`, RESULTS), md);
  }
  await writeFile(new URL('latest.json', RESULTS), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(new URL('latest.md', RESULTS), md);
  return md;
}

function guard(budgetMs: number): NodeJS.Timeout {
  process.on('exit', killAllGateways);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllGateways();
      process.exit(130);
    });
  }
  return setTimeout(() => {
    console.error(`benchmark exceeded its ${Math.round(budgetMs / 1000)} s budget; stopping`);
    killAllGateways();
    process.exit(2);
  }, budgetMs).unref();
}

async function main(): Promise<number> {
  const o = options();
  const upstreams = await startUpstreams(o.latencyMs);
  const { scenarios: all, mix } = buildScenarios(upstreams.generatedIds);
  const only = o.only?.split(',');
  const scenarios = all.filter((s) => !only || only.includes(s.name));
  const watchdog = guard(scenarios.length * o.modes.length * (o.durationSeconds + 40) * 1000 + 30_000);
  const pin = hasTaskset();
  const settings: RunSettings = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    latencyMs: o.latencyMs,
    durationSeconds: o.durationSeconds,
    connections: o.connections,
    quick: o.quick,
    pinnedGatewayToCpu0: pin,
  };
  const results: ScenarioResult[] = [];
  try {
    for (const mode of o.modes) {
      for (const scenario of scenarios) results.push(await runScenario(scenario, mode, upstreams, o, pin));
    }
  } finally {
    clearTimeout(watchdog);
    await upstreams.close();
  }
  const report: Report = {
    settings,
    scenarios: scenarios.map((s) => ({ name: s.name, description: s.description })),
    idMix: mix,
    results,
    throughputRatios: throughputRatios(results),
    notes: notes(results, scenarios),
  };
  console.log(await writeResults(report, o.out));
  return results.some((r) => r.problems.length) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('benchmark failed:', error instanceof Error ? error.stack : error);
    killAllGateways();
    process.exit(1);
  },
);
