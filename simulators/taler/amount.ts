// Taler amounts as libeufin-bank reads and prints them (TalerCommon.kt `TalerAmount`): `CUR:VALUE[.FRACTION]`, a
// currency of 1 to 11 capital letters, VALUE at most 2^52, at most 8 fractional digits, printed shortest.

const AMOUNT = /^([A-Z]{1,11}):([0-9]+)(?:\.([0-9]{1,8}))?$/;
const MAX_VALUE = 2n ** 52n;
const FRACTION_DIGITS = 8;

export interface Amount {
  currency: string;
  /** VALUE and FRACTION together, in units of 10^-8. */
  units: bigint;
}

/** The amount, or undefined for text the bank would refuse. */
export function readAmount(text: string): Amount | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const [, currency = '', value = '0', fraction = ''] = match;
  if (BigInt(value) > MAX_VALUE) return undefined;
  return { currency, units: BigInt(value) * 10n ** BigInt(FRACTION_DIGITS) + BigInt(fraction.padEnd(FRACTION_DIGITS, '0')) };
}

/** As the bank prints it: no trailing fractional zeros, no point for a whole amount ("EUR:20.5", "EUR:3"). */
export function printAmount({ currency, units }: Amount): string {
  const scale = 10n ** BigInt(FRACTION_DIGITS);
  const fraction = (units % scale).toString().padStart(FRACTION_DIGITS, '0').replace(/0+$/, '');
  return `${currency}:${units / scale}${fraction ? `.${fraction}` : ''}`;
}
