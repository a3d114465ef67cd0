// The fleet: every simulator folder is in the one list, under its provider's name, and the fleet hands the gateway
// an environment and sample ids that fit what each simulator serves.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIMULATORS, startSimulators } from './index.js';

describe('the simulator list', () => {
  it('holds every simulator folder, each under the name it gives its provider', () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
      .map((entry) => entry.name);
    expect(
      Object.values(SIMULATORS)
        .map((sim) => sim.provider.toLowerCase())
        .sort(),
    ).toEqual(folders.sort());
    for (const [name, sim] of Object.entries(SIMULATORS)) expect(sim.provider).toBe(name);
  });

  it('gives sample ids in the public `<provider>:<nativeId>` form, at least one per provider', () => {
    for (const [name, sim] of Object.entries(SIMULATORS)) {
      expect(sim.sampleIds.length).toBeGreaterThan(0);
      for (const id of sim.sampleIds) expect(id.startsWith(`${name.toLowerCase()}:`)).toBe(true);
    }
  });
});

describe('startSimulators', () => {
  it('starts one server per provider and points an environment at each, counting and resetting their requests', async () => {
    const fleet = await startSimulators();
    try {
      expect(Object.keys(fleet.byProvider)).toEqual(Object.keys(SIMULATORS));
      for (const [name, sim] of Object.entries(fleet.byProvider)) expect(fleet.env[`${name}_URL`]).toBe(sim.url);
      expect(fleet.sampleIds).toEqual(Object.values(SIMULATORS).flatMap((sim) => sim.sampleIds));
      expect((await fetch(`${fleet.byProvider.TALER.url}/config`)).status).toBe(200);
      expect((await fetch(`${fleet.byProvider.STELLAR.url}/accounts/GABC`)).status).toBe(400);
      expect(fleet.totalRequests()).toBe(2);
      fleet.reset();
      expect(fleet.totalRequests()).toBe(0);
    } finally {
      await fleet.close();
    }
  });
});
