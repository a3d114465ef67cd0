// The simulators invent nothing: every field a simulator answers with, at every depth, appears with the same JSON
// type in the real payloads stored beside the gateway's provider modules (src/providers/<provider>/testdata/, written
// from each provider's own serialisers). Read as data only: no gateway code is imported.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type ProviderName, type SimulatorFleet } from './index.js';
import { FIXTURE_ACCOUNTS, FIXTURE_CLIENTS } from './conduit/fixtures.js';
import { INTERLEDGER_FIXTURES } from './interledger/fixtures.js';
import { midazFixtures, MIDAZ_LEDGER_IDS, MIDAZ_ORGANIZATION_ID } from './midaz/fixtures.js';
import { COSIGNER_ID, stellarFixtures } from './stellar/fixtures.js';
import { talerFixtures } from './taler/fixtures.js';

/** Maps whose keys are data, not fields: their entries are not compared. */
const OPAQUE = new Set(['metadata', 'data', 'customSettings', 'alt_unit_names']);

/** Every field path (`balances[].amount`) with the JSON types seen there; a null is compatible with any type. */
type Shape = Map<string, Set<string>>;

function shapeOf(value: unknown, shape: Shape = new Map(), path = ''): Shape {
  const note = (type?: string) => {
    const types = shape.get(path) ?? new Set<string>();
    if (type) types.add(type);
    shape.set(path, types);
  };
  if (value === null) note();
  else if (Array.isArray(value)) {
    note('array');
    for (const item of value) shapeOf(item, shape, `${path}[]`);
  } else if (typeof value === 'object') {
    note('object');
    if (!OPAQUE.has(path.split('.').at(-1) ?? '')) {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) shapeOf(item, shape, path ? `${path}.${key}` : key);
    }
  } else note(typeof value);
  return shape;
}

const merge = (shapes: Shape[]): Shape => {
  const merged: Shape = new Map();
  for (const shape of shapes) for (const [path, types] of shape) merged.set(path, new Set([...(merged.get(path) ?? []), ...types]));
  return merged;
};

/** What the simulator sends that no real payload has: an unknown field, or a type the field never has. */
function inventions(simulated: Shape, real: Shape): string[] {
  const found: string[] = [];
  for (const [path, types] of simulated) {
    const known = real.get(path);
    if (!known) found.push(`${path}: not in any real payload`);
    else for (const type of types) if (known.size > 0 && !known.has(type)) found.push(`${path}: ${type}, real payloads have ${[...known].join('/')}`);
  }
  return found;
}

const realPayloads = (provider: string, files: readonly string[]): Shape =>
  merge(files.map((file) => shapeOf(JSON.parse(readFileSync(new URL(`../src/providers/${provider}/testdata/${file}`, import.meta.url), 'utf8')))));

/** Field paths renamed before comparing, each for a reason the provider's documents give. */
const renamed = (shape: Shape, rename: (path: string) => string): Shape => merge([...shape].map(([path, types]) => new Map([[rename(path), types]])));

/** A path under another: the body of an account as an item of a list. */
const within = (parent: string, path: string): string => (path ? `${parent}.${path}` : parent);

let fleet: SimulatorFleet;
beforeAll(async () => {
  fleet = await startSimulators();
});
afterAll(() => fleet.close());

