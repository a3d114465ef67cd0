// The Taler simulator over HTTP: it must answer like libeufin-bank v0.11.1, quirks included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../shared/server.js';
import { TALER_ADMIN_PASSWORD } from './fixtures.js';
import { simulator } from './simulator.js';

let sim: RunningSimulator;
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const ADMIN = basic('admin', TALER_ADMIN_PASSWORD);
const ADMIN_TOKEN = 'Bearer secret-token:EEFB4PBBRYZ6FW2NC5BQCA36DD29KPJ16A2VXWT777MCRTPMY5JD';

async function get(path: string, authorization?: string) {
  const response = await fetch(`${sim.url}${path}`, { headers: authorization ? { authorization } : {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** The usernames of a `GET /accounts` page, checking each item has the fields of an `AccountMinimalData`. */
const usernames = (body: Record<string, unknown> | undefined) =>
  (body?.accounts as Array<Record<string, unknown>>).map((item) => {
    expect(Object.keys(item)).toEqual(
      expect.arrayContaining(['username', 'name', 'payto_uri', 'balance', 'debit_threshold', 'is_public', 'is_taler_exchange', 'row_id', 'status']),
    );
    expect(item.row_id).toEqual(expect.any(Number));
    return item.username;
  });

beforeAll(async () => {
  sim = await startSimulator(simulator.create());
});
afterAll(() => sim.close());

describe('the Taler simulator', () => {
  it('serves the v0.11.1 config to anyone, named libeufin-bank', async () => {
    const { status, body } = await get('/config');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'libeufin-bank', version: '4:8:0', currency: 'EUR', wire_type: 'IBAN' });
  });

  it('asks for Basic credentials when none are sent', async () => {
    const { status, headers, body } = await get('/accounts/alice');
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Basic');
    expect(body).toEqual({ code: 25, hint: 'Authorization header not found' });
  });

  it.each([
    ['a bad password', basic('alice', 'nope'), 'Bad password'],
    ['an unknown user', basic('mallory', 'x'), 'Unknown account'],
    ['a deleted user', basic('erin', 'erin-password'), 'Unknown account'],
    ['an unknown token', 'Bearer secret-token:ZZZZ', 'Unknown token'],
  ])('refuses %s with 401 code 40', async (_what, authorization, hint) => {
    expect(await get('/accounts/alice', authorization)).toMatchObject({ status: 401, body: { code: 40, hint } });
  });

  it("answers 401, not the docs' 403, when a user reads another user's account", async () => {
    expect(await get('/accounts/alice', basic('bob', 'bob-password'))).toMatchObject({
      status: 401,
      body: { code: 40, hint: 'Customer bob have no right on alice account' },
    });
  });

  it('serves an account to its owner, to admin and to an admin token, with absent fields omitted', async () => {
    for (const authorization of [basic('alice', 'alice-password'), ADMIN, ADMIN_TOKEN]) {
      const { status, text, body } = await get('/accounts/alice', authorization);
      expect(status).toBe(200);
      expect(text).not.toContain('null');
      expect(body).toEqual({
        name: 'Alice Example',
        balance: { amount: 'EUR:10.5', credit_debit_indicator: 'credit' },
        payto_uri: 'payto://iban/DE62370400440532013001?receiver-name=Alice%20Example',
        debit_threshold: 'EUR:0',
        is_public: false,
        is_taler_exchange: false,
        status: 'active',
      });
    }
  });

  it('answers 404 code 5106 for an unknown account', async () => {
    expect(await get('/accounts/nobody', ADMIN)).toMatchObject({ status: 404, body: { code: 5106, hint: "Account 'nobody' not found" } });
  });

  it('prints amounts in canonical form', async () => {
    const { body } = await get('/accounts/bob', ADMIN);
    expect(body).toMatchObject({ balance: { amount: 'EUR:3', credit_debit_indicator: 'debit' }, debit_threshold: 'EUR:100' });
  });

  it('lists accounts to admin only', async () => {
    expect(await get('/accounts', basic('alice', 'alice-password'))).toMatchObject({
      status: 401,
      body: { code: 40, hint: 'Only administrator allowed' },
    });
    const { status, body } = await get('/accounts', ADMIN);
    expect(status).toBe(200);
    expect(usernames(body)).toEqual(['Frank_2', 'erin', 'dave.k', 'carol', 'exchange', 'bob', 'alice', 'admin']);
  });

  it.each([
    ['?limit=-2', ['Frank_2', 'erin']],
    ['?limit=-2&offset=7', ['dave.k', 'carol']],
    ['?limit=3', ['admin', 'alice', 'bob']],
    ['?limit=2&offset=2', ['bob', 'exchange']],
    ['?delta=2&start=2', ['bob', 'exchange']],
    ['?filter_name=Ex', ['exchange', 'alice']],
  ])('pages GET /accounts%s by row id', async (query, expected) => {
    expect(usernames((await get(`/accounts${query}`, ADMIN)).body)).toEqual(expected);
  });

  it('answers 204 with no body when no account matches', async () => {
    expect(await get('/accounts?filter_name=zzz', ADMIN)).toMatchObject({ status: 204, text: '' });
    expect(await get('/accounts?limit=5&offset=100', ADMIN)).toMatchObject({ status: 204, text: '' });
  });

  it('refuses a page size that is not a number', async () => {
    expect(await get('/accounts?delta=abc', ADMIN)).toMatchObject({ status: 400, body: { code: 26, hint: "Param 'delta' not a number" } });
  });

  it('lists public accounts to anyone', async () => {
    const { status, body } = await get('/public-accounts');
    expect(status).toBe(200);
    expect(body?.public_accounts).toEqual([
      {
        username: 'carol',
        payto_uri: 'payto://iban/DE08370400440532013003?receiver-name=Carol%20M%C3%BCller',
        balance: { amount: 'EUR:42', credit_debit_indicator: 'credit' },
        is_taler_exchange: false,
        row_id: 5,
      },
      {
        username: 'exchange',
        payto_uri: 'payto://iban/DE35370400440532013002?receiver-name=Taler%20Exchange',
        balance: { amount: 'EUR:1523.75', credit_debit_indicator: 'credit' },
        is_taler_exchange: true,
        row_id: 4,
      },
    ]);
  });

  it('points the gateway at itself with admin credentials it accepts', async () => {
    const env = simulator.env(sim.url);
    expect(env).toEqual({ TALER_URL: sim.url, TALER_USERNAME: 'admin', TALER_PASSWORD: TALER_ADMIN_PASSWORD });
    expect((await get('/accounts/bob', basic(env.TALER_USERNAME ?? '', env.TALER_PASSWORD ?? ''))).status).toBe(200);
  });

  it('offers sample ids that are all readable by admin', async () => {
    expect(simulator.sampleIds.length).toBeGreaterThanOrEqual(5);
    for (const id of simulator.sampleIds) {
      expect((await get(`/accounts/${encodeURIComponent(id.slice('taler:'.length))}`, ADMIN)).status).toBe(200);
    }
  });
});
