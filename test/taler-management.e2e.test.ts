// Taler account management end to end: the admin list (row-id paging, filter, 204), and create, update, delete
// with the bank's refusals as user errors and its two-factor challenges as typed results.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

const LIST = `query ($filterName: String, $first: Int, $after: String) {
  talerAccounts(filterName: $filterName, first: $first, after: $after) {
    edges { cursor node { id displayName balances { amount } } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const ACCOUNT_FIELDS = 'id displayName isPublic status paytoUri debitThreshold { amount currency } contact { email phone } tanChannels';
const CREATE = `mutation ($input: TalerAccountCreateInput!) {
  talerAccountCreate(input: $input) {
    account { ${ACCOUNT_FIELDS} }
    challenge { allRequired }
    userErrors { field code message }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: TalerAccountUpdateInput!) {
  talerAccountUpdate(id: $id, input: $input) {
    account { ${ACCOUNT_FIELDS} }
    challenge { allRequired challenges { id channel info } }
    userErrors { field code message }
  }
}`;
const DELETE = `mutation ($id: ID!) {
  talerAccountDelete(id: $id) {
    deletedId
    challenge { allRequired challenges { id channel info } }
    userErrors { field code message }
  }
}`;

const PASSWORD = 'correct horse battery staple 9';
const basic = (username: string, password: string) => ({
  'x-taler-authorization': `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});
const as = (username: string) => basic(username, `${username}-password`);

let stack: Stack;
const bank = () => stack.fleet.byProvider.TALER;
const calls = () => bank().requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);

beforeAll(async () => {
  stack = await startStack();
});
beforeEach(() => {
  stack.fleet.reset();
  bank().faults.clear();
});
afterAll(() => stack.close());

async function create(input: Record<string, unknown>, headers?: Record<string, string>) {
  const result = await stack.query(CREATE, { input: { password: PASSWORD, ...input } }, headers);
  expect(result.errors).toBeUndefined();
  return result.data?.talerAccountCreate;
}

