// A stand-in for the Interledger Java connector's admin API: Basic auth, Jackson's number-strings, HAL, problem+json, and account changes.
import { publicAccountId } from '../shared/ids.js';
import { basicCredentials, type ProviderSimulator, type SimRequest, type SimResponse, type SimulatorDefinition } from '../shared/server.js';
import {
  CONNECTOR_ADDRESS,
  INTERLEDGER_FIXTURES,
  INTERLEDGER_PAYMENTS,
  streamPaymentIdOf,
  type FixtureAccount,
  type FixtureBalance,
  type FixturePayment,
} from './fixtures.js';

/** The demo connector's `interledger.connector.adminPassword`, shared by `admin` and `user` as on the real server. */
export const DEMO_PASSWORD = 'connie-demo-admin-pw';

const ERRORS = 'https://errors.interledger.org/accounts';
const PROBLEM = { 'content-type': 'application/problem+json' } as const;

const problem = (status: number, body: Record<string, unknown>): SimResponse => ({ status, body, headers: PROBLEM });

const unauthorized = () => problem(401, { title: 'Unauthorized', status: 401, detail: 'Full authentication is required to access this resource' });
const forbidden = () => problem(403, { title: 'Forbidden', status: 403, detail: 'Access is denied' });
const accountNotFound = (accountId: string) =>
  problem(404, { accountId, type: `${ERRORS}/account-not-found`, title: `Account Not Found (\`${accountId}\`)`, status: 404 });
const invalidAccountId = (detail: string) => problem(400, { type: `${ERRORS}/invalid-account-id`, title: 'Invalid AccountId', status: 400, detail });
const accountExists = (accountId: string) =>
  problem(409, { accountId, type: `${ERRORS}/account-already-exists`, title: `Account Already Exists (\`${accountId}\`)`, status: 409 });
const invalidSettings = (accountId: string, detail: string) =>
  problem(400, { accountId, type: `${ERRORS}/invalid-account-settings`, title: 'Invalid Account Settings', status: 400, detail });
/** Spring's answer to a body Jackson cannot turn into AccountSettings (a missing required attribute, a bad enum). */
const unreadable = (detail: string) => problem(400, { title: 'Bad Request', status: 400, detail: `JSON parse error: ${detail}` });

/** The connector's AccountId rules (Ids.java): normalise first, then check length and characters. */
function checkAccountId(raw: string): { accountId: string } | { error: SimResponse } {
  const accountId = raw.toLowerCase().replaceAll('.', '');
  if (accountId.length > 64) return { error: invalidAccountId('AccountId must not be longer than 64 characters') };
  if (!/^[a-z0-9_~-]+$/.test(accountId)) {
    return { error: invalidAccountId("AccountIds may only contain the following characters: 'a–z', '0–9', '-', '_', or '~'") };
  }
  return { accountId };
}

const RELATIONSHIPS = new Set(['PARENT', 'PEER', 'CHILD']);
const REQUIRED = ['accountRelationship', 'assetCode', 'assetScale', 'linkType'] as const;

/** Jackson reads numbers sent as strings or as numbers; the connector writes them back as strings. */
const numberText = (value: unknown): string | null => (typeof value === 'number' || typeof value === 'string' ? String(value) : null);
const integerText = (value: unknown): string | null => {
  const text = numberText(value);
  return text !== null && /^-?\d+$/.test(text) ? text : null;
};
const record_ = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The connector encrypts link secrets it is given in plain text before storing them (shown back as `enc:…`). */
function encryptSecrets(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) =>
      /(shared_secret|auth_token)$/.test(key) && typeof value === 'string' && !value.startsWith('enc:')
        ? [key, `enc:JKS:crypto.p12:secret0:1:aes_gcm:${Buffer.from(value).toString('base64url')}`]
        : [key, value],
    ),
  );
}

