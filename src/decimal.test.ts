import { describe, expect, it } from 'vitest';
import { canonicalDecimal, isDecimal, negateDecimal, scaleBaseUnits, sumDecimals } from './decimal.js';

describe('canonicalDecimal', () => {
  it.each([
    ['72.8563792', '72.8563792'],
    ['3.0000000', '3'],
    ['150.320000', '150.32'],
    ['007.50', '7.5'],
    ['0', '0'],
    ['0.000', '0'],
    ['-0', '0'],
    ['-0.00', '0'],
    ['-3', '-3'],
    ['-0.10', '-0.1'],
    ['922337203685.4775807', '922337203685.4775807'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('writes %s as %s', (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });

  it.each(['', '.5', '5.', '1e3', '+1', '1,5', ' 1', 'NaN', '--1', '0x10'])('refuses %j', (input) => {
    expect(() => canonicalDecimal(input)).toThrow(RangeError);
  });
});

describe('scaleBaseUnits', () => {
  it.each([
    ['150', 2, '1.5'],
    ['12345', 2, '123.45'],
    ['-12345', 2, '-123.45'],
    ['5', 9, '0.000000005'],
    ['-1500000000', 9, '-1.5'],
    ['0', 2, '0'],
    ['-0', 2, '0'],
    ['100', 0, '100'],
    ['9223372036854775807', 2, '92233720368547758.07'],
    ['18446744073709551615', 9, '18446744073.709551615'],
  ])('scales %s base units at scale %i to %s', (units, scale, expected) => {
    expect(scaleBaseUnits(units, scale)).toBe(expected);
  });

  it.each([['1.5', 2], ['abc', 2], ['1', -1], ['1', 1.5], ['1', 256]])('refuses %j at scale %j', (units, scale) => {
    expect(() => scaleBaseUnits(units, scale)).toThrow(RangeError);
  });
});

describe('negateDecimal', () => {
  it.each([
    ['3', '-3'],
    ['-3', '3'],
    ['0', '0'],
    ['0.00', '0'],
    ['10.50', '-10.5'],
  ])('negates %s to %s', (input, expected) => {
    expect(negateDecimal(input)).toBe(expected);
  });
});

describe('sumDecimals', () => {
  it('adds without floating-point error', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
  });
  it('adds values beyond the safe integer range exactly', () => {
    expect(sumDecimals(['9007199254740993', '1.0000001'])).toBe('9007199254740994.0000001');
  });
  it('handles signs and an empty list', () => {
    expect(sumDecimals(['-3', '1.5'])).toBe('-1.5');
    expect(sumDecimals([])).toBe('0');
  });
});

describe('isDecimal', () => {
  it.each([['1', true], ['-1.5', true], ['1.', false], ['1e5', false], ['', false]])('%j → %s', (value, expected) => {
    expect(isDecimal(value)).toBe(expected);
  });
});