describe('talerAccounts', () => {
  it('pages through every account of the bank, in row order, to the end', async () => {
    for (let i = 0; i < 25; i += 1) {
      const payload = await create({ username: `member-${String(i).padStart(2, '0')}`, name: `Club member ${i}` });
      expect(payload.userErrors).toEqual([]);
    }
    stack.fleet.reset();
    const ids: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await stack.query(LIST, { first: 10, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.talerAccounts;
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== undefined);
      ids.push(...connection.nodes.map((n: { id: string }) => n.id));
      sizes.push(connection.nodes.length);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(sizes).toEqual([10, 10, 10, 3]);
    expect(ids.slice(0, 3)).toEqual(['taler:admin', 'taler:alice', 'taler:bob']);
    expect(ids.at(-1)).toBe('taler:member-24');
    expect(new Set(ids).size).toBe(33);
    const queries = bank().requests.map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));
    expect(queries[0]).toEqual({ limit: '11', delta: '11' });
    expect(queries[1]).toEqual({ limit: '11', delta: '11', offset: '10', start: '10' });
  });

  it('never leads a client to an error or an empty page, also when the list is a multiple of `first` long', async () => {
    const all = await stack.query(LIST, { first: 100 });
    const total: number = all.data?.talerAccounts.nodes.length;
    expect(total).toBeGreaterThan(3);
    for (const first of [1, 2, total, total + 1, ...[3, 4, 5].filter((n) => total % n === 0)]) {
      let after: string | undefined;
      let seen = 0;
      for (let page = 0; page <= total; page += 1) {
        const result = await stack.query(LIST, { first, after });
        expect(result.errors).toBeUndefined();
        const connection = result.data?.talerAccounts;
        expect(connection.nodes.length).toBeGreaterThan(0);
        seen += connection.nodes.length;
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toBe(total);
    }
  });

  it('filters by name and reads a 204 as an empty page', async () => {
    const some = await stack.query(LIST, { filterName: 'Example' });
    expect(some.data?.talerAccounts.nodes).toEqual([{ id: 'taler:alice' }]);
    expect(bank().requests[0]?.url).toContain('filter_name=Example');
    const none = await stack.query(LIST, { filterName: 'Nobody at all' });
    expect(none.errors).toBeUndefined();
    expect(none.data?.talerAccounts).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('maps listed accounts like single reads and loads an account itself only for fields the list lacks', async () => {
    const plain = await stack.query(
      `{ talerAccounts(filterName: "Carol") { nodes { id balances { amount } debitThreshold { amount } fetchedAt } } }`,
    );
    expect(plain.data?.talerAccounts.nodes[0]).toMatchObject({ id: 'taler:carol', balances: [{ amount: '42' }], debitThreshold: { amount: '25' } });
    expect(calls()).toEqual(['GET /accounts']);
    stack.fleet.reset();
    const detailed = await stack.query(`{ talerAccounts(filterName: "Carol") { nodes { contact { email } tanChannels } } }`);
    expect(detailed.data?.talerAccounts.nodes[0]).toEqual({ contact: { email: 'carol@example.com' }, tanChannels: ['sms', 'email'] });
    expect(calls()).toEqual(['GET /accounts', 'GET /accounts/carol']);
  });

  it('refuses a forged cursor, and one used with another filter, before calling the bank', async () => {
    const page = await stack.query(LIST, { first: 2 });
    const cursor: string = page.data?.talerAccounts.pageInfo.endCursor;
    stack.fleet.reset();
    for (const variables of [
      { after: `${cursor.slice(0, -2)}xx` },
      { after: 'garbage' },
      { after: cursor, filterName: 'a' },
      { first: 101 },
      { first: 0 },
    ]) {
      const result = await stack.query(LIST, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(bank().requests).toHaveLength(0);
  });

  it('needs admin credentials: a holder’s own are refused by the bank', async () => {
    const result = await stack.query(LIST, {}, as('alice'));
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('talerAccountCreate, talerAccountUpdate, talerAccountDelete', () => {
  it('creates, reads, lists, updates and deletes an account', async () => {
    const created = await create({
      username: 'grace',
      name: 'Grace Hopper',
      contact: { email: 'grace@example.com', phone: '+15550100' },
      debitThreshold: { amount: '50.50', currency: 'EUR' },
    });
    expect(created).toMatchObject({
      userErrors: [],
      challenge: null,
      account: {
        id: 'taler:grace',
        displayName: 'Grace Hopper',
        status: 'ACTIVE',
        debitThreshold: { amount: '50.5', currency: 'EUR' },
        contact: { email: 'grace@example.com' },
      },
    });
    expect(calls()).toEqual(['POST /accounts', 'GET /accounts/grace']);

    const read = await stack.query(`{ account(id: "taler:grace") { id displayName } }`);
    expect(read.data?.account).toEqual({ id: 'taler:grace', displayName: 'Grace Hopper' });
    const listed = await stack.query(LIST, { filterName: 'Grace' });
    expect(listed.data?.talerAccounts.nodes).toEqual([{ id: 'taler:grace' }]);

    stack.fleet.reset();
    const updated = await stack.query(UPDATE, {
      id: 'taler:grace',
      input: { name: 'Grace B. Hopper', isPublic: true, debitThreshold: { amount: '100', currency: 'EUR' } },
    });
    expect(updated.data?.talerAccountUpdate).toMatchObject({
      userErrors: [],
      challenge: null,
      account: { displayName: 'Grace B. Hopper', isPublic: true, debitThreshold: { amount: '100' } },
    });
    expect(calls()).toEqual(['PATCH /accounts/grace', 'GET /accounts/grace']);

    const deleted = await stack.query(DELETE, { id: 'taler:grace' });
    expect(deleted.data?.talerAccountDelete).toEqual({ deletedId: 'taler:grace', challenge: null, userErrors: [] });
    const after = await stack.query(`{ account(id: "taler:grace") { ... on TalerAccount { status } } }`);
    expect(after.data?.account).toEqual({ status: 'DELETED' });
  });

  it('never echoes or logs the password', async () => {
    const password = 'unique-secret-Zq81!';
    const result = await stack.query(CREATE, { input: { username: 'heidi', name: 'Heidi', password } });
    expect(result.errors).toBeUndefined();
    expect(result.raw).not.toContain(password);
    expect(stack.logs.join('\n')).not.toContain(password);
    const clash = await stack.query(CREATE, { input: { username: 'heidi', name: 'Heidi', password } });
    expect(clash.raw).not.toContain(password);
  });

  it.each([
    ['a taken username', { username: 'alice', name: 'Another Alice' }, ['input', 'username'], 'CONFLICT'],
    ['a reserved username', { username: 'bank', name: 'The Bank' }, ['input', 'username'], 'CONFLICT'],
    ['a payto URI in use', { username: 'ivan', name: 'Ivan', paytoUri: 'payto://iban/DE89370400440532013000' }, ['input', 'paytoUri'], 'CONFLICT'],
    ['a TAN channel without its contact', { username: 'judy', name: 'Judy', tanChannel: 'SMS' }, ['input', 'tanChannel'], 'INVALID'],
  ])('answers %s at creation with a user error on its field', async (_what, input, field, code) => {
    const payload = await create(input);
    expect(payload.account).toBeNull();
    expect(payload.userErrors).toEqual([{ field, code, message: expect.any(String) }]);
    expect(calls()).toEqual(['POST /accounts']);
  });

  it.each([
    ['an admin-only legal name', { name: 'Alice Renamed' }, ['input', 'name'], 'NOT_ALLOWED'],
    ['an admin-only debit threshold', { debitThreshold: { amount: '1000', currency: 'EUR' } }, ['input', 'debitThreshold'], 'NOT_ALLOWED'],
    ['an admin-only cash-out URI', { cashoutPaytoUri: 'payto://iban/DE02100100109307118603' }, ['input', 'cashoutPaytoUri'], 'NOT_ALLOWED'],
    ['a TAN channel without its contact', { tanChannel: 'EMAIL' }, ['input', 'tanChannel'], 'INVALID'],
  ])('answers a holder’s update with %s as a user error on its field', async (_what, input, field, code) => {
    const result = await stack.query(UPDATE, { id: 'taler:alice', input }, as('alice'));
    expect(result.errors).toBeUndefined();
    expect(result.data?.talerAccountUpdate).toEqual({ account: null, challenge: null, userErrors: [{ field, code, message: expect.any(String) }] });
  });

  it.each([
    ['a non-zero balance', 'taler:bob', 'NON_ZERO_BALANCE'],
    ['a reserved account', 'taler:admin', 'NOT_ALLOWED'],
    ['an unknown account', 'taler:nobody', 'NOT_FOUND'],
  ])('refuses to delete an account with %s', async (_what, id, code) => {
    const result = await stack.query(DELETE, { id });
    expect(result.data?.talerAccountDelete).toEqual({
      deletedId: null,
      challenge: null,
      userErrors: [{ field: ['id'], code, message: expect.any(String) }],
    });
    const read = await stack.query(`{ account(id: "taler:bob") { id } }`);
    expect(read.data?.account).toEqual({ id: 'taler:bob' });
  });

  it('answers NOT_FOUND for an update of an unknown account', async () => {
    const result = await stack.query(UPDATE, { id: 'taler:nobody', input: { isPublic: true } });
    expect(result.data?.talerAccountUpdate.userErrors).toEqual([{ field: ['id'], code: 'NOT_FOUND', message: expect.any(String) }]);
  });

  it('returns the bank’s two-factor challenge as a result, and changes nothing', async () => {
    const result = await stack.query(UPDATE, { id: 'taler:carol', input: { isPublic: false } }, as('carol'));
    expect(result.errors).toBeUndefined();
    expect(result.data?.talerAccountUpdate).toEqual({
      account: null,
      userErrors: [],
      challenge: {
        allRequired: false,
        challenges: [
          { id: expect.any(String), channel: 'sms', info: expect.stringContaining('4567') },
          { id: expect.any(String), channel: 'email', info: expect.stringContaining('.com') },
        ],
      },
    });
    const read = await stack.query(`{ account(id: "taler:carol") { ... on TalerAccount { isPublic } } }`);
    expect(read.data?.account).toEqual({ isPublic: true });

    const deletion = await stack.query(DELETE, { id: 'taler:dave.k' }, as('dave.k'));
    expect(deletion.data?.talerAccountDelete).toEqual({
      deletedId: null,
      userErrors: [],
      challenge: { allRequired: false, challenges: [{ id: expect.any(String), channel: 'email', info: expect.any(String) }] },
    });
  });

  it.each([
    ['a malformed username', CREATE, { input: { username: 'bad name!', name: 'X', password: PASSWORD } }, [['input', 'username']]],
    ['an empty password', CREATE, { input: { username: 'kim', name: 'Kim', password: '' } }, [['input', 'password']]],
    ['a blank name', CREATE, { input: { username: 'kim', name: '  ', password: PASSWORD } }, [['input', 'name']]],
    [
      'bad contact data and amounts',
      CREATE,
      {
        input: {
          username: 'kim',
          name: 'Kim',
          password: PASSWORD,
          contact: { email: 'not-an-address', phone: '555-0100' },
          debitThreshold: { amount: '-1', currency: 'EUR' },
          minCashout: { amount: '1.123456789', currency: 'EUR' },
        },
      },
      [
        ['input', 'contact', 'email'],
        ['input', 'contact', 'phone'],
        ['input', 'debitThreshold', 'amount'],
        ['input', 'minCashout', 'amount'],
      ],
    ],
    [
      'a lower-case currency',
      UPDATE,
      { id: 'taler:alice', input: { debitThreshold: { amount: '5', currency: 'eur' } } },
      [['input', 'debitThreshold', 'currency']],
    ],
    ['an input changing nothing', UPDATE, { id: 'taler:alice', input: {} }, [['input']]],
    ['a malformed payto URI', UPDATE, { id: 'taler:alice', input: { cashoutPaytoUri: 'iban:DE02' } }, [['input', 'cashoutPaytoUri']]],
    ['another provider’s id', UPDATE, { id: 'stellar:GAYO', input: { isPublic: true } }, [['id']]],
    ['a malformed id', DELETE, { id: 'taler:bad name' }, [['id']]],
    ['an id without a provider', DELETE, { id: 'alice' }, [['id']]],
  ])('refuses %s with INVALID user errors and no call to the bank', async (_what, mutation, variables, fields) => {
    const result = await stack.query(mutation, variables);
    expect(result.errors).toBeUndefined();
    const payload = Object.values(result.data ?? {})[0] as { userErrors: Array<{ field: string[]; code: string }> };
    expect(payload.userErrors.map((e) => e.field)).toEqual(fields);
    expect(payload.userErrors.every((e) => e.code === 'INVALID')).toBe(true);
    expect(bank().requests).toHaveLength(0);
  });

  it('says the account was created when reading it back fails', async () => {
    bank().faults.set({ fault: { kind: 'status', status: 500 }, method: 'GET', path: '^/accounts/lena$' });
    const result = await stack.query(CREATE, { input: { username: 'lena', name: 'Lena', password: PASSWORD } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(result.errors?.[0]?.message).toMatch(/"lena" was created/);
    bank().faults.clear();
    const read = await stack.query(`{ account(id: "taler:lena") { id } }`);
    expect(read.data?.account).toEqual({ id: 'taler:lena' });
  });

  it('keeps credential refusals as errors: a holder cannot register accounts', async () => {
    const result = await stack.query(CREATE, { input: { username: 'mallory', name: 'Mallory', password: PASSWORD } }, as('alice'));
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.raw).not.toContain('Only administrator');
  });
});