/**
 * An `AccountSettings` body as the connector would store it: required attributes checked, defaults filled in
 * (routing flags by relationship, settleTo 0), and the balance rule settleThreshold ≥ settleTo enforced.
 */
function toStoredAccount(accountId: string, body: unknown, createdAt: string): FixtureAccount | SimResponse {
  const input = record_(body);
  const missing = REQUIRED.filter((key) => input[key] === undefined || input[key] === null);
  if (missing.length) return unreadable(`Cannot build AccountSettings, some of required attributes are not set [${missing.join(', ')}]`);
  const relationship = String(input.accountRelationship);
  if (!RELATIONSHIPS.has(relationship)) return unreadable(`Cannot deserialize value of type \`AccountRelationship\` from String "${relationship}"`);
  const assetScale = integerText(input.assetScale);
  if (assetScale === null) return unreadable('Cannot deserialize value of type `int` for assetScale');
  const balance = record_(input.balanceSettings);
  const settleTo = integerText(balance.settleTo) ?? '0';
  const settleThreshold = integerText(balance.settleThreshold);
  if (settleThreshold !== null && BigInt(settleThreshold) < BigInt(settleTo)) {
    return invalidSettings(accountId, 'settleThreshold must be greater than or equal to the settleTo');
  }
  const bool = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback);
  return {
    accountId,
    createdAt,
    modifiedAt: new Date().toISOString(),
    description: typeof input.description === 'string' ? input.description : '',
    accountRelationship: relationship as FixtureAccount['accountRelationship'],
    assetCode: String(input.assetCode),
    assetScale,
    maximumPacketAmount: integerText(input.maximumPacketAmount),
    linkType: String(input.linkType),
    ilpAddressSegment: typeof input.ilpAddressSegment === 'string' && input.ilpAddressSegment ? input.ilpAddressSegment : accountId,
    connectionInitiator: bool(input.connectionInitiator, true),
    internal: bool(input.internal, false),
    sendRoutes: bool(input.sendRoutes, relationship !== 'PARENT'),
    receiveRoutes: bool(input.receiveRoutes, relationship !== 'CHILD'),
    balanceSettings: { minBalance: integerText(balance.minBalance), settleThreshold, settleTo },
    rateLimitSettings: { maxPacketsPerSecond: integerText(record_(input.rateLimitSettings).maxPacketsPerSecond) },
    settlementEngineDetails: (input.settlementEngineDetails ?? null) as FixtureAccount['settlementEngineDetails'],
    customSettings: encryptSecrets(record_(input.customSettings)),
  };
}

const isResponse = (value: FixtureAccount | SimResponse): value is SimResponse => 'status' in value;

const origin = (request: SimRequest) => `http://${request.headers.host ?? 'localhost:8080'}`;

const withLinks = (account: FixtureAccount, request: SimRequest) => ({
  ...account,
  _links: { self: { href: `${origin(request)}/accounts/${account.accountId}` } },
});

/** Admin may do anything; `user` only what SecurityConfiguration lets any authenticated caller do: balances and payments. */
function authorize(request: SimRequest): SimResponse | undefined {
  const credentials = basicCredentials(request.headers);
  const known = credentials && (credentials.username === 'admin' || credentials.username === 'user') && credentials.password === DEMO_PASSWORD;
  const path = request.url.split('?')[0] ?? '';
  // The simulator's own control routes (like its fault route) need no connector credentials.
  if (path.startsWith('/__simulator/')) return undefined;
  if (!known) return unauthorized();
  if (credentials.username === 'user' && !/^\/accounts\/[^/]+\/(balance|payments(\/[^/]+)?)$/.test(path)) return forbidden();
  return undefined;
}

/** The connector's fixed page size for payments (StreamPaymentController). */
const PAYMENTS_PAGE_SIZE = 100;

/** Spring's answer to a request parameter it cannot convert (`?page=abc`). */
const badParameter = (detail: string) => problem(400, { title: 'Bad Request', status: 400, detail });

