// Accounts from every provider in one query, typed: Account is a union discriminated on __typename.
import { CombinedGraphQLErrors } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { AccountsDocument } from './gql/graphql';

export function Accounts({ ids }: { ids: string[] }) {
  // errorPolicy 'all': the accounts that were read, and an error for each one that was not (its path[1] is the index).
  const { data, error, loading } = useQuery(AccountsDocument, { variables: { ids }, errorPolicy: 'all' });
  if (loading) return <p>Loading…</p>;
  const failures = CombinedGraphQLErrors.is(error) ? error.errors : [];
  return (
    <ul>
      {data?.accounts.map((account, i) => {
        if (account === null) {
          const reason = failures.find((e) => e.path?.[1] === i)?.message ?? 'unknown error';
          return <li key={ids[i]}>{`${ids[i]} could not be read: ${reason}`}</li>;
        }
        const balances = account.balances.map((b) => `${b.amount} ${b.asset.code}`).join(', ');
        const detail = account.__typename === 'StellarAccount' ? ` · sequence ${account.sequence}` : '';
        return <li key={account.id}>{`${account.displayName ?? account.nativeId}: ${balances}${detail}`}</li>;
      })}
    </ul>
  );
}
