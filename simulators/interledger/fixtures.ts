// Sample connector accounts and balances for the simulator, shaped as the connector stores and emits them.
import { createHash } from 'node:crypto';

/** An account as the connector emits it, minus `_links` (which the simulator builds from the request's Host). */
export interface FixtureAccount {
  accountId: string;
  createdAt: string;
  modifiedAt: string;
  description: string;
  accountRelationship: 'PARENT' | 'PEER' | 'CHILD';
  assetCode: string;
  assetScale: string;
  maximumPacketAmount: string | null;
  linkType: string;
  ilpAddressSegment: string;
  connectionInitiator: boolean;
  internal: boolean;
  sendRoutes: boolean;
  receiveRoutes: boolean;
  balanceSettings: { minBalance: string | null; settleThreshold: string | null; settleTo: string };
  rateLimitSettings: { maxPacketsPerSecond: string | null };
  settlementEngineDetails: { settlementEngineAccountId: string | null; baseUrl: string; customSettings: Record<string, unknown> } | null;
  customSettings: Record<string, unknown>;
}

/** Base units of the account's asset scale, as strings; net = clearing + prepaid. */
export interface FixtureBalance {
  clearingBalance: string;
  prepaidAmount: string;
  netBalance: string;
}

export interface InterledgerFixture {
  account: FixtureAccount;
  balance: FixtureBalance;
}

const ENCRYPTED_SECRET = 'enc:JKS:crypto.p12:secret0:1:aes_gcm:AAAADKZPmASojt1iayb2bPy4D-Toq7TGLTN95HzCQAeJtz0=';

const balance = (clearingBalance: string, prepaidAmount: string): FixtureBalance => ({
  clearingBalance,
  prepaidAmount,
  netBalance: (BigInt(clearingBalance) + BigInt(prepaidAmount)).toString(),
});

