// Unit tests of Taler amount parsing and balance signs.
import { describe, expect, it } from 'vitest';
import { parseAmount, signedAmount, type CreditDebit } from './amount.js';

const TWO_POW_52 = (2n ** 52n).toString();

describe('parseAmount', () => {
  it.each([
    ['EUR:10', 'EUR', '10'],
    ['EUR:10.5', 'EUR', '10.5'],
    ['KUDOS:0.00000001', 'KUDOS', '0.00000001'],
    ['EUR:0', 'EUR', '0'],
    ['EUR:10.50', 'EUR', '10.5'],
    ['EUR:007.10000000', 'EUR', '7.1'],
    ['ABCDEFGHIJK:1', 'ABCDEFGHIJK', '1'],
    [`EUR:${TWO_POW_52}`, 'EUR', TWO_POW_52],
    [`EUR:${TWO_POW_52}.99999999`, 'EUR', `${TWO_POW_52}.99999999`],
  ])('reads %s as %s %s', (text, currency, value) => {
    expect(parseAmount(text)).toEqual({ currency, value });
  });

  it.each([
    ['a value above 2^52', `EUR:${2n ** 52n + 1n}`],
    ['nine fractional digits', 'EUR:1.123456789'],
    ['a lower-case currency', 'eur:10'],
    ['a currency of twelve letters', 'ABCDEFGHIJKL:1'],
    ['a missing value', 'EUR:'],
    ['a missing currency', ':10'],
    ['an exponent', 'EUR:1e3'],
    ['a sign', 'EUR:-3'],
    ['a trailing dot', 'EUR:10.'],
    ['a leading dot', 'EUR:.5'],
    ['spaces', 'EUR: 10'],
    ['no separator', 'EUR10'],
    ['an empty string', ''],
  ])('refuses %s', (_what, text) => {
    expect(() => parseAmount(text)).toThrow(RangeError);
  });
});

describe('signedAmount', () => {
  it.each<[string, CreditDebit, string]>([
    ['EUR:10.5', 'credit', '10.5'],
    ['EUR:3', 'debit', '-3'],
    ['KUDOS:0.00000001', 'debit', '-0.00000001'],
    ['EUR:0', 'debit', '0'],
    ['EUR:0.00', 'debit', '0'],
    ['EUR:0', 'credit', '0'],
    ['EUR:10.50', 'debit', '-10.5'],
  ])('reads %s in %s as %s', (amount, indicator, value) => {
    expect(signedAmount(amount, indicator).value).toBe(value);
  });

  it('keeps the currency of a debit balance', () => {
    expect(signedAmount('KUDOS:4.2', 'debit')).toEqual({ currency: 'KUDOS', value: '-4.2' });
  });

  it('refuses a malformed amount whatever its indicator', () => {
    expect(() => signedAmount('EUR:1e3', 'debit')).toThrow(RangeError);
  });
});
