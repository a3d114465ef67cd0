import { describe, expect, it } from 'vitest';
import { canonicalDecimal, isDecimal, MAX_PLAIN_EXPONENT, negateDecimal, plainDecimal, scaleBaseUnits, sumDecimals } from './decimal.js';

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

  it.each([
    ['1.5', 2],
    ['abc', 2],
    ['1', -1],
    ['1', 1.5],
    ['1', 256],
  ])('refuses %j at scale %j', (units, scale) => {
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
  it.each([
    ['1', true],
    ['-1.5', true],
    ['1.', false],
    ['1e5', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isDecimal(value)).toBe(expected);
  });
});

describe('plainDecimal', () => {
  it.each([
    ['5e-7', '0.0000005', '0.0000005'],
    ['1E+3', '1000', '1000'],
    ['1.50e1', '15.0', '15'],
    ['0.5e1', '5', '5'],
    ['-1.25E-2', '-0.0125', '-0.0125'],
    ['-0.0', '-0.0', '0'],
    ['-0e3', '-0', '0'],
    ['0e-2', '0.00', '0'],
    ['150.320000', '150.320000', '150.32'],
    ['123456789012345678901234567890', '123456789012345678901234567890', '123456789012345678901234567890'],
    ['9.99e29', '999000000000000000000000000000', '999000000000000000000000000000'],
  ])('writes %s as %s (canonically %s)', (text, plain, canonical) => {
    expect(plainDecimal(text)).toBe(plain);
    expect(isDecimal(plain)).toBe(true);
    expect(canonicalDecimal(plain)).toBe(canonical);
  });

  it('expands exponents up to the bound and no further', () => {
    expect(plainDecimal(`1e${MAX_PLAIN_EXPONENT}`)).toHaveLength(MAX_PLAIN_EXPONENT + 1);
    expect(plainDecimal(`1e${MAX_PLAIN_EXPONENT + 1}`)).toBeUndefined();
    expect(plainDecimal(`1e-${MAX_PLAIN_EXPONENT + 1}`)).toBeUndefined();
    expect(plainDecimal(`1e${'9'.repeat(10_000)}`)).toBeUndefined();
    expect(plainDecimal('1e20', 10)).toBeUndefined();
  });

  it.each(['', '01', '1.', '.5', '+1', '1e', 'NaN', 'Infinity', '0x10', ' 1', '1 '])('refuses %j (not a JSON number)', (text) => {
    expect(plainDecimal(text)).toBeUndefined();
  });
});