/** The account's payments as the connector lists them: newest first (createdAt descending). */
const newestFirst = (payments: Iterable<FixturePayment>, accountId: string): FixturePayment[] =>
  [...payments].filter((p) => p.accountId === accountId).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

/** A local payment pointer (`$<host>/<accountId>`, the connector's local SPSP) names this account; anything else is remote. */
const localReceiver = (pointer: string): string | undefined => /^\$[^/]+\/([^/?#]+)$/.exec(pointer)?.[1]?.toLowerCase().replaceAll('.', '');

/** Base units at one scale as base units at another (1:1 between assets of the same code); undefined when not exact. */
function rescale(units: bigint, from: number, to: number): bigint | undefined {
  if (to >= from) return units * 10n ** BigInt(to - from);
  const divisor = 10n ** BigInt(from - to);
  return units % divisor === 0n ? units / divisor : undefined;
}

function create(): SimulatorDefinition {
  const accounts = new Map<string, FixtureAccount>(INTERLEDGER_FIXTURES.map((f) => [f.account.accountId, structuredClone(f.account)]));
  const balances = new Map<string, FixtureBalance>(INTERLEDGER_FIXTURES.map((f) => [f.account.accountId, structuredClone(f.balance)]));
  /** Payments by account id and payment id, as the connector's STREAM_PAYMENTS table keeps them. */
  const payments = new Map<string, FixturePayment>(INTERLEDGER_PAYMENTS.map((p) => [`${p.accountId}/${p.streamPaymentId}`, structuredClone(p)]));
  let sequence = 0;

  /** A payment moves the account's clearing balance, as the connector's balance tracker does for its packets. */
  const record = (payment: FixturePayment) => {
    payments.set(`${payment.accountId}/${payment.streamPaymentId}`, payment);
    const balance = balances.get(payment.accountId);
    if (balance) {
      balance.clearingBalance = (BigInt(balance.clearingBalance) + BigInt(payment.amount)).toString();
      balance.netBalance = (BigInt(balance.clearingBalance) + BigInt(balance.prepaidAmount)).toString();
    }
  };

  /**
   * `POST /accounts/{id}/payments` (`LocalSendPaymentRequest`): sends `amount` base units to a payment pointer. The
   * simulator's STREAM always delivers the whole amount: recorded as PAYMENT_SENT on the sender, and, when the pointer
   * is one of this connector's accounts with the same asset, as PAYMENT_RECEIVED on the receiver too.
   */
  const sendPayment = (request: SimRequest, sender: FixtureAccount): SimResponse => {
    const input = record_(request.body);
    const amount = integerText(input.amount);
    const pointer = typeof input.destinationPaymentPointer === 'string' ? input.destinationPaymentPointer : '';
    if (amount === null || BigInt(amount) <= 0n || !pointer.startsWith('$')) {
      return unreadable('Cannot build LocalSendPaymentRequest, some of required attributes are not set [amount, destinationPaymentPointer]');
    }
    sequence += 1;
    const now = new Date();
    const at = now.toISOString();
    const receiverId = localReceiver(pointer);
    const receiver = receiverId ? accounts.get(receiverId) : undefined;
    const local = receiver && receiver.assetCode === sender.assetCode ? receiver : undefined;
    const destinationAddress = local
      ? `${CONNECTOR_ADDRESS}.${local.ilpAddressSegment}.~spsp.sim${sequence}`
      : `test.remote.${pointer.slice(1).replace(/[^A-Za-z0-9_~-]+/g, '-')}.~spsp.sim${sequence}`;
    const delivered = local ? rescale(BigInt(amount), Number(sender.assetScale), Number(local.assetScale)) : BigInt(amount);
    const sent: FixturePayment = {
      streamPaymentId: streamPaymentIdOf(destinationAddress),
      accountId: sender.accountId,
      sourceAddress: `${CONNECTOR_ADDRESS}.${sender.ilpAddressSegment}`,
      destinationAddress,
      amount: `-${amount}`,
      expectedAmount: `-${amount}`,
      packetCount: '1',
      assetCode: sender.assetCode,
      assetScale: sender.assetScale,
      status: 'CLOSED_BY_STREAM',
      type: 'PAYMENT_SENT',
      deliveredAmount: (delivered ?? 0n).toString(),
      deliveredAssetCode: local ? local.assetCode : null,
      deliveredAssetScale: local ? local.assetScale : null,
      createdAt: at,
      modifiedAt: at,
    };
    record(sent);
    if (local && delivered !== undefined) {
      record({
        ...sent,
        accountId: local.accountId,
        amount: delivered.toString(),
        expectedAmount: null,
        assetCode: local.assetCode,
        assetScale: local.assetScale,
        type: 'PAYMENT_RECEIVED',
      });
    }
    // LocalSendPaymentResponse: the payment sent and its derived fields.
    return {
      status: 200,
      body: { ...sent, originalAmount: amount, amountDelivered: sent.deliveredAmount, amountSent: amount, successfulPayment: true },
    };
  };

  /**
   * `POST /__simulator/settlements` (the simulator's own, no auth): `{ accountId, amount }` with `amount` signed integer
   * base units as a string, added exactly to the account's clearing balance (net = clearing + prepaid), as a
   * settlement moves it on the connector. Settlements are not STREAM payments, so the payments list does not show them.
   * 200 with the balance as `GET /accounts/{id}/balance` answers it; 400 for a bad body, 404 for an unknown account.
   */
  const settle = (request: SimRequest): SimResponse => {
    const input = request.body;
    if (input === null || typeof input !== 'object' || Array.isArray(input))
      return badParameter('The body must be a JSON object { accountId, amount }');
    const { accountId, amount } = input as Record<string, unknown>;
    if (typeof accountId !== 'string' || accountId === '') return badParameter('accountId is required (a string)');
    if (typeof amount !== 'string') return badParameter('amount is required as a string of integer base units (not a JSON number)');
    if (!/^-?\d{1,30}$/.test(amount)) return badParameter(`amount must be integer base units, e.g. "1500" or "-250"; got "${amount}"`);
    if (BigInt(amount) === 0n) return badParameter('amount must not be zero');
    const checked = checkAccountId(accountId);
    if ('error' in checked) return checked.error;
    const account = accounts.get(checked.accountId);
    const balance = balances.get(checked.accountId);
    if (!account || !balance) return accountNotFound(checked.accountId);
    balance.clearingBalance = (BigInt(balance.clearingBalance) + BigInt(amount)).toString();
    balance.netBalance = (BigInt(balance.clearingBalance) + BigInt(balance.prepaidAmount)).toString();
    return balanceReply(account);
  };

  /** `AccountBalanceResponse`, as `GET /accounts/{id}/balance` answers it. */
  const balanceReply = (account: FixtureAccount): SimResponse => ({
    status: 200,
    body: {
      assetCode: account.assetCode,
      assetScale: account.assetScale,
      accountBalance: { accountId: account.accountId, ...balances.get(account.accountId) },
    },
  });

  /** Runs a handler on the normalised id of an existing account, or answers 400 / 404 as the connector does. */
  const withAccount = (request: SimRequest, reply: (account: FixtureAccount) => SimResponse): SimResponse => {
    const checked = checkAccountId(request.params.accountId ?? '');
    if ('error' in checked) return checked.error;
    const account = accounts.get(checked.accountId);
    return account ? reply(account) : accountNotFound(checked.accountId);
  };

  return {
    name: 'interledger',
    authorize,
    routes: [
      {
        method: 'GET',
        path: '/accounts',
        // The controller ignores paging parameters and returns every account in one page.
        handler: (request) => {
          const list = [...accounts.values()].map((account) => withLinks(account, request));
          const count = String(list.length);
          return {
            status: 200,
            body: {
              _embedded: { immutableAccountSettingsList: list },
              page: { size: count, totalElements: count, totalPages: '1', number: '0' },
            },
          };
        },
      },
      {
        method: 'POST',
        path: '/accounts',
        // 201 with a Location header (the seed's 200 is not what the code answers); the id is normalised first.
        handler: (request) => {
          const checked = checkAccountId(String(record_(request.body).accountId ?? ''));
          if ('error' in checked) return checked.error;
          if (accounts.has(checked.accountId)) return accountExists(checked.accountId);
          const stored = toStoredAccount(checked.accountId, request.body, new Date().toISOString());
          if (isResponse(stored)) return stored;
          accounts.set(stored.accountId, stored);
          balances.set(stored.accountId, { clearingBalance: '0', prepaidAmount: '0', netBalance: '0' });
          const body = withLinks(stored, request);
          return { status: 201, body, headers: { location: body._links.self.href } };
        },
      },
      {
        method: 'PUT',
        path: '/accounts/:accountId',
        // A full update: every mutable setting is replaced; the body's accountId is ignored.
        handler: (request) =>
          withAccount(request, (account) => {
            const stored = toStoredAccount(account.accountId, request.body, account.createdAt);
            if (isResponse(stored)) return stored;
            accounts.set(account.accountId, stored);
            return { status: 200, body: withLinks(stored, request) };
          }),
      },
      {
        method: 'DELETE',
        path: '/accounts/:accountId',
        handler: (request) =>
          withAccount(request, (account) => {
            accounts.delete(account.accountId);
            balances.delete(account.accountId);
            return { status: 204 };
          }),
      },
      {
        method: 'GET',
        path: '/accounts/:accountId',
        handler: (request) => withAccount(request, (account) => ({ status: 200, body: withLinks(account, request) })),
      },
      {
        method: 'GET',
        path: '/accounts/:accountId/payments',
        // ListStreamPaymentsResponse: `page` (0-based) of 100, newest first. The controller never checks the account:
        // an account it does not have simply has no payments.
        handler: (request) => {
          const checked = checkAccountId(request.params.accountId ?? '');
          if ('error' in checked) return checked.error;
          const pageText = request.query.get('page') ?? '0';
          if (!/^\d{1,9}$/.test(pageText))
            return badParameter(`Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "${pageText}"`);
          const page = Number(pageText);
          const list = newestFirst(payments.values(), checked.accountId).slice(page * PAYMENTS_PAGE_SIZE, (page + 1) * PAYMENTS_PAGE_SIZE);
          return { status: 200, body: { payments: list, pageNumber: String(page), pageSize: String(PAYMENTS_PAGE_SIZE) } };
        },
      },
      {
        method: 'GET',
        path: '/accounts/:accountId/payments/:paymentId',
        // An Optional the controller returns as is: an unknown payment is a 200 with no body.
        handler: (request) => {
          const checked = checkAccountId(request.params.accountId ?? '');
          if ('error' in checked) return checked.error;
          const payment = payments.get(`${checked.accountId}/${request.params.paymentId ?? ''}`);
          return payment ? { status: 200, body: payment } : { status: 200 };
        },
      },
      {
        method: 'POST',
        path: '/accounts/:accountId/payments',
        handler: (request) => withAccount(request, (account) => sendPayment(request, account)),
      },
      {
        method: 'GET',
        path: '/accounts/:accountId/balance',
        handler: (request) => withAccount(request, balanceReply),
      },
      { method: 'POST', path: '/__simulator/settlements', handler: settle },
    ],
    notFound: () => problem(404, { title: 'Not Found', status: 404 }),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'INTERLEDGER',
  create,
  env: (url) => ({ INTERLEDGER_URL: url, INTERLEDGER_USERNAME: 'admin', INTERLEDGER_PASSWORD: DEMO_PASSWORD }),
  sampleIds: INTERLEDGER_FIXTURES.map((f) => publicAccountId('interledger', f.account.accountId)),
};
