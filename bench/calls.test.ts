// The benchmark's call counts as a regression test: each deterministic scenario's query, sent once to a fresh gateway
// (in-process, simulators without latency), makes exactly the computed minimum of upstream calls, and no call is
// refused by a rate limit. Timings stay in the benchmark (`npm run bench`); this checks only what does not vary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/server.js';
import { startSimulators, type SimulatorFleet } from '../simulators/index.js';
import { startSimulator, type RunningSimulator } from '../simulators/shared/server.js';
import { createConduitSimulator, type ConduitSimulatorStats } from '../simulators/conduit/simulator.js';
import { buildScenarios, scenarioMinimum, type GraphQLBody, type Scenario } from './scenarios.js';

/** The scenarios whose single query has a fixed number of calls (no cache window, no timeout). */
const DETERMINISTIC = ['one-account', 'fifty-accounts', 'thousand-ids', 'bulk-mixed'];

let fleet: SimulatorFleet;
let conduit: RunningSimulator;
let conduitStats: ConduitSimulatorStats;
let scenarios: Scenario[];

beforeAll(async () => {
  fleet = await startSimulators();
  const definition = createConduitSimulator({ generatedAccounts: 1000, latencyMs: 0, maxConcurrent: 64 });
  conduit = await startSimulator(definition);
  conduitStats = definition.stats;
  scenarios = buildScenarios(definition.generatedIds).scenarios.filter((s) => DETERMINISTIC.includes(s.name));
});

afterAll(async () => {
  await Promise.all([fleet?.close(), conduit?.close()]);
});

/** The simulators the gateway talks to: the fleet's, with Conduit replaced by the one holding 1 000 generated accounts. */
const upstreams = (): RunningSimulator[] => [...Object.values({ ...fleet.byProvider, CONDUIT: conduit })];
const calls = () => upstreams().reduce((sum, sim) => sum + sim.requests.length, 0);

describe('upstream calls per query', () => {
  it.each(DETERMINISTIC)(
    '%s: exactly the computed minimum, no 429',
    async (name) => {
      const scenario = scenarios.find((s) => s.name === name)!;
      const config = loadConfig({ ...fleet.env, CONDUIT_URL: conduit.url, PORT: '0', GATEWAY_AUTH: 'none', ...scenario.env });
      const gateway: RunningGateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
      try {
        for (const sim of upstreams()) sim.reset();
        conduitStats.rateLimited = 0;
        const before = calls();
        const response = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: scenario.body,
        });
        const body = (await response.json()) as GraphQLBody;
        expect(response.status).toBe(200);
        expect(scenario.check(body, scenario.ids, true)).toEqual([]);
        expect(calls() - before).toBe(scenarioMinimum(scenario));
        expect(conduitStats.rateLimited).toBe(0);
      } finally {
        await gateway.close();
      }
    },
    60_000,
  );
});
