// Exact decimal text for the simulators' own books (sums, signs, printing): BigInt units, never a JS number.
// The simulators keep their own copy on purpose: a stand-in that shared the gateway's arithmetic could not catch it.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function read(value: string): Scaled {
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function write({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** The shortest text of the same value: "007.50" → "7.5", "-0.00" → "0". */
export const normalizeDecimal = (value: string): string => write(read(value));

/** The exact sum, written shortest. */
export function addDecimals(values: readonly string[]): string {
  const parts = values.map(read);
  const scale = Math.max(0, ...parts.map((part) => part.scale));
  const units = parts.reduce((sum, part) => sum + part.units * 10n ** BigInt(scale - part.scale), 0n);
  return write({ units, scale });
}

/** The value with the other sign ("0" stays "0"). */
export function negate(value: string): string {
  const { units, scale } = read(value);
  return write({ units: -units, scale });
}

/** Whether the value is zero, however it is written ("0", "-0.00"). */
export const isZeroDecimal = (value: string): boolean => read(value).units === 0n;
