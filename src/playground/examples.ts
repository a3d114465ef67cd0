// The example operations GraphiQL opens with: one cross-provider query and one query per provider.
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