export const INTERLEDGER_FIXTURES: readonly InterledgerFixture[] = [
  {
    // The seed's account, verbatim.
    account: {
      accountId: '__ping_account__',
      createdAt: '2019-11-14T22:24:29.495Z',
      modifiedAt: '2019-11-14T22:24:29.495Z',
      description: 'A receiver-like child account for collecting all Ping protocol revenues.',
      accountRelationship: 'CHILD',
      assetCode: 'USD',
      assetScale: '2',
      maximumPacketAmount: null,
      linkType: 'PING',
      ilpAddressSegment: '__ping_account__',
      connectionInitiator: true,
      internal: false,
      sendRoutes: false,
      receiveRoutes: false,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
      rateLimitSettings: { maxPacketsPerSecond: '1' },
      settlementEngineDetails: null,
      customSettings: {},
    },
    balance: balance('0', '0'),
  },
  {
    account: {
      accountId: 'alice',
      createdAt: '2019-11-15T21:55:42.683Z',
      modifiedAt: '2020-02-03T09:12:07.118Z',
      description: 'Peering link to Alice',
      accountRelationship: 'PEER',
      assetCode: 'USD',
      assetScale: '2',
      maximumPacketAmount: '100000',
      linkType: 'ILP_OVER_HTTP',
      ilpAddressSegment: 'alice',
      connectionInitiator: true,
      internal: false,
      sendRoutes: true,
      receiveRoutes: true,
      balanceSettings: { minBalance: '-50000', settleThreshold: '100000', settleTo: '0' },
      rateLimitSettings: { maxPacketsPerSecond: null },
      settlementEngineDetails: null,
      customSettings: {
        'ilpOverHttp.incoming.auth_type': 'JWT_HS_256',
        'ilpOverHttp.incoming.token_issuer': 'https://alice.example.com/',
        'ilpOverHttp.incoming.token_audience': 'https://connie.example.com/',
        'ilpOverHttp.incoming.token_subject': 'alice',
        'ilpOverHttp.incoming.shared_secret': ENCRYPTED_SECRET,
        'ilpOverHttp.outgoing.auth_type': 'JWT_HS_256',
        'ilpOverHttp.outgoing.token_issuer': 'https://connie.example.com/',
        'ilpOverHttp.outgoing.token_audience': 'https://alice.example.com/',
        'ilpOverHttp.outgoing.token_subject': 'connie',
        'ilpOverHttp.outgoing.shared_secret': ENCRYPTED_SECRET,
        'ilpOverHttp.outgoing.url': 'https://alice.example.com/',
      },
    },
    balance: balance('100', '50'),
  },
  {
    account: {
      accountId: 'bob',
      createdAt: '2020-01-08T14:30:00.000Z',
      modifiedAt: '2020-01-08T14:30:00.000Z',
      description: 'Bob, an XRP child wallet',
      accountRelationship: 'CHILD',
      assetCode: 'XRP',
      assetScale: '9',
      maximumPacketAmount: null,
      linkType: 'ILP_OVER_HTTP',
      ilpAddressSegment: 'bob',
      connectionInitiator: false,
      internal: false,
      sendRoutes: true,
      receiveRoutes: false,
      balanceSettings: { minBalance: '-5000000000', settleThreshold: null, settleTo: '0' },
      rateLimitSettings: { maxPacketsPerSecond: '100' },
      settlementEngineDetails: null,
      customSettings: {
        'ilpOverHttp.incoming.auth_type': 'SIMPLE',
        'ilpOverHttp.incoming.simple.auth_token': ENCRYPTED_SECRET,
        'ilpOverHttp.outgoing.auth_type': 'SIMPLE',
        'ilpOverHttp.outgoing.simple.auth_token': 'bob-plaintext-token-7f3a',
        'ilpOverHttp.outgoing.url': 'https://bob.example.com/ilp',
      },
    },
    balance: balance('-1500000000', '0'),
  },
  {
    account: {
      accountId: 'connieparent',
      createdAt: '2019-12-01T08:00:00.000Z',
      modifiedAt: '2020-03-17T16:45:21.930Z',
      description: 'Upstream parent connector (XRP ledger settlement)',
      accountRelationship: 'PARENT',
      assetCode: 'XRP',
      assetScale: '9',
      maximumPacketAmount: '12345678901234567890',
      linkType: 'ILP_OVER_HTTP',
      ilpAddressSegment: 'connieparent',
      connectionInitiator: true,
      internal: false,
      sendRoutes: false,
      receiveRoutes: true,
      balanceSettings: { minBalance: null, settleThreshold: '1000000000', settleTo: '250000000' },
      rateLimitSettings: { maxPacketsPerSecond: null },
      settlementEngineDetails: {
        settlementEngineAccountId: '8a8e1c4e-0b9f-4a8a-9d8c-2f1e3b7d5c90',
        baseUrl: 'http://settlement-engine.internal:3000/',
        customSettings: { 'xrpl.address': 'rPEPPER7kfTD9w2To4CQk6UCfuHM9c6GDY' },
      },
      customSettings: {
        'ilpOverHttp.outgoing.auth_type': 'JWT_HS_256',
        'ilpOverHttp.outgoing.shared_secret': ENCRYPTED_SECRET,
        'ilpOverHttp.outgoing.url': 'https://parent.example.net/ilp',
        password: 'hunter2',
        apiKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
        'ildcp.refreshSeconds': '300',
        'ilpOverHttp.outgoing.retryOnFailure': true,
      },
    },
    balance: balance('725000000', '25000000'),
  },
  {
    account: {
      accountId: 'carol',
      createdAt: '2020-04-22T11:05:33.412Z',
      modifiedAt: '2020-04-22T11:05:33.412Z',
      description: '',
      accountRelationship: 'PEER',
      assetCode: 'EUR',
      assetScale: '2',
      maximumPacketAmount: null,
      linkType: 'LOOPBACK',
      ilpAddressSegment: 'carol',
      connectionInitiator: true,
      internal: true,
      sendRoutes: true,
      receiveRoutes: true,
      balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
      rateLimitSettings: { maxPacketsPerSecond: null },
      settlementEngineDetails: null,
      customSettings: {},
    },
    balance: balance('0', '1999'),
  },
];

/**
 * A STREAM payment as the connector emits it (StreamPayment under WRITE_NUMBERS_AS_STRINGS): amounts in base units of
 * the account's asset at the time, signed (a payment sent is at or below 0), the delivered amount unsigned.
 */
