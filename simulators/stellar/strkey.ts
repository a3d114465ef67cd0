// StrKey (SEP-0023) for the Horizon simulator: a version byte, the payload and a CRC16-XModem checksum (little
// endian), in RFC 4648 base32 without padding. Horizon checks account ids this way before it looks one up.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** SEP-0023's version bytes: the first letter of a key names its kind. */
export const VERSION = {
  /** G… an ed25519 public key (an account id). */
  account: 6 << 3,
  /** P… an ed25519 signed payload signer. */
  signedPayload: 15 << 3,
  /** T… the hash of a pre-authorised transaction. */
  preAuthTx: 19 << 3,
  /** X… the hash of a hash(x) preimage. */
  sha256Hash: 23 << 3,
} as const;

function crc16XModem(bytes: Uint8Array): number {
  let crc = 0x0000;
  for (const byte of bytes) {
    let x = ((crc >> 8) ^ byte) & 0xff;
    x ^= x >> 4;
    crc = ((crc << 8) ^ (x << 12) ^ (x << 5) ^ x) & 0xffff;
  }
  return crc;
}

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

/** Bytes of a base32 text, or undefined for a character outside the alphabet or stray non-zero trailing bits. */
function fromBase32(text: string): Uint8Array | undefined {
  const bytes: number[] = [];
  let value = 0;
  let bits = 0;
  for (const char of text) {
    const digit = BASE32.indexOf(char);
    if (digit < 0) return undefined;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return value === 0 ? Uint8Array.from(bytes) : undefined;
}

/** The StrKey of a payload under a version byte. */
export function encodeStrKey(version: number, payload: Uint8Array): string {
  const body = Uint8Array.from([version, ...payload]);
  const crc = crc16XModem(body);
  return toBase32(Uint8Array.from([...body, crc & 0xff, crc >> 8]));
}

/** The account id (`G…`) of a 32-byte ed25519 public key. */
export const encodeAccountId = (publicKey: Uint8Array): string => encodeStrKey(VERSION.account, publicKey);

/** Whether a text is an account id Horizon accepts: 56 characters, `G`, base32, account version byte, checksum. */
export function isAccountId(text: string): boolean {
  if (text.length !== 56 || !text.startsWith('G')) return false;
  const bytes = fromBase32(text);
  if (!bytes || bytes.length !== 35 || bytes[0] !== VERSION.account) return false;
  const crc = crc16XModem(bytes.subarray(0, 33));
  return bytes[33] === (crc & 0xff) && bytes[34] === crc >> 8;
}
