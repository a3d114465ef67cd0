import { describe, expect, it } from 'vitest';
import { formatGlobalId, MAX_GLOBAL_ID_LENGTH, splitGlobalId } from './ids.js';
import { GatewayError } from './errors.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof GatewayError ? error.extensions.code : 'not a GatewayError';
  }
  return 'no error';
};

describe('splitGlobalId', () => {
  it.each([
    ['interledger:alice', 'INTERLEDGER', 'alice'],
    ['stellar:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA', 'STELLAR', 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA'],
    ['taler:alice', 'TALER', 'alice'],
    ['conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn', 'CONDUIT', 'acct_2fvietuCNSu8unMNLsEGBrDTVFn'],
    ['midaz:a/b/c', 'MIDAZ', 'a/b/c'],
    ['taler:a:b', 'TALER', 'a:b'],
  ])('splits %s', (id, provider, nativeId) => {
    expect(splitGlobalId(id)).toEqual({ provider, nativeId });
  });

  it.each([
    ['STELLAR:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA'],
    ['Taler:alice'],
    ['paypal:alice'],
    ['alice'],
    [''],
    [':alice'],
    ['__proto__:x'],
    ['constructor:x'],
    ['taler:.'],
    ['taler:..'],
    ['interledger:...'],
    [`taler:${'a'.repeat(MAX_GLOBAL_ID_LENGTH)}`],
  ])('refuses %j with BAD_USER_INPUT', (id) => {
    expect(codeOf(() => splitGlobalId(id))).toBe('BAD_USER_INPUT');
  });
});

describe('formatGlobalId', () => {
  it('writes the provider prefix in lower case', () => {
    expect(formatGlobalId('MIDAZ', 'o/l/a')).toBe('midaz:o/l/a');
  });
});