const basic = (username: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` });

/** The simulator's answers (200s only) to GETs on these paths, with the credentials it gives the gateway. */
async function answers(provider: ProviderName, paths: readonly string[], headers: Record<string, string>): Promise<Shape> {
  const shapes = await Promise.all(
    paths.map(async (path) => {
      const response = await fetch(`${fleet.byProvider[provider].url}${path}`, { headers });
      expect(response.status, path).toBe(200);
      return shapeOf(await response.json());
    }),
  );
  return merge(shapes);
}

describe('the Interledger connector simulator', () => {
  const admin = () => basic(fleet.env.INTERLEDGER_USERNAME ?? '', fleet.env.INTERLEDGER_PASSWORD ?? '');
  const ids = INTERLEDGER_FIXTURES.map((fixture) => fixture.account.accountId);

  it('answers accounts and balances only with fields the connector writes', async () => {
    const accounts = await answers(
      'INTERLEDGER',
      ids.map((id) => `/accounts/${id}`),
      admin(),
    );
    expect(
      inventions(accounts, realPayloads('interledger', ['alice-account.json', 'ping-account.json', 'v0.5-account.json', 'v0.1-account.json'])),
    ).toEqual([]);
    const balances = await answers(
      'INTERLEDGER',
      ids.map((id) => `/accounts/${id}/balance`),
      admin(),
    );
    expect(inventions(balances, realPayloads('interledger', ['alice-balance.json', 'v0.5-balance.json']))).toEqual([]);
  });

  it('lists under the relation name the code gives (the stored pages carry the docs’ `accounts`)', async () => {
    const page = renamed(await answers('INTERLEDGER', ['/accounts'], admin()), (path) =>
      path.replace('_embedded.immutableAccountSettingsList', '_embedded.accounts'),
    );
    const real = merge([
      realPayloads('interledger', ['accounts-page.json', 'v0.5-accounts-page.json']),
      renamed(realPayloads('interledger', ['v0.5-account.json', 'alice-account.json']), (path) => within('_embedded.accounts[]', path)),
    ]);
    expect(inventions(page, real)).toEqual([]);
  });
});

describe('the Horizon simulator', () => {
  const stored = [
    'account-horizon-22-protocol-22.json',
    'account-horizon-2.8-protocol-18.json',
    'account-horizon-2.1-protocol-17.json',
    'retrieve-an-account.json',
    'list-all-accounts-record.json',
  ];

  it('answers accounts and list records only with fields Horizon writes', async () => {
    const accounts = await answers('STELLAR', [...stellarFixtures.map((account) => `/accounts/${account.id}`)], {});
    const records = renamed(await answers('STELLAR', [`/accounts?signer=${COSIGNER_ID}&limit=200`], {}), (path) =>
      path.replace(/^_embedded\.records\[\]\.?/, ''),
    );
    // A sponsored account's own `sponsor` (Horizon's Account.Sponsor, omitempty): none of the stored accounts is sponsored.
    const real = merge([realPayloads('stellar', stored), new Map([['sponsor', new Set(['string'])]])]);
    expect(inventions(accounts, real)).toEqual([]);
    const page = new Set([
      '',
      '_links',
      '_links.self',
      '_links.self.href',
      '_links.next',
      '_links.next.href',
      '_links.prev',
      '_links.prev.href',
      '_embedded',
      '_embedded.records',
    ]);
    expect(inventions(new Map([...records].filter(([path]) => !page.has(path))), real)).toEqual([]);
  });
});

describe('the Taler simulator', () => {
  const admin = () => basic(fleet.env.TALER_USERNAME ?? '', fleet.env.TALER_PASSWORD ?? '');

  it('answers accounts and the admin list only with fields libeufin-bank writes', async () => {
    const accounts = await answers(
      'TALER',
      talerFixtures.map((fixture) => `/accounts/${encodeURIComponent(fixture.username)}`),
      admin(),
    );
    expect(
      inventions(
        accounts,
        realPayloads('taler', ['account-every-field-v10.json', 'account-0.11.json', 'account-alice.json', 'account-bob-debit.json']),
      ),
    ).toEqual([]);
    const list = await answers('TALER', ['/accounts', '/accounts?limit=-2'], admin());
    expect(inventions(list, realPayloads('taler', ['accounts-v10.json', 'accounts-0.11.json']))).toEqual([]);
  });
});

describe('the Conduit simulator', () => {
  const keys = () => ({ 'x-api-key': fleet.env.CONDUIT_API_KEY ?? '', 'x-api-secret': fleet.env.CONDUIT_API_SECRET ?? '' });

  it('answers accounts and client lists only with fields of API 2024-12-01', async () => {
    const accounts = await answers(
      'CONDUIT',
      FIXTURE_ACCOUNTS.map((account) => `/accounts/${account.id}`),
      keys(),
    );
    expect(inventions(accounts, realPayloads('conduit', ['get-account.seed.json', 'get-account.every-documented-value.json']))).toEqual([]);
    const lists = await answers(
      'CONDUIT',
      FIXTURE_CLIENTS.map((client) => `/clients/${client.id}/accounts`),
      keys(),
    );
    // Totals are AssetAmounts too, which may carry the country the documented AssetAmount has.
    const real = merge([
      realPayloads('conduit', ['list-client-accounts.docs.json', 'list-client-accounts.several.json']),
      new Map([['totalBalances.available[].country', new Set(['string'])]]),
    ]);
    expect(inventions(lists, real)).toEqual([]);
  });
});

describe('the Midaz simulator', () => {
  const token = () => ({ authorization: `Bearer ${fleet.env.MIDAZ_TOKEN ?? ''}` });
  const paths = midazFixtures.map(({ account }) => `/v1/organizations/${account.organizationId}/ledgers/${account.ledgerId}/accounts/${account.id}`);
  const accountFiles = ['account-v3.8.json', 'account-v3.0.json', 'account-savings-upper-case.json'];

  it('answers accounts, account pages and balance pages only with fields Midaz v3.8 writes', async () => {
    expect(inventions(await answers('MIDAZ', paths, token()), realPayloads('midaz', accountFiles))).toEqual([]);
    const balances = await answers('MIDAZ', [...paths.map((path) => `${path}/balances`), `${paths[1]}/balances?limit=1`], token());
    expect(
      inventions(
        balances,
        realPayloads('midaz', ['balances-v3.8.json', 'balances-v3.8-overdraft.json', 'balances-v3.8-external.json', 'balances-two-keys.json']),
      ),
    ).toEqual([]);
    const ledger = `/v1/organizations/${MIDAZ_ORGANIZATION_ID}/ledgers/${MIDAZ_LEDGER_IDS.brazil}/accounts`;
    const page = await answers('MIDAZ', [ledger, `${ledger}?limit=2&page=2`], token());
    // An account page is `{items, page, limit}` around the accounts (Midaz's Pagination model).
    const real = merge([
      renamed(realPayloads('midaz', accountFiles), (path) => within('items[]', path)),
      new Map(['', 'items', 'page', 'limit'].map((path) => [path, new Set(path === '' ? ['object'] : path === 'items' ? ['array'] : ['number'])])),
    ]);
    expect(inventions(page, real)).toEqual([]);
  });
});

describe('the comparison', () => {
  it('reports a field no real payload has, and a field sent with another type', () => {
    const real = shapeOf({ id: 'a', balance: { amount: '1' }, note: null });
    expect(inventions(shapeOf({ id: 'b', balance: { amount: '2' }, note: 'x' }), real)).toEqual([]);
    expect(inventions(shapeOf({ id: 'b', balance: { amount: 2 }, extra: true }), real)).toEqual([
      'balance.amount: number, real payloads have string',
      'extra: not in any real payload',
    ]);
  });
});
