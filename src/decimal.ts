// Exact decimal strings: scaling integers, signs and the canonical form. No value ever becomes a JS number.

const DECIMAL = /^-?\d+(\.\d+)?$/;
const UNSIGNED_INTEGER = /^\d+$/;
/** A JSON number (RFC 8259 §6): sign, integer part without leading zeros, optional fraction and exponent. */
const JSON_NUMBER = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?)(\d+))?$/;

/** The largest |exponent| plainDecimal writes out: beyond it a number is left unexpanded (see plainDecimal). */
export const MAX_PLAIN_EXPONENT = 1000;

/**
 * A plain decimal: an optional "-", digits, and optionally "." and digits ("-0.0", "0.0000005", "1000"). This is
 * what every money field holds and what parseExactJson hands over for every JSON number (see plainDecimal).
 */
export const isDecimal = (value: string): boolean => DECIMAL.test(value);

/**
 * A JSON number's text (any notation RFC 8259 allows) as a plain decimal with the same value, digit for digit:
 * "5e-7" → "0.0000005", "1E+3" → "1000", "1.50e1" → "15.0", "-0.0" → "-0.0", "12345678901234567890123456789012"
 * unchanged. Text without an exponent is returned as it is (so fractional zeros and a negative zero stay as sent:
 * canonicalDecimal removes them). Leading zeros that moving the point would create are removed ("0.5e1" → "5").
 *
 * Returns undefined when `text` is not a JSON number, or when its exponent's magnitude is above `maxExponent`
 * (MAX_PLAIN_EXPONENT unless given): writing "1e999999999" out would take a gigabyte, so such a number is not read.
 * The result is at most `maxExponent` + 2 characters longer than `text`.
 */
export function plainDecimal(text: string, maxExponent: number = MAX_PLAIN_EXPONENT): string | undefined {
  const match = JSON_NUMBER.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = '', exponentSign = '', exponentDigits] = match;
  if (exponentDigits === undefined) return text;
  const significant = exponentDigits.replace(/^0+(?=\d)/, '');
  // Compared as text first: a thousand-digit exponent never becomes a number.
  if (significant.length > String(maxExponent).length || Number(significant) > maxExponent) return undefined;
  const exponent = exponentSign === '-' ? -Number(significant) : Number(significant);
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  plain = plain.replace(/^0+(?=\d)/, '');
  return sign + plain;
}

/**
 * The one canonical form of a decimal: no leading zeros, no trailing fractional zeros, no
 * trailing dot, and no negative zero ("007.50" → "7.5", "-0.000" → "0").
 */
export function canonicalDecimal(value: string): string {
  if (!DECIMAL.test(value)) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const integerPart = whole.replace(/^0+(?=\d)/, '');
  const fractionPart = fraction.replace(/0+$/, '');
  const magnitude = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return negative && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude;
}

/** An integer count of base units ("-12345") at a scale (2) in major units ("-123.45"), canonical. */
export function scaleBaseUnits(units: string, scale: number): string {
  if (!/^-?\d+$/.test(units)) throw new RangeError(`not an integer: ${JSON.stringify(units)}`);
  if (!Number.isInteger(scale) || scale < 0 || scale > 255) throw new RangeError(`bad scale: ${scale}`);
  const negative = units.startsWith('-');
  const digits = (negative ? units.slice(1) : units).padStart(scale + 1, '0');
  const split = digits.length - scale;
  const major = scale === 0 ? digits : `${digits.slice(0, split)}.${digits.slice(split)}`;
  return canonicalDecimal(negative ? `-${major}` : major);
}

/** The same decimal with the opposite sign ("3" → "-3"; zero stays "0"). */
export function negateDecimal(value: string): string {
  const canonical = canonicalDecimal(value);
  if (canonical === '0') return canonical;
  return canonical.startsWith('-') ? canonical.slice(1) : `-${canonical}`;
}

/** Exact sum of decimals, by BigInt arithmetic at the largest scale among them. */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => canonicalDecimal(v).split('.')[1]?.length ?? 0));
  const total = values.reduce((sum, value) => sum + toScaledBigInt(value, scale), 0n);
  return scaleBaseUnits(total.toString(), scale);
}

function toScaledBigInt(value: string, scale: number): bigint {
  const canonical = canonicalDecimal(value);
  const negative = canonical.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? canonical.slice(1) : canonical).split('.');
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

export const isUnsignedInteger = (value: string): boolean => UNSIGNED_INTEGER.test(value);
