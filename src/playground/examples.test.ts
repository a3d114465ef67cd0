import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { buildSchema } from '../schema.js';
import { exampleTabs } from './examples.js';
import { startSimulators } from '../../simulators/index.js';

describe('GraphiQL example operations', () => {
  const schema = buildSchema({ maxIdsPerRequest: 100 });

  it('has a cross-provider query, a per-request credentials example and one query per provider, each valid against the schema', async () => {
    const fleet = await startSimulators();
    try {
      const tabs = exampleTabs(fleet.sampleIds);
      expect(tabs).toHaveLength(7);
      expect(tabs.filter((tab) => tab.headers?.includes('X-Taler-Authorization'))).toHaveLength(1);
      for (const tab of tabs) {
        expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
        expect(() => JSON.parse(tab.variables ?? '{}')).not.toThrow();
      }
    } finally {
      await fleet.close();
    }
  });
});
