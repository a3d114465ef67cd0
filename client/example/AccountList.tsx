// How another app uses the generated documents: Apollo Client 4's useQuery, fully typed, with Account as a
// discriminated union on __typename. Typechecked in strict mode by `npm test`.
import { useQuery } from '@apollo/client/react';
import { AccountsDocument } from '../gql/graphql.js';
import { providerDetail } from '../providerDetail.js';

export function AccountList({ ids }: { ids: string[] }) {
  const { data, error, loading } = useQuery(AccountsDocument, { variables: { ids }, errorPolicy: 'all' });
  if (loading) return <p>Loading…</p>;
  return (
    <ul>
      {data?.accounts.map((account, index) =>
        account ? (
          <li key={account.id}>
            {account.displayName ?? account.nativeId}: {account.balances.map((b) => `${b.amount} ${b.asset.code}`).join(', ')} ({providerDetail(account)})
          </li>
        ) : (
          <li key={ids[index]}>{ids[index]}: could not be read{error ? ` (${error.message})` : ''}</li>
        ),
      )}
    </ul>
  );
}
