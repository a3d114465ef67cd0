// One line of provider-specific detail for an account card: the Account union narrows on __typename.
import type { AccountCardFragment } from './gql/graphql.js';

export function providerDetail(account: AccountCardFragment): string {
  switch (account.__typename) {
    case 'StellarAccount':
      return [account.sequence == null ? null : `Sequence ${account.sequence}`, account.homeDomain].filter(Boolean).join(' · ') || 'Stellar account';
    case 'TalerAccount':
      return account.debitThreshold
        ? `${account.status.toLowerCase()} · debit limit ${account.debitThreshold.amount} ${account.debitThreshold.currency}`
        : account.status.toLowerCase();
    case 'InterledgerAccount':
      return `${account.relationship.toLowerCase()} · ${account.linkType}`;
    case 'MidazAccount':
      return [account.type, account.alias, account.statusCode?.toLowerCase()].filter(Boolean).join(' · ');
    case 'ConduitAccount':
      return account.createdAt ? `Opened ${account.createdAt.slice(0, 10)}` : 'Conduit account';
  }
}
