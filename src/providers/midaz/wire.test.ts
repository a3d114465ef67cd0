// The shared tolerant-reading rule (upstream/wire.ts) applied to Midaz's bodies: each optional field degrades alone, the
// ids, asset code and amounts refuse the body (or the entry), amounts a later version added may be absent but never
// unreadable, and a page's items and cursor are never guessed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEntries, readWire, type WireIssue } from '../../upstream/wire.js';
import { GatewayError } from '../../errors.js';
import {
  BALANCE_AMOUNTS,
  BALANCE_PAGE_FIELDS,
  entriesAt,
  parseExactJson,
  strictWhenPresent,
  wireAccountPageSchema,
  wireAccountSchema,
  wireBalancePageSchema,
  wireBalanceSchema,
} from './wire.js';

const load = (name: string): Record<string, any> =>
  parseExactJson(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
const firstBalance = (name: string): Record<string, unknown> => (load(name).items as Array<Record<string, unknown>>)[0] as Record<string, unknown>;

function reader() {
  const issues: WireIssue[] = [];
  const client = {
    provider: 'MIDAZ' as const,
    label: 'Midaz',
    error: (code: never, message: string) => new GatewayError(code, message, { provider: 'MIDAZ' }),
    reportWire: (issue: WireIssue) => issues.push(issue),
  };
  return { issues, client };
}

function refusal(read: () => unknown): GatewayError {
  try {
    read();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('wireAccountSchema under readWire', () => {
  it.each([
    ['name', 42],
    ['parentAccountId', 'not-a-uuid'],
    ['entityId', { id: 1 }],
    ['portfolioId', 7],
    ['segmentId', true],
    ['status', 'ACTIVE'],
    ['alias', false],
    ['type', 3],
    ['blocked', 'yes'],
    ['createdAt', 'yesterday'],
    ['updatedAt', 0],
    ['deletedAt', 'never'],
    ['metadata', 'a=b'],
  ])('degrades an unreadable %s alone and reads the rest', (field, value) => {
    const { client, issues } = reader();
    const body = { ...load('account-v3.8.json'), [field]: value };
    const read = readWire(client, wireAccountSchema, body, 'GET /a');
    expect(read).not.toHaveProperty(field);
    expect(read.id).toBe('0198f3a2-6c1e-7b3a-9d41-2f5c8e7a1b20');
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /a', fields: [field] }]);
  });

  it('degrades an unreadable status code alone, keeping its description', () => {
    const { client, issues } = reader();
    const read = readWire(client, wireAccountSchema, { ...load('account-v3.8.json'), status: { code: 5, description: 'Frozen' } }, 'GET /a');
    expect(read.status).toEqual({ description: 'Frozen' });
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /a', fields: ['status.code'] }]);
  });

  it('reads the v3.0 account, which has no blocked flag, without reporting anything', () => {
    const { client, issues } = reader();
    expect(readWire(client, wireAccountSchema, load('account-v3.0.json'), 'GET /a').blocked).toBeUndefined();
    expect(issues).toEqual([]);
  });

  it.each(['id', 'organizationId', 'ledgerId', 'assetCode'])('refuses an account whose %s is missing or unreadable', (field) => {
    for (const value of [undefined, field === 'assetCode' ? 7 : 'acct-1']) {
      const { client, issues } = reader();
      const error = refusal(() => readWire(client, wireAccountSchema, { ...load('account-v3.8.json'), [field]: value }, 'GET /a'));
      expect(error.code).toBe('UPSTREAM_ERROR');
      expect(issues).toEqual([{ outcome: 'refused', route: 'GET /a', fields: [field] }]);
    }
  });
});

describe('wireBalanceSchema under readWire', () => {
  const strict = (client: ReturnType<typeof reader>['client']) => strictWhenPresent(client, BALANCE_AMOUNTS);

  it.each([
    ['balances-v3.0.json'],
    ['balances-v3.3.json'],
    ['balances-v3.7.json'],
    ['balances-v3.8.json'],
    ['balances-v3.8-overdraft.json'],
    ['balances-v3.8-external.json'],
    ['balances-json-numbers.json'],
  ])('reads every entry of %s without reporting anything', (name) => {
    const { client, issues } = reader();
    const page = readWire(client, wireBalancePageSchema, load(name), 'GET /b');
    expect(readEntries(strict(client), wireBalanceSchema, page.items ?? [], 'GET /b').omitted).toBe(0);
    expect(issues).toEqual([]);
  });

  it.each([
    ['key', 7],
    ['direction', 1],
    ['allowSending', 'no'],
    ['settings', 'overdraft'],
    ['version', 'seven'],
    ['metadata', []],
  ])('degrades an unreadable %s alone', (field, value) => {
    const { client, issues } = reader();
    const read = readWire(strict(client), wireBalanceSchema, { ...firstBalance('balances-v3.8-overdraft.json'), [field]: value }, 'GET /b');
    expect(read).not.toHaveProperty(field);
    expect(read.available).toBe('0');
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /b', fields: [field] }]);
  });

  it('degrades an unreadable overdraft limit and headroom, which are settings, not the balance’s money', () => {
    const { client, issues } = reader();
    const entry = firstBalance('balances-v3.8-overdraft.json');
    const read = readWire(
      strict(client),
      wireBalanceSchema,
      {
        ...entry,
        settings: { allowOverdraft: true, overdraftLimitEnabled: true, overdraftLimit: 'lots' },
        position: { available: '-150.5', overdraftLimitAvailable: 'some' },
      },
      'GET /b',
    );
    expect(read.settings).toEqual({ allowOverdraft: true, overdraftLimitEnabled: true });
    expect(read.position).toEqual({ available: '-150.5' });
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /b', fields: ['settings.overdraftLimit', 'position.overdraftLimitAvailable'] }]);
  });

  it.each([
    ['id', undefined, 'id'],
    ['assetCode', '', 'assetCode'],
    ['available', '1e400x', 'available'],
    ['available', undefined, 'available'],
    ['onHold', 'NaN', 'onHold'],
    ['overdraftUsed', 'a lot', 'overdraftUsed'],
    ['overdraftUsed', { value: '1' }, 'overdraftUsed'],
    ['position', { available: 'minus ten' }, 'position.available'],
    ['position', 'negative', 'position'],
  ])('refuses an entry whose %s is %j: an amount is never guessed', (field, value, path) => {
    const { client, issues } = reader();
    const error = refusal(() =>
      readWire(strict(client), wireBalanceSchema, { ...firstBalance('balances-v3.8-overdraft.json'), [field]: value }, 'GET /b'),
    );
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(issues).toEqual([{ outcome: 'refused', route: 'GET /b', fields: [path] }]);
  });

  it('reads the amounts later versions add as absent when they are absent (v3.0–v3.6)', () => {
    const { client, issues } = reader();
    const read = readWire(strict(client), wireBalanceSchema, firstBalance('balances-v3.0.json'), 'GET /b');
    expect([read.key, read.overdraftUsed, read.position, read.direction]).toEqual([undefined, undefined, undefined, undefined]);
    expect(issues).toEqual([]);
  });

  it('names the paths of entries read one by one under their place in the page', () => {
    const { client, issues } = reader();
    const items = [
      firstBalance('balances-v3.8.json'),
      { ...firstBalance('balances-v3.8.json'), available: 'x' },
      { ...firstBalance('balances-v3.8.json'), key: 1 },
    ];
    const read = readEntries(strictWhenPresent(entriesAt(client, 'items[]'), BALANCE_AMOUNTS), wireBalanceSchema, items, 'GET /b');
    expect(read.omitted).toBe(1);
    expect(read.entries).toHaveLength(2);
    expect(issues).toEqual([
      { outcome: 'refused', route: 'GET /b', fields: ['items[].available'] },
      { outcome: 'degraded', route: 'GET /b', fields: ['items[].key'] },
    ]);
  });
});

describe('list pages under readWire', () => {
  it('reads items: null as an empty page (Go’s nil slice)', () => {
    const { client, issues } = reader();
    expect(readWire(client, wireBalancePageSchema, { items: null, limit: 10 }, 'GET /b').items).toBeNull();
    expect(readWire(client, wireAccountPageSchema, { items: null, limit: 10, page: 2 }, 'GET /l').items).toBeNull();
    expect(issues).toEqual([]);
  });

  it.each([
    ['a balance page without items', wireBalancePageSchema, { limit: 10 }, ['items']],
    ['a balance page whose items are not a list', wireBalancePageSchema, { items: { a: 1 }, limit: 10 }, ['items']],
    ['a balance page whose next cursor is not text', wireBalancePageSchema, { items: [], limit: 10, next_cursor: { id: 1 } }, ['next_cursor']],
    ['an account page without items', wireAccountPageSchema, { page: 1, limit: 10 }, ['items']],
  ] as const)('refuses %s: the list’s length could not be known', (_label, schema, body, fields) => {
    const { client, issues } = reader();
    const error = refusal(() => readWire(strictWhenPresent(client, BALANCE_PAGE_FIELDS), schema, body, 'GET /p'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(issues).toEqual([{ outcome: 'refused', route: 'GET /p', fields }]);
  });

  it('degrades a page number or limit it cannot read (the gateway plans pages itself)', () => {
    const { client, issues } = reader();
    expect(readWire(client, wireAccountPageSchema, { items: [], page: 'one', limit: 10 }, 'GET /l')).toEqual({ items: [], limit: 10 });
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /l', fields: ['page'] }]);
  });
});
