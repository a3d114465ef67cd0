// JSON parsing that keeps every number exact, as its text: for providers whose amounts may arrive as JSON numbers.
import { parse as parseLossless } from 'lossless-json';

/** A number token a double may not hold exactly: 16 or more digits, or an exponent. False positives only cost speed. */
const RISKY_NUMBER = /[:,[]\s*-?(?:\d[\d.]{15,}|[\d.]+[eE])/;

const numberAsText = (_key: string, value: unknown) => (typeof value === 'number' ? String(value) : value);

/**
 * Every JSON number arrives as its decimal text, never as a lossy double. Bodies whose numbers all have at most
 * 15 significant digits (all real ones) take native JSON.parse, where String(number) is exact; any other body
 * takes lossless-json, which keeps the source text of each number.
 */
export function parseExactJson(text: string): unknown {
  return RISKY_NUMBER.test(text) ? parseLossless(text, null, (value) => value) : JSON.parse(text, numberAsText);
}
