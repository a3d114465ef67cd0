// Taler amounts (`CUR:VALUE[.FRACTION]`) and signed balances, as exact decimal strings (never JS numbers).
import { canonicalDecimal, negateDecimal } from '../../decimal.js';

/** The amount syntax libeufin-bank accepts (TalerCommon.kt). */
const AMOUNT = /^([A-Z]{1,11}):([0-9]+)(?:\.([0-9]{1,8}))?$/;
/** Largest VALUE (the integer part) a Taler amount may carry. */
const MAX_VALUE = 2n ** 52n;

export interface TalerAmount {
  currency: string;
  /** Canonical decimal string in major units, e.g. "10.5". */
  value: string;
}

export type CreditDebit = 'credit' | 'debit';

/**
 * Parses `CUR:VALUE[.FRACTION]` (libeufin TalerCommon.kt `TalerAmount`: 1 to 11 capital letters, VALUE at most 2^52,
 * at most 8 fractional digits) into the currency and the exact decimal value in major units. Servers print the
 * canonical form (`EUR:10`, `KUDOS:0.00000001`); non-canonical forms such as `EUR:10.50` or `EUR:007` read the same.
 * Throws a RangeError on anything malformed or too large: no sign, exponent, blank or lower-case currency.
 */
export function parseAmount(text: string): TalerAmount {
  const match = AMOUNT.exec(text);
  if (!match) throw new RangeError(`not a Taler amount: ${JSON.stringify(text)}`);
  const [, currency = '', whole = '', fraction] = match;
  if (BigInt(whole) > MAX_VALUE) throw new RangeError(`Taler amount value exceeds 2^52: ${JSON.stringify(text)}`);
  return { currency, value: canonicalDecimal(fraction === undefined ? whole : `${whole}.${fraction}`) };
}

/** Whether `text` is a Taler amount parseAmount reads (the wire schemas' check of optional amounts). */
export function isTalerAmount(text: string): boolean {
  try {
    parseAmount(text);
    return true;
  } catch {
    return false;
  }
}

/** A balance's amount, negative when the bank says the account is in debit (zero stays "0"). */
export function signedAmount(amount: string, indicator: CreditDebit): TalerAmount {
  const parsed = parseAmount(amount);
  return indicator === 'debit' ? { ...parsed, value: negateDecimal(parsed.value) } : parsed;
}
