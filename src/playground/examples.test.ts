import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { buildSchema } from '../schema.js';
import { exampleTabs } from './examples.js';
import { startSimulators } from '../../simulators/index.js';

describe('GraphiQL example operations', () => {
  const schema = buildSchema({ maxIdsPerRequest: 100 });

  it('has a cross-provider query, a per-request credentials example, the activity feed, one account’s activity, a live subscription and one query per provider, each valid against the schema', async () => {
    const fleet = await startSimulators();
    try {
      const tabs = exampleTabs(fleet.sampleIds);
      expect(tabs).toHaveLength(10);
      expect(tabs.filter((tab) => tab.headers?.includes('X-Taler-Authorization'))).toHaveLength(1);
      for (const tab of tabs) {
        expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
        expect(() => JSON.parse(tab.variables ?? '{}')).not.toThrow();
      }
    } finally {
      await fleet.close();
    }
  });

  it('follows a Stellar and a Taler demo account live with accountUpdated', async () => {
    const fleet = await startSimulators();
    try {
      const live = exampleTabs(fleet.sampleIds).find((tab) => tab.query.includes('subscription AccountUpdated'))!;
      const ids = JSON.parse(live.variables!).ids as string[];
      expect(ids.map((id) => id.split(':')[0])).toEqual(['stellar', 'taler']);
      expect(ids.every((id) => fleet.sampleIds.includes(id))).toBe(true);
    } finally {
      await fleet.close();
    }
  });

  it('gives the activity tabs demo ids: one account of each provider for the feed, the Stellar account with every kind of entry for one history', async () => {
    const fleet = await startSimulators();
    try {
      const tabs = exampleTabs(fleet.sampleIds);
      const feed = tabs.find((tab) => tab.query.includes('query ActivityFeed'))!;
      const single = tabs.find((tab) => tab.query.includes('query AccountActivity'))!;
      const ids = JSON.parse(feed.variables!).ids as string[];
      expect(ids.map((id) => id.split(':')[0]).sort()).toEqual(['conduit', 'interledger', 'midaz', 'stellar', 'taler']);
      expect(ids.every((id) => fleet.sampleIds.includes(id))).toBe(true);
      expect(JSON.parse(single.variables!).id).toBe('stellar:GDJ2RF3YKSP43ZN7CK5TLFURMBQWRZGT7NL6ZSBUSKOD7WXVOFNVPIGY');
      expect(fleet.sampleIds).toContain(JSON.parse(single.variables!).id);
    } finally {
      await fleet.close();
    }
  });
});
