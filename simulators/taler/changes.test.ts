// The Taler simulator's account changes over HTTP: statuses, `{code, hint}` bodies, admin rules, 2FA challenges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../shared/server.js';
import { TALER_ADMIN_PASSWORD } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const ADMIN = basic('admin', TALER_ADMIN_PASSWORD);
const as = (username: string) => basic(username, `${username}-password`);

async function call(method: string, path: string, authorization: string, json?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

describe('the Taler simulator’s account changes', () => {
  it('registers an account (200 with its payto URI) that can then be read', async () => {
    const created = await call('POST', '/accounts', ADMIN, { username: 'nora', password: 'pw', name: 'Nora N', debit_threshold: 'EUR:20.50' });
    expect(created.status).toBe(200);
    expect(created.body?.internal_payto_uri).toMatch(/^payto:\/\/iban\/DE\d{20}\?receiver-name=Nora%20N$/);
    const read = await call('GET', '/accounts/nora', ADMIN);
    expect(read.body).toEqual({
      name: 'Nora N',
      balance: { amount: 'EUR:0', credit_debit_indicator: 'credit' },
      payto_uri: created.body?.internal_payto_uri,
      debit_threshold: 'EUR:20.5',
      is_public: false,
      is_taler_exchange: false,
      status: 'active',
    });
  });

  it.each([
    ['a reserved username', { username: 'admin', password: 'x', name: 'X' }, 409, 5120],
    ['a taken username', { username: 'alice', password: 'x', name: 'X' }, 409, 5121],
    ['a payto URI in use', { username: 'olga', password: 'x', name: 'X', payto_uri: 'payto://iban/DE89370400440532013000' }, 409, 5122],
    ['a TAN channel without contact', { username: 'olga', password: 'x', name: 'X', tan_channel: 'sms' }, 409, 5129],
    ['exchange that is not one', { username: 'exchange', password: 'x', name: 'X' }, 409, 9999],
    ['a missing password', { username: 'olga', name: 'X' }, 400, 22],
    ['another currency', { username: 'olga', password: 'x', name: 'X', debit_threshold: 'KUDOS:1' }, 400, 30],
    ['a malformed amount', { username: 'olga', password: 'x', name: 'X', debit_threshold: 'EUR:1.123456789' }, 400, 26],
  ])('refuses to register %s', async (_what, body, status, code) => {
    const result = await call('POST', '/accounts', ADMIN, body);
    expect(result).toMatchObject({ status, body: { code, hint: expect.any(String) } });
  });

  it('lets only the administrator register accounts', async () => {
    expect(await call('POST', '/accounts', as('alice'), { username: 'olga', password: 'x', name: 'X' })).toEqual({
      status: 401,
      body: { code: 40, hint: 'Only administrator allowed' },
    });
  });

  it('reconfigures with 204, refusing holders the admin-only fields', async () => {
    expect((await call('PATCH', '/accounts/bob', as('bob'), { is_public: true })).status).toBe(204);
    expect((await call('PATCH', '/accounts/bob', as('bob'), { name: 'Robert' })).body).toMatchObject({ code: 5135 });
    expect((await call('PATCH', '/accounts/bob', as('bob'), { debit_threshold: 'EUR:1' })).body).toMatchObject({ code: 5136 });
    expect((await call('PATCH', '/accounts/bob', as('bob'), { cashout_payto_uri: 'payto://iban/DE02100100109307118603' })).body).toMatchObject({
      code: 5140,
    });
    expect((await call('PATCH', '/accounts/bob', ADMIN, { name: 'Robert', debit_threshold: 'EUR:1' })).status).toBe(204);
    const read = (await call('GET', '/accounts/bob', ADMIN)).body;
    expect(read).toMatchObject({
      name: 'Robert',
      is_public: true,
      debit_threshold: 'EUR:1',
      payto_uri: expect.stringContaining('receiver-name=Robert'),
    });
    expect(await call('PATCH', '/accounts/nobody', ADMIN, { is_public: true })).toEqual({
      status: 404,
      body: { code: 5106, hint: "Account 'nobody' not found" },
    });
    expect((await call('PATCH', '/accounts/alice', as('bob'), { is_public: true })).status).toBe(401);
  });

  it('challenges a holder with a TAN channel (202), never the administrator', async () => {
    const challenged = await call('PATCH', '/accounts/carol', as('carol'), { is_public: false });
    expect(challenged.status).toBe(202);
    expect(challenged.body).toEqual({
      challenges: [
        { challenge_id: expect.any(String), tan_channel: 'sms', tan_info: '+49•••4567' },
        { challenge_id: expect.any(String), tan_channel: 'email', tan_info: 'car•••.com' },
      ],
      combi_and: false,
    });
    expect((await call('DELETE', '/accounts/dave.k', as('dave.k'))).status).toBe(202);
    expect((await call('PATCH', '/accounts/carol', ADMIN, { is_public: false })).status).toBe(204);
  });

  it('deletes only empty, unreserved accounts, keeping them as deleted', async () => {
    expect(await call('DELETE', '/accounts/bob', ADMIN)).toEqual({ status: 409, body: { code: 5123, hint: 'Account balance is not zero.' } });
    expect((await call('DELETE', '/accounts/bank', ADMIN)).body).toMatchObject({ code: 5120 });
    expect((await call('DELETE', '/accounts/nora', as('alice'))).status).toBe(401);
    expect((await call('DELETE', '/accounts/nora', ADMIN)).status).toBe(204);
    expect((await call('GET', '/accounts/nora', ADMIN)).body?.status).toBe('deleted');
    expect((await call('DELETE', '/accounts/nora', ADMIN)).status).toBe(404);
  });
});
