// `fetchedAt` is stamped in one place: the time of the answer a model was read from, and no provider module writes it by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fetchAnswer, stampNow } from './fetched.js';

describe('fetchAnswer', () => {
  it('stamps models with the time the provider answered, also when the answer came from the cache', async () => {
    const answer = await fetchAnswer({ fetch: async () => ({ body: { id: 'a' }, fetchedAt: '2026-01-02T03:04:05.000Z', cached: true }) }, [
      'accounts',
      'a',
    ]);
    expect(answer.body).toEqual({ id: 'a' });
    expect(answer.stamp({ nativeId: 'a' })).toEqual({ nativeId: 'a', fetchedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('stamps a change’s answer with the time now', () => {
    const before = Date.now();
    const stamped = stampNow({ nativeId: 'a' });
    expect(Date.parse(stamped.fetchedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stamped.fetchedAt)).toBeLessThanOrEqual(Date.now());
  });
});

describe('the provider modules', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'shared' || name === 'testdata' ? [] : sources(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });

  it('never set fetchedAt themselves: models get it from the answer they were read from (fetched.ts)', () => {
    const files = sources(root);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((path) => /fetchedAt\s*[:=]|\bfetchedAt\s*[,}]/.test(readFileSync(path, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
