// Exact decimal strings for clients: every money field of the gateway is a Decimal, a string such as "-3" or
// "72.8563792". Sums and comparisons here use BigInt at the largest scale, so no amount ever passes through a float.
// A JavaScript number appears only in toDrawingNumber, for the length of a bar in a chart, never for text.

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Whether `value` is a plain decimal as the gateway sends it: an optional "-", digits, optionally "." and digits. */
export const isDecimal = (value: string): boolean => DECIMAL.test(value);

function parts(value: string): { negative: boolean; whole: string; fraction: string } {
  if (!DECIMAL.test(value)) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  return { negative, whole, fraction: fraction.replace(/0+$/, '') };
}

/** The value as an integer count of 10^-scale units. */
function scaled(value: string, scale: number): bigint {
  const { negative, whole, fraction } = parts(value);
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const magnitude = fraction ? `${whole}.${fraction}` : whole;
  return negative ? `-${magnitude}` : magnitude;
}

const scaleOf = (values: readonly string[]): number => Math.max(0, ...values.map((value) => parts(value).fraction.length));

/** The canonical form: no leading zeros, no trailing fractional zeros, no negative zero ("007.50" → "7.5", "-0.0" → "0"). */
export const canonicalDecimal = (value: string): string => format(scaled(value, scaleOf([value])), scaleOf([value]));

/** The exact sum, canonical ("0" for an empty list). Throws RangeError on anything that is not a plain decimal. */
export function sumDecimals(values: readonly string[]): string {
  const scale = scaleOf(values);
  return format(
    values.reduce((sum, value) => sum + scaled(value, scale), 0n),
    scale,
  );
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`, exactly ("1.50" equals "1.5"). */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const scale = scaleOf([a, b]);
  const difference = scaled(a, scale) - scaled(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * A float near the value, only to size a bar or a slice in a chart: the text a person reads is always the exact
 * string. Very large values keep their order of magnitude; digits beyond a double's 15 to 17 are lost.
 */
export const toDrawingNumber = (value: string): number => Number(canonicalDecimal(value));
