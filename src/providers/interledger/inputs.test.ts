// Unit tests of the Interledger mutation inputs and change bodies: exact amounts, checks, merges and refusals.
import { describe, expect, it } from 'vitest';
import { checkCreateInput, checkUpdateInput, majorToBaseUnits, thresholdBelowSettleTo, toBaseUnitChanges } from './inputs.js';
import { rescaleBaseUnits, toCreateBody, toUpdateBody, toUserErrors } from './mapping.js';
import type { InterledgerAccountCreateInput } from '../../generated/resolvers-types.js';

const CREATE: InterledgerAccountCreateInput = {
  accountId: 'Alice.B',
  relationship: 'PEER',
  assetCode: 'USD',
  assetScale: 2,
  linkType: 'ILP_OVER_HTTP',
};

describe('majorToBaseUnits', () => {
  it.each([
    ['1.5', 2, '150'],
    ['1.50', 2, '150'],
    ['1.500', 2, '150'],
    ['-0.01', 2, '-1'],
    ['-0', 2, '0'],
    ['0', 0, '0'],
    ['7', 0, '7'],
    ['12345678901.23456789', 9, '12345678901234567890'],
    ['18446744073709551615', 0, '18446744073709551615'],
    ['007.1', 3, '7100'],
  ])('turns %s at scale %i into %s base units, by string arithmetic', (major, scale, units) => {
    expect(majorToBaseUnits(major, scale)).toBe(units);
  });

  it.each([
    ['1.005', 2],
    ['0.1', 0],
    ['-1.0000000001', 9],
  ])('refuses %s at scale %i: more decimals than the scale allows', (major, scale) => {
    expect(majorToBaseUnits(major, scale)).toBeUndefined();
  });
});

describe('rescaleBaseUnits', () => {
  it.each([
    ['100000', 2, 4, '10000000'],
    ['-50000', 2, 0, '-500'],
    ['150', 2, 2, '150'],
    ['12345678901234567890', 9, 2, undefined],
    ['-5000000000', 9, 0, '-5'],
  ])('writes %s at scale %i as scale %i: %s', (units, from, to, expected) => {
    expect(rescaleBaseUnits(units, from, to)).toBe(expected);
  });
});

describe('checkCreateInput', () => {
  it('normalises the id as the connector does and canonicalises amounts', () => {
    const checked = checkCreateInput({ ...CREATE, maximumPacketAmount: '010.50', balanceSettings: { minBalance: '-1.0', settleTo: null } });
    expect(checked).toEqual({
      ok: true,
      value: {
        accountId: 'aliceb',
        changes: { relationship: 'PEER', assetCode: 'USD', assetScale: 2, linkType: 'ILP_OVER_HTTP', maximumPacketAmount: '10.5', minBalance: '-1' },
      },
    });
  });

  it.each([
    ['an id with a slash', { accountId: 'a/b' }, 'input.accountId'],
    ['an empty id', { accountId: '' }, 'input.accountId'],
    ['a negative scale', { assetScale: -1 }, 'input.assetScale'],
    ['a packet size above 2^64-1', { assetScale: 0, maximumPacketAmount: '18446744073709551616' }, 'input.maximumPacketAmount'],
    ['a settleTo above 2^63-1', { assetScale: 0, balanceSettings: { settleTo: '9223372036854775808' } }, 'input.balanceSettings.settleTo'],
    ['a blank custom setting name', { customSettings: [{ key: ' ', value: 'x' }] }, 'input.customSettings'],
    ['a description of 1001 characters', { description: 'd'.repeat(1001) }, 'input.description'],
  ])('refuses %s on %s', (_name, change, field) => {
    const checked = checkCreateInput({ ...CREATE, ...change });
    expect(checked.ok).toBe(false);
    expect(checked.ok ? [] : checked.errors.map((e) => [e.code, e.field?.join('.')])).toEqual([['INVALID', field]]);
  });

  it('accepts the extreme values the connector can hold', () => {
    const checked = checkCreateInput({
      ...CREATE,
      assetScale: 0,
      maximumPacketAmount: '18446744073709551615',
      balanceSettings: { minBalance: '-9223372036854775808' },
    });
    expect(checked.ok).toBe(true);
  });
});

