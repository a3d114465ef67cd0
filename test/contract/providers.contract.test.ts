// Every registry entry passes the provider contract (suite.ts) over real HTTP: one gateway over the simulators for all
// of them, and a replay server per provider for the payloads a simulator never sends.
import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { providers } from '../../src/providers/index.js';
import { startStack, type Stack } from '../harness.js';
import { defineProviderContract } from './suite.js';
import { loadContractTable } from './table.js';

const modules = Object.values(providers);

let stack: Stack | undefined;
const running = (): Stack => {
  if (!stack) throw new Error('The gateway over the simulators did not start.');
  return stack;
};

// A short time limit, so the time-out case costs one second per provider; the simulators answer in milliseconds.
beforeAll(async () => {
  stack = await startStack({ UPSTREAM_TIMEOUT_MS: '1000' });
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => running().fleet.reset());
afterEach(() => {
  for (const simulator of Object.values(running().fleet.byProvider)) simulator.faults.clear();
});

describe('the registry', () => {
  it('has a contract table in each provider’s folder, and nothing else holds one', () => {
    for (const { identity } of modules)
      expect(existsSync(new URL(`../../src/providers/${identity.prefix}/testdata/contract.json`, import.meta.url)), identity.prefix).toBe(true);
    expect(modules.length).toBeGreaterThan(0);
  });
});

for (const module of modules) defineProviderContract(module, loadContractTable(module.identity.prefix), running);
