// The example operations GraphiQL opens with: one cross-provider query, activity, a live subscription and one query
// per provider.
import type { PlaygroundTab } from './index.js';
import { IDENTITIES } from '../providers/index.js';

const COMMON = `id provider nativeId displayName createdAt
    balances { asset { code issuer network } amount onHold }`;

/** Each provider's global id prefix, account type and example fields (its identity's). */
const PROVIDER_FIELDS: ReadonlyArray<readonly [prefix: string, typename: string, fields: string]> = IDENTITIES.map((identity) => [
  identity.prefix,
  identity.typename,
  identity.exampleFields,
]);

export function exampleTabs(sampleIds: readonly string[]): PlaygroundTab[] {
  const fragments = PROVIDER_FIELDS.map(([, typename, fields]) => `    ... on ${typename} { ${fields} }`).join('\n');
  const tabs: PlaygroundTab[] = [
    {
      query: `# Accounts from every provider in one query: one upstream call per distinct account.\nquery Accounts($ids: [ID!]!) {\n  accounts(ids: $ids) {\n    ${COMMON}\n${fragments}\n  }\n}`,
      variables: JSON.stringify({ ids: sampleIds }, null, 2),
    },
  ];
  tabs.push(callerCredentialsTab(sampleIds));
  tabs.push(...activityTabs(sampleIds));
  tabs.push(liveTab(sampleIds));
  for (const [prefix, typename, fields] of PROVIDER_FIELDS) {
    const id = sampleIds.find((sample) => sample.startsWith(`${prefix}:`));
    if (!id) continue;
    tabs.push({
      query: `query ${typename}($id: ID!) {\n  account(id: $id) {\n    ${COMMON}\n    ... on ${typename} { ${fields} }\n  }\n}`,
      variables: JSON.stringify({ id }, null, 2),
    });
  }
  return tabs;
}

/** The demo Taler simulator's user alice (see simulators/taler/fixtures.ts); elsewhere a placeholder to replace. */
const DEMO_TALER_USER = { id: 'taler:alice', authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}` };

/** Per-request provider credentials: the Headers pane replaces the gateway's own Taler credentials for this request. */
function callerCredentialsTab(sampleIds: readonly string[]): PlaygroundTab {
  const demo = sampleIds.includes(DEMO_TALER_USER.id);
  return {
    query: `# Your own provider credentials, for this request only (see the Headers pane below): X-Taler-Authorization,\n# X-Interledger-Authorization, X-Midaz-Authorization, or X-Conduit-Api-Key with X-Conduit-Api-Secret.\nquery TalerAccountAsItsHolder($id: ID!) {\n  account(id: $id) {\n    ${COMMON}\n  }\n}`,
    variables: JSON.stringify({ id: demo ? DEMO_TALER_USER.id : 'taler:<username>' }, null, 2),
    headers: JSON.stringify({ 'X-Taler-Authorization': demo ? DEMO_TALER_USER.authorization : 'Basic <base64 of username:password>' }, null, 2),
  };
}

/** The AccountActivity fields, and each provider's own fields the example shows. */
const ACTIVITY_FIELDS = `__typename id accountId occurredAt direction amount asset { code issuer network } counterparty description
      ... on StellarPayment { transactionHash memoType }
      ... on StellarPathPayment { kind sourceAmount sourceAsset { code issuer } destinationAmount destinationAsset { code issuer } path { code issuer } transactionHash }
      ... on StellarAccountCreation { funder createdAccount startingBalance transactionHash }
      ... on StellarAccountMerge { mergedAccount into transactionHash }
      ... on TalerTransfer { rowId subject counterpartyName debtorPaytoUri creditorPaytoUri }
      ... on MidazOperation { midazType: type statusCode transactionId balanceBefore { available onHold } balanceAfter { available onHold } }
      ... on InterledgerStreamPayment { streamType: type status streamPaymentId deliveredAmount deliveredAsset { code } packetCount sourceAddress destinationAddress }`;

/**
 * Account activity: the merged feed across one account of each provider (Conduit's keeps no history: it is listed in
 * `incompleteAccountIds` with NOT_SUPPORTED), and one account's history, newest first. Pass `pageInfo.endCursor` as
 * `after` for the next page.
 */
function activityTabs(sampleIds: readonly string[]): PlaygroundTab[] {
  // The first sample account of each provider (not a connector's internal "__…" account), and for one account's
  // history the one with the most kinds of entry.
  const feedIds = PROVIDER_FIELDS.map(([prefix]) => sampleIds.find((id) => id.startsWith(`${prefix}:`) && !id.includes(':__'))).filter(
    (id): id is string => !!id,
  );
  const single =
    sampleIds.find((id) => id === DEMO_STELLAR_HISTORY) ?? sampleIds.find((id) => id.startsWith('taler:')) ?? sampleIds[0] ?? 'taler:<username>';
  return [
    {
      query: `# Several accounts' movements merged newest first, across providers, with one cursor: pass pageInfo.endCursor as
# \`after\` for the next page. Accounts this page lacks are in incompleteAccountIds, each with an error (Conduit keeps
# no history: NOT_SUPPORTED). Amounts are exact and signed: a debit is negative.
query ActivityFeed($ids: [ID!]!, $first: Int, $after: String) {
  activity(ids: $ids, first: $first, after: $after) {
    incompleteAccountIds
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
      ${ACTIVITY_FIELDS}
      }
    }
  }
}`,
      variables: JSON.stringify({ ids: feedIds, first: 10 }, null, 2),
    },
    {
      query: `# One account's movements, newest first: what it supports (capabilities), then a page of its history.
# Null with NOT_SUPPORTED where the provider keeps no history (Conduit).
query AccountActivity($id: ID!, $first: Int, $after: String) {
  account(id: $id) {
    id
    capabilities
    activity(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
      ${ACTIVITY_FIELDS}
      }
    }
  }
}`,
      variables: JSON.stringify({ id: single, first: 10 }, null, 2),
    },
  ];
}

/** The demo Horizon account whose history holds every kind of entry (payments, path payments, a creation, a merge). */
const DEMO_STELLAR_HISTORY = 'stellar:GDJ2RF3YKSP43ZN7CK5TLFURMBQWRZGT7NL6ZSBUSKOD7WXVOFNVPIGY';

/**
 * Live updates: `accountUpdated` over the page's WebSocket for a Stellar and a Taler demo account. The first event of
 * each is its current state; the next come when its balances change (record a payment in a simulator).
 */
function liveTab(sampleIds: readonly string[]): PlaygroundTab {
  const ids = [
    sampleIds.find((id) => id.startsWith('stellar:')),
    sampleIds.find((id) => id === DEMO_TALER_USER.id) ?? sampleIds.find((id) => id.startsWith('taler:')),
  ].filter((id): id is string => !!id);
  return {
    query: `# Live updates over WebSocket: each account as it is now, then again each time its balances change (Stellar
# follows Horizon's payments stream, Taler long-polls the bank, the others are polled). An id that fails gets one
# event with accountUpdated: null and its error; the others go on. Stop it with the button.
subscription AccountUpdated($ids: [ID!]!) {
  accountUpdated(ids: $ids) {
    id
    displayName
    fetchedAt
    balances { asset { code issuer } amount }
  }
}`,
    variables: JSON.stringify({ ids: ids.length ? ids : ['stellar:<account id>'] }, null, 2),
  };
}
