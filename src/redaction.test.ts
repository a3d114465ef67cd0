import { describe, expect, it } from 'vitest';
import { withoutUserinfo } from './redaction.js';

describe('withoutUserinfo', () => {
  it.each([
    ['https://conn-user:conn-pass-456@bob.example/accounts/connie/ilp', 'https://bob.example/accounts/connie/ilp'],
    ['http://token@host:8080/', 'http://host:8080/'],
    ['btp+wss://:secret@peer.example', 'btp+wss://peer.example'],
    ['payto://iban/DE00000000000000000001?receiver-name=A%40B', 'payto://iban/DE00000000000000000001?receiver-name=A%40B'],
    ['https://peer.example/path@not-userinfo', 'https://peer.example/path@not-userinfo'],
    ['mailto:someone@example.org', 'mailto:someone@example.org'],
    ['plain text', 'plain text'],
  ])('%s → %s', (input, output) => {
    expect(withoutUserinfo(input)).toBe(output);
  });
});
