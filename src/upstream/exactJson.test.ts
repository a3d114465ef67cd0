import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, MalformedJsonError, MAX_DEPTH, parseExactJson, parseJson } from './exactJson.js';
import { canonicalDecimal, isDecimal } from '../decimal.js';

describe('parseExactJson', () => {
  it.each([
    ['{"available": 23212.31}', { available: '23212.31' }],
    ['{"n": 12345678901234567890}', { n: '12345678901234567890' }],
    ['{"n": 12345678901234567.89}', { n: '12345678901234567.89' }],
    ['{"n": 922337203685.4775807}', { n: '922337203685.4775807' }],
    ['{"n": -5, "s": "12345678901234567890"}', { n: '-5', s: '12345678901234567890' }],
    ['[0.1, 2, {"x": [3.25]}]', ['0.1', '2', { x: ['3.25'] }]],
    ['{"flag": true, "none": null, "text": "a, 1e5"}', { flag: true, none: null, text: 'a, 1e5' }],
    ['{"amount": "150", "scale": "2"}', { amount: '150', scale: '2' }],
    ['42', '42'],
    ['12345678901234567890', '12345678901234567890'],
    ['{"a": "é\\u00e9\\n\\"\\\\\\/", "b": "😀"}', { a: 'éé\n"\\/', b: '😀' }],
    [' \t\r\n{ "a" : [ ] , "b" : { } } \n', { a: [], b: {} }],
  ])('reads %s with every number as its exact text', (text, expected) => {
    expect(parseExactJson(text)).toEqual(expected);
  });

  it.each([
    ['5e-7', '0.0000005'],
    ['5E-7', '0.0000005'],
    ['1E+3', '1000'],
    ['1e3', '1000'],
    ['1e21', '1000000000000000000000'],
    ['-1.5e2', '-150'],
    ['1.50e1', '15.0'],
    ['0.5e1', '5'],
    ['123.456e-2', '1.23456'],
    ['1e0', '1'],
    ['1e-0', '1'],
    ['1e+00003', '1000'],
    ['0e5', '0'],
    ['0e-5', '0.00000'],
    ['-0', '-0'],
    ['-0.0', '-0.0'],
    ['-0e0', '-0'],
    ['0.000', '0.000'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
    ['1234567890123456789012345678901234567890', '1234567890123456789012345678901234567890'],
    ['12345678901234567890123456789e-10', '1234567890123456789.0123456789'],
    ['1e1000', `1${'0'.repeat(1000)}`],
    ['1e-1000', `0.${'0'.repeat(999)}1`],
  ])('reads the number %s as the plain decimal %s, which decimal.ts accepts', (number, expected) => {
    const read = (parseExactJson(`{"available": ${number}}`) as { available: string }).available;
    expect(read).toBe(expected);
    expect(isDecimal(read)).toBe(true);
    expect(() => canonicalDecimal(read)).not.toThrow();
  });

  it.each(['1e1001', '1e-1001', '5e999999999', `1e${'9'.repeat(400)}`, `1e-0000${'9'.repeat(30)}`])(
    'leaves %s (an exponent beyond ±1000) as its source text, which is not a decimal',
    (number) => {
      const read = (parseExactJson(`{"available": ${number}}`) as { available: string }).available;
      expect(read).toBe(number);
      expect(isDecimal(read)).toBe(false);
    },
  );

  it('caps the zeros a body may add: a body of large exponents does not grow a thousandfold', () => {
    const text = `[${Array.from({ length: 5_000 }, () => '1e1000').join(',')}]`;
    const started = performance.now();
    const read = parseExactJson(text) as string[];
    const written = read.reduce((sum, value) => sum + value.length, 0);
    expect(written).toBeLessThan(1_000_000 + text.length + 1_000);
    expect(read[0]).toBe(`1${'0'.repeat(1000)}`);
    expect(read.at(-1)).toBe('1e1000');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reads a body of one million digits in linear time', () => {
    const digits = '7'.repeat(1_000_000);
    const started = performance.now();
    const read = (parseExactJson(`{"n": ${digits}.5e-3}`) as { n: string }).n;
    expect(read === `${digits.slice(0, -3)}.7775`).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('duplicate keys: one rule, whatever else the body holds', () => {
  const withLongNumber = (body: string) => body.replace(/}$/, ', "other": 1234567890123456}');

  it.each([parseExactJson, parseJson])('refuses a key given twice with different values (%o)', (parse) => {
    for (const body of ['{"available": "1", "available": "1000"}', withLongNumber('{"available": "1", "available": "1000"}')]) {
      expect(() => parse(body)).toThrow(DuplicateKeyError);
    }
  });

  it.each([
    ['{"available": 1, "available": 2}', 'available'],
    ['{"items": [{"id": "a", "available": "1", "available": "1000"}]}', 'items[].available'],
    ['{"metadata": {"iban x": 1, "iban x": 2}}', 'metadata.*'],
    ['{"a": {"b": 1}, "a": {"b": 2}}', 'a'],
    ['{"a": [1, 2], "a": [1]}', 'a'],
    ['{"a": "1", "a": 1.0}', 'a'],
    ['{"a": null, "a": false}', 'a'],
  ])('names the field of %s (%s) and never its values', (body, field) => {
    const error = (() => {
      try {
        parseExactJson(body);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect((error as DuplicateKeyError).field).toBe(field);
    expect((error as Error).message).not.toMatch(/1000|iban|"2"/);
  });

  it.each([
    ['{"available": "1", "available": "1"}', { available: '1' }],
    ['{"a": 1.50, "a": 1.50}', { a: '1.50' }],
    ['{"a": 5e-7, "a": 0.0000005}', { a: '0.0000005' }],
    ['{"a": {"x": [1, {"y": null}]}, "a": {"x": [1, {"y": null}]}}', { a: { x: ['1', { y: null }] } }],
  ])('reads the same key with the same value once: %s', (body, expected) => {
    expect(parseExactJson(body)).toEqual(expected);
    expect(parseExactJson(withLongNumber(body))).toEqual({ ...expected, other: '1234567890123456' });
  });

  it('keeps "__proto__" an own property, never the prototype', () => {
    const read = parseJson('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseJson('{"__proto__": 1, "__proto__": 2}')).toThrow(DuplicateKeyError);
  });

  it('is not confused by keys Object.prototype has', () => {
    expect(parseJson('{"toString": 1, "constructor": "x", "hasOwnProperty": null}')).toEqual({ toString: 1, constructor: 'x', hasOwnProperty: null });
  });
});

describe('parseJson (native numbers)', () => {
  it.each([
    ['{"subentry_count": 3}', { subentry_count: 3 }],
    ['{"row_id": 9007199254740991}', { row_id: 9007199254740991 }],
    ['{"x": 0.1, "y": -2.5, "z": 1e3, "w": 5e-7}', { x: 0.1, y: -2.5, z: 1000, w: 5e-7 }],
    ['{"x": 1234567890.123456}', { x: 1234567890.123456 }],
    ['{"x": 1.50e1}', { x: 15 }],
    // Not exact as a double: handed over as exact text, so a number schema refuses it rather than read another value.
    ['{"row_id": 9007199254740993}', { row_id: '9007199254740993' }],
    ['{"x": 12345678901234567.89}', { x: '12345678901234567.89' }],
    ['{"x": 1e400}', { x: `1${'0'.repeat(400)}` }],
    ['{"x": 1e5000}', { x: '1e5000' }],
  ])('reads %s', (text, expected) => {
    expect(parseJson(text)).toEqual(expected);
  });

  it('reads -0 as JSON.parse does', () => {
    expect(Object.is(parseJson('-0'), -0)).toBe(true);
  });

  it('agrees with JSON.parse on bodies whose numbers a double holds', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const build = (depth: number): unknown => {
      const pick = random();
      if (depth > 3 || pick < 0.3) {
        const leaf = random();
        if (leaf < 0.25) return Math.round(random() * 1e6) / (random() < 0.5 ? 1 : 100);
        if (leaf < 0.5) return `s${random().toString(36)}\u00e9"\\\n`;
        if (leaf < 0.7) return random() < 0.5;
        return null;
      }
      if (pick < 0.65) return Array.from({ length: Math.floor(random() * 5) }, () => build(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, (_v, i) => [`k${i}`, build(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) {
      const text = JSON.stringify(build(0), null, i % 2 ? 2 : undefined);
      expect(parseJson(text)).toEqual(JSON.parse(text));
    }
  });
});

describe('malformed bodies', () => {
  it.each([
    '',
    ' ',
    '{"a": 1,',
    '{"a": 1,}',
    '[1, 2,]',
    '{a: 1}',
    "{'a': 1}",
    '{"a" 1}',
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": .5}',
    '{"a": +1}',
    '{"a": 1e}',
    '{"a": 1e+}',
    '{"a": -}',
    '{"a": NaN}',
    '{"a": Infinity}',
    '{"a": 0x10}',
    '{"a": tru}',
    '{"a": nul}',
    '{"a": "unterminated}',
    '{"a": "bad \\x escape"}',
    '{"a": "bad \\u12 escape"}',
    '{"a": "tab\tinside"}',
    '{"a": 1} {"b": 2}',
    '{"a": 1}x',
    '\ufeff{"a": 1}',
    '<html>upstream stack trace</html>',
    '{"truncated": ',
  ])('refuses %j as JSON.parse does', (text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(() => parseExactJson(text)).toThrow(MalformedJsonError);
    expect(() => parseJson(text)).toThrow(MalformedJsonError);
  });

  it('never puts the body in its message', () => {
    expect(() => parseExactJson('{"secret": "hunter2", oops}')).toThrow(/^not valid JSON: unexpected character at offset 22$/);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels without overflowing the stack`, () => {
    expect(parseExactJson(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`)).toBeInstanceOf(Array);
    expect(() => parseExactJson(`${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`)).toThrow(MalformedJsonError);
    expect(() => parseExactJson('[{"a":'.repeat(100_000))).toThrow(MalformedJsonError);
  });
});
