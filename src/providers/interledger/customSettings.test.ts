// The allowlist of harmless custom settings: flattened names, everything else redacted at any depth, URLs without userinfo.
import { describe, expect, it } from 'vitest';
import { HARMLESS_SETTINGS, flattenSettings, toCustomSettingEntries, withSetting } from './customSettings.js';
import { REDACTED } from '../../redaction.js';

const shown = (settings: Record<string, unknown>) => Object.fromEntries(toCustomSettingEntries(settings).map(({ key, value }) => [key, value]));

describe('toCustomSettingEntries', () => {
  it.each([
    // quilt 1.1+ names (connector 0.2.0 to 0.5.1)
    ['ilpOverHttp.incoming.auth_type', 'JWT_HS_256'],
    ['ilpOverHttp.outgoing.auth_type', 'SIMPLE'],
    ['ilpOverHttp.incoming.jwt.token_issuer', 'https://alice.example/'],
    ['ilpOverHttp.incoming.jwt.token_audience', 'https://connie.example/'],
    ['ilpOverHttp.incoming.jwt.token_subject', 'alice'],
    ['ilpOverHttp.outgoing.jwt.token_subject', 'connie'],
    ['ilpOverHttp.outgoing.jwt.token_expiry', 'PT2M'],
    ['ilpOverHttp.outgoing.url', 'https://alice.example/ilp'],
    // quilt 1.0.x names (connector 0.1.0)
    ['ilpOverHttp.incoming.token_issuer', 'https://alice.example/'],
    ['ilpOverHttp.outgoing.token_expiry', 'PT2M'],
    // LoopbackLink
    ['simulatedRejectErrorCode', 'T02'],
  ])('shows the harmless setting %s in clear', (key, value) => {
    expect(HARMLESS_SETTINGS.has(key)).toBe(true);
    expect(shown({ [key]: value })).toEqual({ [key]: value });
  });

  it.each([
    'ilpOverHttp.incoming.jwt.shared_secret',
    'ilpOverHttp.outgoing.jwt.shared_secret',
    'ilpOverHttp.incoming.simple.auth_token',
    'ilpOverHttp.outgoing.simple.auth_token',
    'ilpOverHttp.incoming.shared_secret',
    'private_key_pem',
    'api_keys',
    'authorization',
    'seed',
    'password',
    'ilpOverHttp.outgoing.jwt.subject',
    'ilpOverHttp.outgoing.URL',
    'description',
    'settlementEngine.baseUrl',
  ])('redacts %s, which is not on the list, whatever its name says', (key) => {
    expect(shown({ [key]: 'value-123' })).toEqual({ [key]: REDACTED });
  });

  it('redacts any encrypted value, even under an allowed name', () => {
    expect(shown({ 'ilpOverHttp.outgoing.url': 'enc:JKS:crypto.p12:secret0:1:aes_gcm:AAAA' })).toEqual({ 'ilpOverHttp.outgoing.url': REDACTED });
  });

  it('flattens nested settings as the connector does and redacts at any depth', () => {
    const settings = {
      ilpOverHttp: {
        incoming: { auth_type: 'JWT_HS_256', jwt: { shared_secret: 'enc:JKS:x', token_issuer: 'https://bob.example/' } },
        outgoing: { auth_type: 'SIMPLE', simple: { auth_token: 'plain-outgoing-token-123' }, url: 'https://user:pass@bob.example/ilp' },
      },
      'ilpOverHttp.outgoing.jwt': { token_subject: 'connie' },
      extra: { nested: { deeper: ['a', { private_key_pem: '-----BEGIN' }] } },
    };
    expect(toCustomSettingEntries(settings)).toEqual([
      { key: 'ilpOverHttp.incoming.auth_type', value: 'JWT_HS_256' },
      { key: 'ilpOverHttp.incoming.jwt.shared_secret', value: REDACTED },
      { key: 'ilpOverHttp.incoming.jwt.token_issuer', value: 'https://bob.example/' },
      { key: 'ilpOverHttp.outgoing.auth_type', value: 'SIMPLE' },
      { key: 'ilpOverHttp.outgoing.simple.auth_token', value: REDACTED },
      { key: 'ilpOverHttp.outgoing.url', value: 'https://bob.example/ilp' },
      { key: 'ilpOverHttp.outgoing.jwt.token_subject', value: 'connie' },
      { key: 'extra.nested.deeper', value: REDACTED },
    ]);
  });

  it('shows arrays and non-string values of an allowed name as JSON, with URLs inside stripped and objects inside redacted', () => {
    expect(shown({ 'ilpOverHttp.outgoing.url': ['https://u:p@a.example/', { auth_token: 'x' }, 7, null] })).toEqual({
      'ilpOverHttp.outgoing.url': JSON.stringify(['https://a.example/', { auth_token: REDACTED }, 7, null]),
    });
    expect(shown({ 'ilpOverHttp.outgoing.jwt.token_expiry': 120 })).toEqual({ 'ilpOverHttp.outgoing.jwt.token_expiry': '120' });
  });

  it('shows a setting sent both nested and flat once, redacted when either copy is', () => {
    expect(toCustomSettingEntries({ ilpOverHttp: { outgoing: { url: 'https://a.example/' } }, 'ilpOverHttp.outgoing.url': 'enc:JKS:x' })).toEqual([
      { key: 'ilpOverHttp.outgoing.url', value: REDACTED },
    ]);
  });

  it('answers no settings for null or none', () => {
    expect(toCustomSettingEntries(null)).toEqual([]);
    expect(toCustomSettingEntries({})).toEqual([]);
  });
});

describe('flattenSettings', () => {
  it('joins nested keys with dots and leaves arrays whole', () => {
    expect(flattenSettings({ a: { b: { c: 1 }, 'd.e': [1, 2] }, f: null })).toEqual([
      ['a.b.c', 1],
      ['a.d.e', [1, 2]],
      ['f', null],
    ]);
  });
});

describe('withSetting', () => {
  it('replaces a setting where it is kept, nested or flat, and adds a new one at the top', () => {
    const settings = {
      ilpOverHttp: { outgoing: { url: 'https://old.example/', simple: { auth_token: 'enc:x' } } },
      'ilpOverHttp.incoming.auth_type': 'SIMPLE',
    };
    expect(withSetting(settings, 'ilpOverHttp.outgoing.url', 'https://new.example/')).toEqual({
      ilpOverHttp: { outgoing: { url: 'https://new.example/', simple: { auth_token: 'enc:x' } } },
      'ilpOverHttp.incoming.auth_type': 'SIMPLE',
    });
    expect(withSetting(settings, 'ilpOverHttp.incoming.auth_type', 'JWT_HS_256')['ilpOverHttp.incoming.auth_type']).toBe('JWT_HS_256');
    expect(withSetting(settings, 'simulatedRejectErrorCode', 'T02')).toMatchObject({
      simulatedRejectErrorCode: 'T02',
      ilpOverHttp: settings.ilpOverHttp,
    });
    expect(settings.ilpOverHttp.outgoing.url).toBe('https://old.example/');
  });
});
