// Midaz validation errors name fields in the gateway's own words: no upstream text, no prototype keys.
import { describe, expect, it } from 'vitest';
import { toUserErrors } from './mapping.js';

describe('toUserErrors with upstream field names', () => {
  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a secret-looking key', 'SECRET-F'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['__proto__', '__proto__'],
  ])('never copies %s into the message, and never fails', (_label, key) => {
    const body = JSON.parse(`{"code":"0009","fields":{${JSON.stringify(key)}:"x"}}`) as unknown;
    for (const kind of ['create', 'update', 'delete'] as const) {
      const errors = toUserErrors(kind, 400, body);
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.message).not.toContain(key);
        expect(Array.isArray(error.field)).toBe(true);
      }
    }
  });

  it('names a known field by its input path', () => {
    expect(toUserErrors('create', 400, { code: '0009', fields: { alias: 'taken' } })).toEqual([
      { code: 'INVALID', field: ['input', 'alias'], message: 'Midaz refused the value of alias.' },
    ]);
  });
});
