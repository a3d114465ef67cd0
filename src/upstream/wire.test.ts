// The tolerant-reading rule: optional fields degrade one by one, required ones refuse the body, entries cost only themselves.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldPath, readEntries, readWire, type WireIssue } from './wire.js';
import { GatewayError } from '../errors.js';

function reader() {
  const issues: WireIssue[] = [];
  return {
    issues,
    client: {
      provider: 'MIDAZ' as const,
      label: 'Midaz',
      error: (code: never, message: string) => new GatewayError(code, message, { provider: 'MIDAZ' }),
      reportWire: (issue: WireIssue) => issues.push(issue),
    },
  };
}

const schema = z.object({
  id: z.string(),
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  name: z.string().nullish(),
  status: z.object({ code: z.string(), description: z.string().nullish() }).nullish(),
  tags: z.array(z.string()).nullish(),
  items: z.array(z.object({ key: z.string(), note: z.string().nullish() })).nullish(),
});

describe('readWire', () => {
  it('reads a body that matches without reporting anything', () => {
    const { client, issues } = reader();
    expect(readWire(client as never, schema, { id: 'a', amount: '1' }, 'GET /x')).toEqual({ id: 'a', amount: '1' });
    expect(issues).toEqual([]);
  });

  it.each([
    ['a wrong scalar', { name: 42 }, ['name'], { name: undefined }],
    ['a wrong nested required field (the optional parent goes)', { status: { code: 7 } }, ['status.code', 'status'], { status: undefined }],
    ['a wrong nested optional field (only it goes)', { status: { code: 'A', description: 1 } }, ['status.description'], { status: { code: 'A' } }],
    ['a wrong array entry (the array goes, never one entry)', { tags: ['x', 3] }, ['tags'], { tags: undefined }],
    [
      'a wrong field inside one array entry',
      { items: [{ key: 'k', note: 5 }, { key: 'j' }] },
      ['items[].note'],
      { items: [{ key: 'k' }, { key: 'j' }] },
    ],
  ])('degrades %s to absent, logs its path and keeps the rest', (_label, extra, fields, expected) => {
    const { client, issues } = reader();
    const body = { id: 'a', amount: '12.5', ...extra };
    const read = readWire(client as never, schema, body, 'GET /x');
    expect(read).toEqual({ id: 'a', amount: '12.5', ...expected });
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /x', fields }]);
    expect(body).toEqual({ id: 'a', amount: '12.5', ...extra });
  });

  it.each([
    ['a missing id', { amount: '1' }, ['id']],
    ['an amount that is not exact', { id: 'a', amount: '1e400' }, ['amount']],
    ['an amount of the wrong type', { id: 'a', amount: 5 }, ['amount']],
    ['a body that is not an object', 'oops', ['(body)']],
  ])('refuses %s with UPSTREAM_ERROR, naming the field path but not its value', (_label, body, fields) => {
    const { client, issues } = reader();
    const error = (() => {
      try {
        readWire(client as never, schema, body, 'GET /x');
      } catch (caught) {
        return caught as GatewayError;
      }
      throw new Error('not refused');
    })();
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).not.toMatch(/1e400|oops/);
    expect(issues).toEqual([{ outcome: 'refused', route: 'GET /x', fields }]);
  });

  it('names keys that are not plain field names as *', () => {
    expect(fieldPath(['metadata', 'a b/../c', 0, 'x'])).toBe('metadata.*[].x');
  });
});

describe('readEntries', () => {
  it('leaves out only the entries a required field refuses, and counts them', () => {
    const { client, issues } = reader();
    const read = readEntries(
      client as never,
      schema,
      [
        { id: 'a', amount: '1' },
        { id: 'b', amount: 'NaN' },
        { id: 'c', amount: '2', name: 3 },
      ],
      'GET /x',
    );
    expect(read).toEqual({
      entries: [
        { id: 'a', amount: '1' },
        { id: 'c', amount: '2' },
      ],
      omitted: 1,
    });
    expect(issues.map((issue) => issue.outcome)).toEqual(['refused', 'degraded']);
  });
});
