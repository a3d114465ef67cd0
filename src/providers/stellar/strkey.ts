// Stellar StrKey account ids (`G…`): the full check Horizon's SDK makes (alphabet, length, version byte, CRC16), and encoding.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Version byte of an ed25519 account id (6 << 3); it makes every account id start with `G`. */
const ACCOUNT_ID_VERSION = 6 << 3;
const PUBLIC_KEY_BYTES = 32;
/** Version byte + public key + 2 checksum bytes = 35 bytes = exactly 56 base32 characters, no padding. */
const DECODED_BYTES = 1 + PUBLIC_KEY_BYTES + 2;
export const ACCOUNT_ID_LENGTH = 56;

/** CRC16-XModem: polynomial 0x1021, initial value 0, no reflection, no final xor. */
export function crc16XModem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** RFC 4648 base32 without padding; undefined for any character outside A–Z, 2–7. */
function base32Decode(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index] = (buffer >> bits) & 0xff;
      index += 1;
    }
  }
  return out;
}

function base32Encode(bytes: Uint8Array): string {
  let text = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET[(buffer >> bits) & 0x1f];
    }
  }
  if (bits > 0) text += ALPHABET[(buffer << (5 - bits)) & 0x1f];
  return text;
}

/** Why a string is not a valid account id, in words a client can act on; undefined when it is valid. */
export function accountIdProblem(id: string): string | undefined {
  if (id.length !== ACCOUNT_ID_LENGTH) return `it must be ${ACCOUNT_ID_LENGTH} characters long`;
  if (!id.startsWith('G')) return 'it must start with `G`';
  const bytes = base32Decode(id);
  if (!bytes || bytes.length !== DECODED_BYTES) return 'it may only contain the base32 characters A-Z and 2-7';
  if (bytes[0] !== ACCOUNT_ID_VERSION) return 'its version byte is not that of an account id';
  const expected = crc16XModem(bytes.subarray(0, DECODED_BYTES - 2));
  const stored = (bytes[DECODED_BYTES - 2] ?? 0) | ((bytes[DECODED_BYTES - 1] ?? 0) << 8);
  if (stored !== expected) return 'its checksum is wrong';
  return undefined;
}

export const isAccountId = (id: string): boolean => accountIdProblem(id) === undefined;

/** Version bytes of the other StrKey kinds, for signer keys in fixtures: `X…`, `T…` and `P…`. */
export const STRKEY_VERSION = { accountId: ACCOUNT_ID_VERSION, sha256Hash: 23 << 3, preAuthTx: 19 << 3, signedPayload: 15 << 3 } as const;

/** Any StrKey: base32 of version byte + payload + CRC16-XModem of both, little-endian. */
export function encodeStrKey(versionByte: number, payload: Uint8Array): string {
  const bytes = new Uint8Array(1 + payload.length + 2);
  bytes[0] = versionByte;
  bytes.set(payload, 1);
  const crc = crc16XModem(bytes.subarray(0, bytes.length - 2));
  bytes[bytes.length - 2] = crc & 0xff;
  bytes[bytes.length - 1] = crc >> 8;
  return base32Encode(bytes);
}

/** The `G…` account id of a 32-byte ed25519 public key (used by fixtures and tests to make valid ids). */
export function encodeAccountId(publicKey: Uint8Array): string {
  if (publicKey.length !== PUBLIC_KEY_BYTES) throw new RangeError(`an ed25519 public key has ${PUBLIC_KEY_BYTES} bytes, not ${publicKey.length}`);
  return encodeStrKey(ACCOUNT_ID_VERSION, publicKey);
}
