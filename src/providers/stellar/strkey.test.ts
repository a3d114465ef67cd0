// StrKey account id checks: what Horizon's SDK accepts is accepted, everything else refused with a reason.
import { describe, expect, it } from 'vitest';
import { accountIdProblem, crc16XModem, encodeAccountId, encodeStrKey, isAccountId, STRKEY_VERSION } from './strkey.js';

const SEED = 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA';
const key = (fill: number) => new Uint8Array(32).fill(fill);
const replaceAt = (text: string, index: number, char: string) => `${text.slice(0, index)}${char}${text.slice(index + 1)}`;

describe('crc16XModem', () => {
  it('gives the standard XModem check value for "123456789"', () => {
    expect(crc16XModem(new TextEncoder().encode('123456789'))).toBe(0x31c3);
  });
});

describe('isAccountId', () => {
  it.each([
    ['the seed account', SEED],
    ['a pubnet asset issuer', 'GAP5LETOV6YIE62YAM56STDANPRDO7ZFDBGSNHJQIYGGKSMOZAHOOS2S'],
    ['a testnet account', 'GDI73WJ4SX7LOG3XZDJC3KCK6ED6E5NBYK2JUBQSPBCNNWEG3ZN7T75U'],
    ['the all-zero key', 'GAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAWHF'],
    ['a generated key', encodeAccountId(key(0xab))],
  ])('accepts %s', (_name, id) => {
    expect(accountIdProblem(id)).toBeUndefined();
    expect(isAccountId(id)).toBe(true);
  });

  it.each([
    ['a wrong checksum', replaceAt(SEED, 55, 'B'), 'checksum'],
    ['a changed key character (checksum no longer matches)', replaceAt(SEED, 10, 'A'), 'checksum'],
    ['a secret seed (S…)', encodeStrKey(18 << 3, key(7)), 'start with `G`'],
    ['a muxed account (M…)', encodeStrKey(12 << 3, new Uint8Array(40).fill(7)), '56 characters'],
    ['a pre-authorised transaction hash (T…)', encodeStrKey(STRKEY_VERSION.preAuthTx, key(7)), 'start with `G`'],
    ['a G… string whose version byte is not 6 << 3', encodeStrKey(0x31, key(7)), 'version byte'],
    ['lower case', SEED.toLowerCase(), 'start with `G`'],
    ['lower case after the G', `G${SEED.slice(1).toLowerCase()}`, 'base32'],
    ['55 characters', SEED.slice(0, 55), '56 characters'],
    ['57 characters', `${SEED}A`, '56 characters'],
    ['base32 padding in place of the last characters', `${SEED.slice(0, 52)}====`, 'base32'],
    ['base32 padding after the id', `${SEED}====`, '56 characters'],
    ['the digit 0', replaceAt(SEED, 20, '0'), 'base32'],
    ['the digit 1', replaceAt(SEED, 20, '1'), 'base32'],
    ['the digit 8', replaceAt(SEED, 20, '8'), 'base32'],
    ['the digit 9', replaceAt(SEED, 20, '9'), 'base32'],
    ['the empty string', '', '56 characters'],
    ['a trailing space in place of the last character', `${SEED.slice(0, 55)} `, 'base32'],
  ])('refuses %s', (_name, id, reason) => {
    expect(isAccountId(id)).toBe(false);
    expect(accountIdProblem(id)).toContain(reason);
  });
});

describe('encodeAccountId', () => {
  it('makes 56-character G… ids that pass the check', () => {
    for (const fill of [0, 1, 0x7f, 0xff]) {
      const id = encodeAccountId(key(fill));
      expect(id).toMatch(/^G[A-Z2-7]{55}$/);
      expect(isAccountId(id)).toBe(true);
    }
  });

  it('refuses a public key that is not 32 bytes', () => {
    expect(() => encodeAccountId(new Uint8Array(31))).toThrow(RangeError);
  });
});
