// Batches through a provider's list call: below the threshold one call per key, above it one list, with fallbacks.
import { describe, expect, it } from 'vitest';
import { ErrorCode, GatewayError } from '../errors.js';
import { createBatchLoader, loadByListOrEach, type SourceOptions } from './batch.js';

const options = (listThreshold: number): SourceOptions => ({ dedupe: true, listThreshold });

/** A provider whose list holds `listed` and fails with `listFailure` if given; it counts calls. */
function provider(listed: readonly string[], listFailure?: Error) {
  const calls = { list: 0, single: [] as string[] };
  return {
    calls,
    list: async (_wanted: ReadonlySet<string>, found: Map<string, () => string>) => {
      calls.list += 1;
      if (listFailure) throw listFailure;
      for (const key of listed) {
        found.set(key, () => {
          if (key === 'unreadable') throw new GatewayError(ErrorCode.UpstreamError, 'an entry the gateway could not read');
          return `listed ${key}`;
        });
      }
    },
    loadOne: async (key: string) => {
      calls.single.push(key);
      if (key === 'missing') throw new GatewayError(ErrorCode.NotFound, 'no such account');
      return `single ${key}`;
    },
  };
}

describe('loadByListOrEach', () => {
  it('makes one call per key below the threshold, and never lists', async () => {
    const p = provider(['a', 'b']);
    expect(await loadByListOrEach(['a', 'b'], options(3), p.list, p.loadOne)).toEqual(['single a', 'single b']);
    expect(p.calls).toEqual({ list: 0, single: ['a', 'b'] });
  });

  it('never lists when the threshold is 0', async () => {
    const p = provider(['a', 'b', 'c']);
    await loadByListOrEach(['a', 'b', 'c'], options(0), p.list, p.loadOne);
    expect(p.calls.list).toBe(0);
  });

  it('answers every key from one list call from the threshold on, in the keys’ order', async () => {
    const p = provider(['c', 'b', 'a']);
    expect(await loadByListOrEach(['a', 'b', 'c'], options(3), p.list, p.loadOne)).toEqual(['listed a', 'listed b', 'listed c']);
    expect(p.calls).toEqual({ list: 1, single: [] });
  });

  it('reads the keys the list lacks one by one, and fails only the key whose entry cannot be read', async () => {
    const p = provider(['a', 'unreadable']);
    const results = await loadByListOrEach(['a', 'b', 'unreadable', 'missing'], options(2), p.list, p.loadOne);
    expect(results[0]).toBe('listed a');
    expect(results[1]).toBe('single b');
    expect((results[2] as GatewayError).code).toBe('UPSTREAM_ERROR');
    expect((results[3] as GatewayError).code).toBe('NOT_FOUND');
    expect(p.calls).toEqual({ list: 1, single: ['b', 'missing'] });
  });

  it('falls back to one call per key when the list is refused (a credential without the right)', async () => {
    const p = provider([], new GatewayError(ErrorCode.Forbidden, 'not admin'));
    expect(await loadByListOrEach(['a', 'b'], options(2), p.list, p.loadOne)).toEqual(['single a', 'single b']);
    expect(p.calls).toEqual({ list: 1, single: ['a', 'b'] });
  });

  it.each([ErrorCode.UpstreamTimeout, ErrorCode.RateLimited])(
    'fails every key at once when the list fails with %s: single calls would fare no better',
    async (code) => {
      const failure = new GatewayError(code, 'slow');
      const p = provider([], failure);
      expect(await loadByListOrEach(['a', 'b'], options(2), p.list, p.loadOne)).toEqual([failure, failure]);
      expect(p.calls.single).toEqual([]);
    },
  );

  it('batches the distinct keys of one tick into one list call through a batch loader', async () => {
    const p = provider(['a', 'b', 'c']);
    const loader = createBatchLoader((keys) => loadByListOrEach(keys, options(3), p.list, p.loadOne));
    expect(await Promise.all(['a', 'b', 'c', 'a'].map((key) => loader.load(key)))).toEqual(['listed a', 'listed b', 'listed c', 'listed a']);
    expect(p.calls).toEqual({ list: 1, single: [] });
  });
});
