/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\"The fields every account card shows, whatever the provider.\"\nfragment AccountCard on Account {\n  id\n  provider\n  nativeId\n  displayName\n  fetchedAt\n  balances {\n    amount\n    onHold\n    asset {\n      code\n      issuer\n      network\n    }\n  }\n  ... on StellarAccount {\n    sequence\n    homeDomain\n  }\n  ... on TalerAccount {\n    paytoUri\n    status\n    debitThreshold {\n      amount\n      currency\n    }\n  }\n  ... on InterledgerAccount {\n    relationship\n    linkType\n  }\n  ... on MidazAccount {\n    alias\n    type\n    statusCode\n    assetCode\n  }\n  ... on ConduitAccount {\n    createdAt\n  }\n}\n\nquery Accounts($ids: [ID!]!) {\n  accounts(ids: $ids) {\n    ...AccountCard\n  }\n}\n\nquery Account($id: ID!) {\n  account(id: $id) {\n    ...AccountCard\n  }\n}": typeof types.AccountCardFragmentDoc,
};
const documents: Documents = {
    "\"The fields every account card shows, whatever the provider.\"\nfragment AccountCard on Account {\n  id\n  provider\n  nativeId\n  displayName\n  fetchedAt\n  balances {\n    amount\n    onHold\n    asset {\n      code\n      issuer\n      network\n    }\n  }\n  ... on StellarAccount {\n    sequence\n    homeDomain\n  }\n  ... on TalerAccount {\n    paytoUri\n    status\n    debitThreshold {\n      amount\n      currency\n    }\n  }\n  ... on InterledgerAccount {\n    relationship\n    linkType\n  }\n  ... on MidazAccount {\n    alias\n    type\n    statusCode\n    assetCode\n  }\n  ... on ConduitAccount {\n    createdAt\n  }\n}\n\nquery Accounts($ids: [ID!]!) {\n  accounts(ids: $ids) {\n    ...AccountCard\n  }\n}\n\nquery Account($id: ID!) {\n  account(id: $id) {\n    ...AccountCard\n  }\n}": types.AccountCardFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\"The fields every account card shows, whatever the provider.\"\nfragment AccountCard on Account {\n  id\n  provider\n  nativeId\n  displayName\n  fetchedAt\n  balances {\n    amount\n    onHold\n    asset {\n      code\n      issuer\n      network\n    }\n  }\n  ... on StellarAccount {\n    sequence\n    homeDomain\n  }\n  ... on TalerAccount {\n    paytoUri\n    status\n    debitThreshold {\n      amount\n      currency\n    }\n  }\n  ... on InterledgerAccount {\n    relationship\n    linkType\n  }\n  ... on MidazAccount {\n    alias\n    type\n    statusCode\n    assetCode\n  }\n  ... on ConduitAccount {\n    createdAt\n  }\n}\n\nquery Accounts($ids: [ID!]!) {\n  accounts(ids: $ids) {\n    ...AccountCard\n  }\n}\n\nquery Account($id: ID!) {\n  account(id: $id) {\n    ...AccountCard\n  }\n}"): (typeof documents)["\"The fields every account card shows, whatever the provider.\"\nfragment AccountCard on Account {\n  id\n  provider\n  nativeId\n  displayName\n  fetchedAt\n  balances {\n    amount\n    onHold\n    asset {\n      code\n      issuer\n      network\n    }\n  }\n  ... on StellarAccount {\n    sequence\n    homeDomain\n  }\n  ... on TalerAccount {\n    paytoUri\n    status\n    debitThreshold {\n      amount\n      currency\n    }\n  }\n  ... on InterledgerAccount {\n    relationship\n    linkType\n  }\n  ... on MidazAccount {\n    alias\n    type\n    statusCode\n    assetCode\n  }\n  ... on ConduitAccount {\n    createdAt\n  }\n}\n\nquery Accounts($ids: [ID!]!) {\n  accounts(ids: $ids) {\n    ...AccountCard\n  }\n}\n\nquery Account($id: ID!) {\n  account(id: $id) {\n    ...AccountCard\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;