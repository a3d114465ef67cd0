import { describe, expect, it } from 'vitest';
import { parseExactJson } from './exactJson.js';

describe('parseExactJson', () => {
  it.each([
    ['{"available": 23212.31}', { available: '23212.31' }],
    ['{"n": 12345678901234567890}', { n: '12345678901234567890' }],
    ['{"n": 12345678901234567.89}', { n: '12345678901234567.89' }],
    ['{"n": 922337203685.4775807}', { n: '922337203685.4775807' }],
    ['{"n": 1e21}', { n: '1e21' }],
    ['{"n": -5, "s": "12345678901234567890"}', { n: '-5', s: '12345678901234567890' }],
    ['[0.1, 2, {"x": [3.25]}]', ['0.1', '2', { x: ['3.25'] }]],
    ['{"flag": true, "none": null, "text": "a, 1e5"}', { flag: true, none: null, text: 'a, 1e5' }],
    ['{"amount": "150", "scale": "2"}', { amount: '150', scale: '2' }],
    ['42', '42'],
    ['12345678901234567890', '12345678901234567890'],
  ])('reads %s with every number as its exact text', (text, expected) => {
    expect(parseExactJson(text)).toEqual(expected);
  });

  it('refuses malformed JSON', () => {
    expect(() => parseExactJson('{"a": 1,')).toThrow();
  });
});
