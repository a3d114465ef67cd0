// Exact decimal strings: scaling integers, signs and the canonical form. No value ever becomes a JS number.

const DECIMAL = /^-?\d+(\.\d+)?$/;
const UNSIGNED_INTEGER = /^\d+$/;

export const isDecimal = (value: string): boolean => DECIMAL.test(value);

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
