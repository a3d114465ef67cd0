// graphql-codegen for this app: the gateway's schema, this app's own operations, typed documents in src/gql/.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // The gateway's schema: its schema.graphql by path (this repository, or a checkout beside your app), or by URL from a
  // running gateway with introspection on: GATEWAY_SCHEMA=http://127.0.0.1:4000/graphql npm run codegen
  schema: process.env.GATEWAY_SCHEMA ?? '../../schema.graphql',
  documents: 'src/**/*.graphql',
  generates: {
    // AccountsDocument and its types. Fragment masking off: a fragment's fields are plain fields of the query's
    // result, so `account.__typename === 'StellarAccount' && account.sequence` typechecks without useFragment.
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        nonOptionalTypename: true,
        // Money and times are strings: exact decimals ("2520.49"), ISO 8601 times, big integers (Stellar's sequence).
        scalars: { Decimal: 'string', DateTime: 'string', BigInt: 'string' },
      },
    },
    // Which types implement the Account and Node interfaces, for Apollo Client's cache (possibleTypes).
    'src/gql/possibleTypes.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
  },
};

export default config;
