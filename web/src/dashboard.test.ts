// The dashboard's rules without a browser: exact client sums, which balances are the same money, what makes a total
// partial, card titles, and how a provider's answer becomes account slots.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { canonicalDecimal as serverCanonical, sumDecimals as serverSum } from '../../src/decimal.js';
import { canonicalDecimal, compareDecimals, sumDecimals, toDrawingNumber } from '../../client/decimal.js';
import { assetIdentity, couldHold, isNationalCurrency } from '../../client/assetIdentity.js';
import { accountTitle } from '../../client/accountTitle.js';
import type { AccountCardFragment } from '../../client/gql/graphql.js';
import { groupByProvider, providerOf, slotsOf, type AccountSlot } from './accounts.js';
import { isPartial, totalsOf } from './totals.js';
import { shortfallText } from './Totals.js';

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 3 }))
  .map(([negative, units, scale, zeros]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}${'0'.repeat(zeros)}`;
    return negative ? `-${text}` : text;
  });

describe('client decimal', () => {
  it('sums exactly, as the gateway does', () => {
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 12 }), (values) => {
        expect(sumDecimals(values)).toBe(serverSum(values));
      }),
    );
  });

  it('writes the canonical form the gateway writes', () => {
    fc.assert(
      fc.property(decimal, (value) => {
        expect(canonicalDecimal(value)).toBe(serverCanonical(value));
      }),
    );
  });

  it('adds amounts that floats would get wrong', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['92233720368.547758', '0.000001', '-0.0000005'])).toBe('92233720368.5477585');
    expect(sumDecimals(['98000000', '1048576.75', '150.32', '10', '1.5', '0'])).toBe('99048738.57');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['-2815.06789012', '1234.56789012', '1580.5'])).toBe('0');
  });

  it('compares exactly, and refuses what is not a plain decimal', () => {
    expect(compareDecimals('1.50', '1.5')).toBe(0);
    expect(compareDecimals('-0.0000001', '0')).toBe(-1);
    expect(compareDecimals('12345678901234567890.2', '12345678901234567890.1')).toBe(1);
    expect(() => sumDecimals(['1e3'])).toThrow(RangeError);
    expect(() => sumDecimals(['12.'])).toThrow(RangeError);
    expect(() => sumDecimals([' 1'])).toThrow(RangeError);
    expect(toDrawingNumber('-150.50')).toBe(-150.5);
  });
});

describe('asset identity', () => {
  const stellar = { provider: 'STELLAR', nativeId: 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA' } as const;
  const ledgerA = { provider: 'MIDAZ', nativeId: 'org1/ledgerA/acct1' } as const;
  const ledgerB = { provider: 'MIDAZ', nativeId: 'org1/ledgerB/acct2' } as const;

  it('keeps a Stellar token of one issuer apart from bank USD and from other issuers', () => {
    const token = assetIdentity({ code: 'USD', issuer: 'GDUKMGUGDZQK6YHYA5Z6AY2G4XDSZPSZ3SW5UN3ARVMO6QSRDWP5YLEX' }, stellar);
    const other = assetIdentity({ code: 'USD', issuer: 'GC6HFUHMCQSWKFBI4GRVAEA5FFKUA63PM2KSX72EHFKEMUZBS2H3UVIE' }, stellar);
    const bank = assetIdentity({ code: 'USD' }, { provider: 'INTERLEDGER', nativeId: 'alice' });
    expect(token.key).toBe('issued:USD:GDUKMGUGDZQK6YHYA5Z6AY2G4XDSZPSZ3SW5UN3ARVMO6QSRDWP5YLEX');
    expect(token.qualifier).toBe('issuer GDUK…YLEX');
    expect(new Set([token.key, other.key, bank.key]).size).toBe(3);
  });

  it('adds a national currency across providers, and nothing else', () => {
    const keys = (['INTERLEDGER', 'TALER', 'CONDUIT', 'MIDAZ'] as const).map(
      (provider) => assetIdentity({ code: 'EUR' }, { provider, nativeId: 'org/l/a' }).key,
    );
    expect(new Set(keys)).toStrictEqual(new Set(['currency:EUR']));
    expect(assetIdentity({ code: 'XRP' }, { provider: 'INTERLEDGER', nativeId: 'bob' }).key).toBe('provider:INTERLEDGER:XRP');
    expect(assetIdentity({ code: 'KUDOS' }, { provider: 'TALER', nativeId: 'bob' }).key).toBe('provider:TALER:KUDOS');
    expect(assetIdentity({ code: 'XLM' }, stellar).key).toBe('native:STELLAR:XLM');
    expect(assetIdentity({ code: 'POINTS' }, ledgerA).key).not.toBe(assetIdentity({ code: 'POINTS' }, ledgerB).key);
    expect(assetIdentity({ code: 'BRL' }, ledgerA).key).toBe(assetIdentity({ code: 'BRL' }, ledgerB).key);
    expect(isNationalCurrency('XAU')).toBe(false);
    expect(isNationalCurrency('USDC')).toBe(false);
  });

  it('keeps a stablecoin on one network apart from the same code on another', () => {
    const conduit = { provider: 'CONDUIT', nativeId: 'acct_1' } as const;
    const eth = assetIdentity({ code: 'USDC', network: 'ethereum' }, conduit);
    expect(eth.key).toBe('network:USDC:ethereum');
    expect(eth.qualifier).toBe('on ethereum');
    expect(assetIdentity({ code: 'USDC', network: 'solana' }, conduit).key).not.toBe(eth.key);
    expect(assetIdentity({ code: 'USD' }, conduit).key).toBe('currency:USD');
  });

  it('says which providers an unread account could hold an asset at', () => {
    const eur = assetIdentity({ code: 'EUR' }, { provider: 'TALER', nativeId: 'a' });
    const xlm = assetIdentity({ code: 'XLM' }, stellar);
    const points = assetIdentity({ code: 'POINTS' }, ledgerA);
    expect(couldHold({ provider: 'TALER', nativeId: 'x' }, eur)).toBe(true);
    expect(couldHold(stellar, eur)).toBe(false);
    expect(couldHold(stellar, xlm)).toBe(true);
    expect(couldHold({ provider: 'CONDUIT', nativeId: 'x' }, xlm)).toBe(false);
    expect(couldHold(ledgerA, points)).toBe(true);
    expect(couldHold(ledgerB, points)).toBe(false);
  });
});

describe('account titles', () => {
  it('uses the display name, else a short form of the key', () => {
    expect(accountTitle({ id: 'taler:bob', provider: 'TALER', nativeId: 'bob', displayName: 'Bob' })).toBe('Bob');
    const g = 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA';
    expect(accountTitle({ id: `stellar:${g}`, provider: 'STELLAR', nativeId: g, displayName: '  ' })).toBe('GAYO…4BVA');
    const midaz = '01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38/0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26';
    expect(accountTitle({ id: `midaz:${midaz}`, provider: 'MIDAZ', nativeId: midaz, alias: '@treasury' })).toBe('@treasury');
    expect(accountTitle({ id: `midaz:${midaz}`, provider: 'MIDAZ', nativeId: midaz, alias: '0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26' })).toBe(
      '0198f3a7…8c26',
    );
    expect(accountTitle({ id: `midaz:${midaz}`, provider: 'MIDAZ', nativeId: midaz })).toBe('0198f3a7…8c26');
    expect(accountTitle({ id: 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn', provider: 'CONDUIT', nativeId: 'acct_2fvietuCNSu8unMNLsEGBrDTVFn' })).toBe(
      'acct_2fvi…TVFn',
    );
    expect(accountTitle({ id: 'interledger:carol', provider: 'INTERLEDGER', nativeId: 'carol', displayName: null })).toBe('carol');
  });
});

const balance = (code: string, amount: string, extra: { issuer?: string; network?: string } = {}) => ({
  __typename: 'Balance' as const,
  amount,
  onHold: null,
  asset: { __typename: 'Asset' as const, code, issuer: extra.issuer ?? null, network: extra.network ?? null },
});

function loaded(
  id: string,
  balances: ReturnType<typeof balance>[],
  extra: Partial<AccountSlot & { leftOutBalances: number; assetCode: string }> = {},
): AccountSlot {
  const provider = providerOf(id)!;
  const nativeId = id.slice(id.indexOf(':') + 1);
  const base = { id, provider, nativeId, displayName: null, fetchedAt: '2025-01-01T00:00:00Z', balances };
  const account = (
    provider === 'MIDAZ'
      ? {
          ...base,
          __typename: 'MidazAccount',
          alias: null,
          type: null,
          statusCode: null,
          assetCode: (extra as { assetCode?: string }).assetCode ?? 'BRL',
        }
      : provider === 'STELLAR'
        ? { ...base, __typename: 'StellarAccount', sequence: null, homeDomain: null }
        : provider === 'TALER'
          ? { ...base, __typename: 'TalerAccount', paytoUri: 'payto://x', status: 'ACTIVE', debitThreshold: null }
          : provider === 'CONDUIT'
            ? { ...base, __typename: 'ConduitAccount', createdAt: null }
            : { ...base, __typename: 'InterledgerAccount', relationship: 'PEER', linkType: null }
  ) as AccountCardFragment;
  return { status: 'loaded', id, provider, account, leftOutBalances: (extra as { leftOutBalances?: number }).leftOutBalances ?? 0, notes: [] };
}
const failed = (id: string, code = 'UPSTREAM_ERROR'): AccountSlot => ({
  status: 'failed',
  id,
  provider: providerOf(id),
  error: { message: 'x', code },
  missing: code === 'BAD_USER_INPUT' || code === 'NOT_FOUND',
});
const loading = (id: string): AccountSlot => ({ status: 'loading', id, provider: providerOf(id) });

describe('totals', () => {
  const demo = [
    loaded('interledger:carol', [balance('EUR', '19.99')]),
    loaded('interledger:alice', [balance('USD', '1.5')]),
    loaded('interledger:bob', [balance('XRP', '-1.5')]),
    loaded('stellar:GAYO', [balance('USD', '4', { issuer: 'GDUK' }), balance('XLM', '72.8563792')]),
    loaded('conduit:acct_1', [balance('EUR', '2500.5'), balance('USDC', '90', { network: 'ethereum' })]),
    loaded('midaz:o/l/a', [balance('USD', '98000000')], { assetCode: 'USD' }),
  ];
  const row = (report: ReturnType<typeof totalsOf>, key: string) => report.totals.find((total) => total.identity.key === key)!;

  it('adds only the same money, exactly, and says which balances each total adds', () => {
    const report = totalsOf(demo);
    expect(report.totals.map((total) => [total.identity.key, total.amount])).toStrictEqual([
      ['currency:EUR', '2520.49'],
      ['currency:USD', '98000001.5'],
      ['issued:USD:GDUK', '4'],
      ['network:USDC:ethereum', '90'],
      ['native:STELLAR:XLM', '72.8563792'],
      ['provider:INTERLEDGER:XRP', '-1.5'],
    ]);
    expect(row(report, 'currency:USD').balances.map((b) => b.accountId)).toStrictEqual(['interledger:alice', 'midaz:o/l/a']);
    expect(report.totals.some(isPartial)).toBe(false);
  });

  it('marks partial every total an unread Taler account could belong to, and no other', () => {
    const report = totalsOf([...demo, failed('taler:alice'), failed('taler:bob')]);
    expect(row(report, 'currency:EUR').failed).toStrictEqual(['taler:alice', 'taler:bob']);
    expect(row(report, 'currency:USD').failed).toStrictEqual(['taler:alice', 'taler:bob']);
    expect(shortfallText(row(report, 'currency:EUR'))).toBe('2 accounts could not be read (Taler)');
    for (const key of ['issued:USD:GDUK', 'network:USDC:ethereum', 'native:STELLAR:XLM', 'provider:INTERLEDGER:XRP'])
      expect(isPartial(row(report, key))).toBe(false);
    expect(row(report, 'currency:EUR').amount).toBe('2520.49');
  });

  it('once one Taler account is read, its bank currency is the only one the others could hold', () => {
    const report = totalsOf([...demo, loaded('taler:carol', [balance('EUR', '42')]), failed('taler:bob')]);
    expect(row(report, 'currency:EUR').failed).toStrictEqual(['taler:bob']);
    expect(isPartial(row(report, 'currency:USD'))).toBe(false);
    expect(row(report, 'currency:EUR').amount).toBe('2562.49');
  });

  it('counts accounts still loading, left-out balances by the asset they could be in, and never ids that name no account', () => {
    const report = totalsOf([
      ...demo.filter((slot) => slot.id !== 'midaz:o/l/a'),
      loaded('midaz:o/l/a', [balance('USD', '98000000')], { assetCode: 'USD', leftOutBalances: 2 }),
      loading('stellar:GBXV'),
      failed('stellar:not-an-id', 'BAD_USER_INPUT'),
    ]);
    expect(row(report, 'currency:USD').leftOut).toStrictEqual([{ accountId: 'midaz:o/l/a', count: 2 }]);
    expect(shortfallText(row(report, 'currency:USD'))).toBe('2 balances left out');
    expect(isPartial(row(report, 'currency:EUR'))).toBe(false);
    expect(row(report, 'native:STELLAR:XLM').loading).toStrictEqual(['stellar:GBXV']);
    expect(row(report, 'issued:USD:GDUK').loading).toStrictEqual(['stellar:GBXV']);
    expect(row(report, 'native:STELLAR:XLM').failed).toStrictEqual([]);
    expect(report.missing.map((slot) => slot.id)).toStrictEqual(['stellar:not-an-id']);
  });
});

describe("a provider's answer as slots", () => {
  const group = groupByProvider(['taler:alice', 'taler:bob', 'taler:carol'])[0]!;
  const account = (loaded('taler:alice', [balance('EUR', '10.5')]) as Extract<AccountSlot, { status: 'loaded' }>).account;

  it('groups ids by the provider their prefix names', () => {
    expect(groupByProvider(['taler:a', 'stellar:G', 'taler:b', 'nope', 'x:y']).map((g) => [g.key, g.ids])).toStrictEqual([
      ['TALER', ['taler:a', 'taler:b']],
      ['STELLAR', ['stellar:G']],
      ['OTHER', ['nope', 'x:y']],
    ]);
  });

  it('reads failures and left-out balances from the error paths', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        { message: 'Taler answered with HTTP 503.', path: ['accounts', 1], extensions: { code: 'UPSTREAM_ERROR' } },
        { message: 'a balance entry left out', path: ['accounts', 0, 'balances'], extensions: { code: 'UPSTREAM_ERROR', leftOut: 1 } },
        { message: 'no such account', path: ['accounts', 2], extensions: { code: 'NOT_FOUND' } },
      ],
    });
    const slots = slotsOf(group, { data: { accounts: [account, null, null] }, error });
    expect(slots[0]).toMatchObject({ status: 'loaded', leftOutBalances: 1, notes: [] });
    expect(slots[1]).toMatchObject({ status: 'failed', missing: false, error: { code: 'UPSTREAM_ERROR', message: 'Taler answered with HTTP 503.' } });
    expect(slots[2]).toMatchObject({ status: 'failed', missing: true, error: { code: 'NOT_FOUND' } });
  });

  it('fails every account of a request that got no answer', () => {
    const slots = slotsOf(group, { error: new TypeError('Failed to fetch') });
    expect(slots.map((slot) => slot.status === 'failed' && slot.error.code)).toStrictEqual(['REQUEST_FAILED', 'REQUEST_FAILED', 'REQUEST_FAILED']);
    expect(slots[0]).toMatchObject({ missing: false, error: { message: 'The request to the gateway failed: Failed to fetch' } });
  });
});