describe('checkUpdateInput', () => {
  it('keeps an explicit null (clear it) apart from a field left out (keep it)', () => {
    expect(checkUpdateInput({ maximumPacketAmount: null, balanceSettings: { settleThreshold: null } })).toEqual({
      ok: true,
      value: { maximumPacketAmount: null, settleThreshold: null },
    });
    expect(checkUpdateInput({})).toEqual({ ok: true, value: {} });
  });

  it('defers the decimals check to the account’s scale unless the input sets one', () => {
    expect(checkUpdateInput({ maximumPacketAmount: '0.001' }).ok).toBe(true);
    expect(checkUpdateInput({ maximumPacketAmount: '0.001', assetScale: 2 }).ok).toBe(false);
  });
});

describe('thresholdBelowSettleTo', () => {
  it.each([
    ['5', '6', true],
    ['6', '6', false],
    [null, '6', false],
    ['-1', '0', true],
  ])('threshold %s with settleTo %s: refused %s', (threshold, settleTo, refused) => {
    expect(thresholdBelowSettleTo(threshold, settleTo)).toBe(refused);
  });
});

describe('change bodies', () => {
  it('sends only what a create gives, numbers as strings, under the wire names', () => {
    const changes = toBaseUnitChanges({ relationship: 'CHILD', assetScale: 2, maximumPacketAmount: '1.5', sendsRoutes: false, settleTo: '1' }, 2);
    expect(toCreateBody('bob', changes)).toEqual({
      accountId: 'bob',
      accountRelationship: 'CHILD',
      assetScale: '2',
      maximumPacketAmount: '150',
      sendRoutes: false,
      balanceSettings: { settleTo: '100' },
    });
  });

  it('lays an update over the account as read, merging custom settings key by key and dropping links and timestamps', () => {
    const current = {
      accountId: 'alice',
      createdAt: '2020-01-01T00:00:00Z',
      modifiedAt: '2020-01-01T00:00:00Z',
      description: 'old',
      accountRelationship: 'PEER',
      internal: false,
      balanceSettings: { minBalance: '-100', settleThreshold: null, settleTo: '0' },
      settlementEngineDetails: { baseUrl: 'http://engine/', settlementEngineAccountId: 'se' },
      customSettings: { 'ilpOverHttp.incoming.shared_secret': 'enc:JKS:abc', url: 'https://old' },
      _links: { self: { href: 'http://connector/accounts/alice' } },
    };
    expect(toUpdateBody('alice', current, { description: 'new', minBalance: null, customSettings: { url: 'https://new' } })).toEqual({
      accountId: 'alice',
      description: 'new',
      accountRelationship: 'PEER',
      internal: false,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
      settlementEngineDetails: { baseUrl: 'http://engine/', settlementEngineAccountId: 'se' },
      customSettings: { 'ilpOverHttp.incoming.shared_secret': 'enc:JKS:abc', url: 'https://new' },
    });
  });
});

describe('toUserErrors', () => {
  const problem = (slug: string, status: number) => ({
    type: `https://errors.interledger.org/accounts/${slug}`,
    title: 'x',
    status,
    detail: 'upstream words',
  });
  it.each([
    [409, problem('account-already-exists', 409), 'CONFLICT', 'input.accountId'],
    [404, problem('account-not-found', 404), 'NOT_FOUND', 'id'],
    [400, problem('invalid-account-id', 400), 'INVALID', 'input.accountId'],
    [400, problem('invalid-account-settings', 400), 'INVALID', 'input'],
    [400, { title: 'Bad Request', status: 400, detail: 'JSON parse error' }, 'INVALID', 'input'],
    [422, '<html>not json</html>', 'INVALID', 'input'],
  ])('maps a %i answer to %s on the right field, in the gateway’s words', (status, body, code, field) => {
    const [error] = toUserErrors(status, body, 'alice', ['input', 'accountId']);
    expect([error?.code, error?.field?.join('.')]).toEqual([code, field]);
    expect(error?.message).not.toContain('upstream words');
    expect(error?.message).not.toContain('errors.interledger.org');
  });
});