export interface FixturePayment {
  streamPaymentId: string;
  accountId: string;
  sourceAddress: string | null;
  destinationAddress: string;
  amount: string;
  expectedAmount: string | null;
  packetCount: string;
  assetCode: string;
  assetScale: string;
  status: 'PENDING' | 'CLOSED_BY_EXPIRATION' | 'CLOSED_BY_STREAM';
  type: 'PAYMENT_RECEIVED' | 'PAYMENT_SENT';
  deliveredAmount: string;
  deliveredAssetCode: string | null;
  deliveredAssetScale: string | null;
  createdAt: string;
  modifiedAt: string;
}

/** The connector's default payment id: the SHA-256 of the destination address, in hex. */
export const streamPaymentIdOf = (destinationAddress: string): string => createHash('sha256').update(destinationAddress, 'ascii').digest('hex');

/** The demo connector's ILP address (its `nodeIlpAddress`). */
export const CONNECTOR_ADDRESS = 'test.connie';

const STATUSES: ReadonlyArray<FixturePayment['status']> = ['CLOSED_BY_STREAM', 'CLOSED_BY_STREAM', 'CLOSED_BY_EXPIRATION', 'PENDING'];

/**
 * `count` payments of an account, newest first from `newest`, one every 37 minutes: received and sent in turn, the
 * four statuses in turn, amounts using every decimal of the asset (e.g. 123.45 at scale 2), and every fifth payment
 * received with no source address (a sender need not tell it). Payments sent went to a remote receiver in XRP.
 */
function history(account: FixtureAccount, count: number, newest: string): FixturePayment[] {
  const start = Date.parse(newest);
  return Array.from({ length: count }, (_, i) => {
    const received = i % 2 === 0;
    const createdAt = new Date(start - i * 37 * 60_000).toISOString();
    const units = String(100_001 + i * 1_234_567);
    const destinationAddress = received
      ? `${CONNECTOR_ADDRESS}.${account.ilpAddressSegment}.~spsp.${String(i).padStart(4, '0')}`
      : `test.xrp-wallet.merchant${i % 7}.~spsp.${String(i).padStart(4, '0')}`;
    return {
      streamPaymentId: streamPaymentIdOf(destinationAddress),
      accountId: account.accountId,
      sourceAddress: received ? (i % 5 === 0 ? null : `test.remote-peer.sender${i % 3}`) : `${CONNECTOR_ADDRESS}.${account.ilpAddressSegment}`,
      destinationAddress,
      amount: received ? units : `-${units}`,
      expectedAmount: received ? null : `-${units}`,
      packetCount: String(1 + (i % 9)),
      assetCode: account.assetCode,
      assetScale: account.assetScale,
      status: STATUSES[i % STATUSES.length]!,
      type: received ? 'PAYMENT_RECEIVED' : 'PAYMENT_SENT',
      // A payment received delivered its own amount here; one sent delivered as much at the XRP receiver's scale 9.
      deliveredAmount: received ? units : `${units}${'0'.repeat(9 - Number(account.assetScale))}`,
      deliveredAssetCode: received ? account.assetCode : 'XRP',
      deliveredAssetScale: received ? account.assetScale : '9',
      createdAt,
      modifiedAt: new Date(Date.parse(createdAt) + 4_000).toISOString(),
    };
  });
}

const accountOf = (accountId: string): FixtureAccount => INTERLEDGER_FIXTURES.find((f) => f.account.accountId === accountId)!.account;

/**
 * The payments the demo connector keeps, newest first per account: alice 130 (two connector pages of 100), bob 7
 * (XRP, scale 9), connieparent 3; carol and the ping account have none.
 */
export const INTERLEDGER_PAYMENTS: readonly FixturePayment[] = [
  ...history(accountOf('alice'), 130, '2020-05-04T12:00:00.000Z'),
  ...history(accountOf('bob'), 7, '2020-05-04T11:30:00.000Z'),
  ...history(accountOf('connieparent'), 3, '2020-05-03T08:15:00.000Z'),
];
