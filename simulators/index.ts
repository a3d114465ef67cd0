// Starts the five provider simulators together: demo mode and the end-to-end tests run the gateway on them.
// Loaded only by dynamic import (demo mode) or from tests, so a production process never loads a simulator; nothing
// under simulators/ imports the gateway (simulators/isolation.test.ts checks it).
import { simulator as interledger } from './interledger/simulator.js';
import { simulator as stellar } from './stellar/simulator.js';
import { simulator as taler } from './taler/simulator.js';
import { simulator as conduit } from './conduit/simulator.js';
import { simulator as midaz } from './midaz/simulator.js';
import { startSimulator, type ProviderSimulator, type RunningSimulator } from './shared/server.js';

export type { ProviderSimulator, RunningSimulator } from './shared/server.js';
export type { Fault, FaultRule } from './shared/faults.js';

/** Every simulator, under its provider's name: the one list a new simulator is added to. */
const ALL = { INTERLEDGER: interledger, STELLAR: stellar, TALER: taler, CONDUIT: conduit, MIDAZ: midaz } satisfies Record<string, ProviderSimulator>;

/** The providers there are simulators for, named as the gateway's `AccountProvider` enum names them. */
export type ProviderName = keyof typeof ALL;

export const SIMULATORS: Readonly<Record<ProviderName, ProviderSimulator>> = ALL;

export interface SimulatorFleet {
  byProvider: Readonly<Record<ProviderName, RunningSimulator>>;
  /** Environment pointing a gateway at every simulator, with the credentials each accepts. */
  env: Readonly<Record<string, string>>;
  /** Global ids of every seeded account, provider by provider. */
  sampleIds: readonly string[];
  /** Total requests received by all simulators since start or the last reset. */
  totalRequests(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startSimulators(host = '127.0.0.1'): Promise<SimulatorFleet> {
  const entries = await Promise.all(
    (Object.entries(SIMULATORS) as Array<[ProviderName, ProviderSimulator]>).map(
      async ([provider, sim]) => [provider, await startSimulator(sim.create(), 0, host)] as const,
    ),
  );
  const byProvider = Object.fromEntries(entries) as Record<ProviderName, RunningSimulator>;
  const running = Object.values(byProvider);
  return {
    byProvider,
    env: Object.assign({}, ...entries.map(([provider, sim]) => SIMULATORS[provider].env(sim.url))),
    sampleIds: Object.values(SIMULATORS).flatMap((sim) => sim.sampleIds),
    totalRequests: () => running.reduce((sum, sim) => sum + sim.requests.length, 0),
    reset: () => running.forEach((sim) => sim.reset()),
    close: async () => {
      await Promise.all(running.map((sim) => sim.close()));
    },
  };
}
