// Entries read one by one: a refused entry costs only itself, and its field paths are logged where it sits in the body.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { WireIssue, WireReader } from '../../upstream/wire.js';
import { readEach, readerAt } from './entries.js';

function reader() {
  const issues: WireIssue[] = [];
  const client: WireReader = {
    provider: 'CONDUIT',
    label: 'Conduit',
    error: (code, message) => new GatewayError(code, message, { provider: 'CONDUIT' }),
    reportWire: (issue) => void issues.push(issue),
  };
  return { client, issues };
}

const entry = z.object({ amount: z.string().regex(/^\d+$/), note: z.string().optional() });

describe('readEach', () => {
  it('reads each entry on its own, in order, keeping the raw value of each refused one', () => {
    const { client, issues } = reader();
    const read = readEach(client, entry, [{ amount: '1' }, { amount: 'x' }, { amount: '2', note: 7 }], 'GET /accounts/{id}', 'balances.available');
    expect(read).toEqual([
      { ok: true, value: { amount: '1' } },
      { ok: false, raw: { amount: 'x' } },
      { ok: true, value: { amount: '2' } },
    ]);
    expect(issues).toEqual([
      { outcome: 'refused', route: 'GET /accounts/{id}', fields: ['balances.available[].amount'] },
      { outcome: 'degraded', route: 'GET /accounts/{id}', fields: ['balances.available[].note'] },
    ]);
  });
});

describe('readerAt', () => {
  it('reports a whole refused entry at its own path, and keeps the provider and its errors', () => {
    const { client, issues } = reader();
    const at = readerAt(client, 'data[]');
    at.reportWire({ outcome: 'refused', route: 'GET /clients/{id}/accounts', fields: ['(body)'] });
    expect(issues).toEqual([{ outcome: 'refused', route: 'GET /clients/{id}/accounts', fields: ['data[]'] }]);
    expect(at.provider).toBe('CONDUIT');
    expect(at.error(ErrorCode.UpstreamError, 'unreadable').extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'CONDUIT' });
  });
});
