// JSON parsing that keeps every number exact, as its text: for providers whose amounts may arrive as JSON numbers.
import { parse as parseLossless } from 'lossless-json';

/** A number token a double may not hold exactly: 16 or more digits, or an exponent. False positives only cost speed. */
const RISKY_NUMBER = /(?:^|[:,[])\s*-?(?:\d[\d.]{15,}|[\d.]+[eE])/;
/** Any number token at all (an approximation: a false positive only costs the reviver). */
const ANY_NUMBER = /(?:^|[:,[])\s*-?\d/;

const numberAsText = (_key: string, value: unknown) => (typeof value === 'number' ? String(value) : value);

/**
 * Every JSON number arrives as its decimal text, never as a lossy double. Bodies without numbers (Jackson writes
 * them all as strings) take plain JSON.parse; bodies whose numbers all have at most 15 significant digits take
 * JSON.parse with String(number), which is exact for them; any other body takes lossless-json, which keeps the
 * source text of each number.
 */
export function parseExactJson(text: string): unknown {
  if (!ANY_NUMBER.test(text)) return JSON.parse(text);
  return RISKY_NUMBER.test(text) ? parseLossless(text, null, (value) => value) : JSON.parse(text, numberAsText);
}
