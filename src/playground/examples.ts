// The example operations GraphiQL opens with: one cross-provider query and one query per provider.
import type { PlaygroundTab } from './index.js';

const COMMON = `id provider nativeId displayName createdAt
    balances { asset { code issuer network } amount onHold }`;

const PROVIDER_FIELDS: ReadonlyArray<readonly [prefix: string, typename: string, fields: string]> = [
  ['interledger', 'InterledgerAccount', 'relationship assetCode assetScale linkType balance { clearing prepaid net }'],
  ['stellar', 'StellarAccount', 'sequence subentryCount trustlines { asset { code issuer } balance limit authorized } signers { key type weight }'],
  ['taler', 'TalerAccount', 'paytoUri status isPublic debitThreshold { amount currency }'],
  ['conduit', 'ConduitAccount', 'availableBalances { asset { code network } amount country }'],
  ['midaz', 'MidazAccount', 'alias type assetCode statusCode ledgerBalances { key available onHold }'],
];

export function exampleTabs(sampleIds: readonly string[]): PlaygroundTab[] {
  const fragments = PROVIDER_FIELDS.map(([, typename, fields]) => `    ... on ${typename} { ${fields} }`).join('\n');
  const tabs: PlaygroundTab[] = [
    {
      query: `# Accounts from every provider in one query: one upstream call per distinct account.\nquery Accounts($ids: [ID!]!) {\n  accounts(ids: $ids) {\n    ${COMMON}\n${fragments}\n  }\n}`,
      variables: JSON.stringify({ ids: sampleIds }, null, 2),
    },
  ];
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
