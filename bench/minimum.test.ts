// The benchmark's yardstick: minimum upstream calls per query, from each provider's API rules.
import { describe, expect, it } from 'vitest';
import { cachedMinimumPerQuery, canonicalId, minimumCalls } from './minimum.js';

const midaz = (n: number) =>
  `midaz:01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38/0198f39e-5d20-7a11-b6f4-1e8c7a9d3f0${n}`;
const conduit = (n: number) => `conduit:acct_2Gen${String(n).padStart(23, '0')}`;

describe('minimumCalls', () => {
  it('is one call for one Taler account', () => {
    expect(minimumCalls({ ids: ['taler:alice'], balances: true }).total).toBe(1);
  });

  it('counts repeats once and canonicalises ids as the providers do', () => {
    const m = minimumCalls({
      ids: ['interledger:Alice', 'interledger:al.ice', midaz(1), midaz(1).toUpperCase().replace('MIDAZ', 'midaz')],
      balances: false,
    });
    expect(m.byProvider).toMatchObject({ INTERLEDGER: 1, MIDAZ: 1 });
    expect(canonicalId('interledger:A.b')).toBe('interledger:ab');
  });

  it('adds a balance call per Interledger and Midaz account when balances are selected', () => {
    const ids = ['interledger:alice', 'interledger:bob', midaz(1), midaz(2)];
    expect(minimumCalls({ ids, balances: false }).total).toBe(4);
    expect(minimumCalls({ ids, balances: true }).byProvider).toMatchObject({ INTERLEDGER: 4, MIDAZ: 4 });
  });

  it('uses one Interledger list call from three accounts, plus their balances', () => {
    const ids = ['interledger:a', 'interledger:b', 'interledger:c'];
    expect(minimumCalls({ ids, balances: false }).byProvider.INTERLEDGER).toBe(1);
    expect(minimumCalls({ ids, balances: true }).byProvider.INTERLEDGER).toBe(4);
  });

  it('uses one Taler list call from five accounts, only with admin credentials', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((n) => `taler:${n}`);
    expect(minimumCalls({ ids, balances: true }).byProvider.TALER).toBe(1);
    expect(minimumCalls({ ids: ids.slice(0, 4), balances: true }).byProvider.TALER).toBe(4);
    expect(minimumCalls({ ids, balances: true, talerAdmin: false }).byProvider.TALER).toBe(5);
  });

  it('counts one call per Stellar and Conduit account, balances included', () => {
    const ids = Array.from({ length: 1000 }, (_, n) => conduit(n));
    expect(minimumCalls({ ids: [...ids, ...ids.slice(0, 10)], balances: true }).total).toBe(1000);
  });

  it('counts a timed-out provider’s account calls but no balance calls after them', () => {
    const m = minimumCalls({ ids: [midaz(1), midaz(2), 'taler:alice'], balances: true, timedOut: ['MIDAZ'] });
    expect(m.byProvider).toMatchObject({ MIDAZ: 2, TALER: 1 });
    expect(m.total).toBe(3);
  });

  it('refuses an id without a known provider', () => {
    expect(() => minimumCalls({ ids: ['bank:x'], balances: false })).toThrow(/global id/);
  });
});

describe('cachedMinimumPerQuery', () => {
  it('is one call per time-to-live window, over the queries', () => {
    expect(cachedMinimumPerQuery(5000, 10_000, 1000)).toBe(2 / 1000);
    expect(cachedMinimumPerQuery(5000, 2000, 100)).toBe(1 / 100);
    expect(cachedMinimumPerQuery(5000, 2000, 0)).toBe(0);
  });
});
