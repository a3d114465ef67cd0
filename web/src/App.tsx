// The accounts dashboard: pick ids, see each account with its balances, totals per asset, and per-account errors.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { AccountsDocument, type AccountCardFragment } from '../../client/gql/graphql.js';
import { providerDetail } from '../../client/providerDetail.js';
import { totalsByAsset } from './totals.js';

interface AccountError {
  message: string;
  code: string;
}

const PROVIDER_LABELS: Record<AccountCardFragment['provider'], string> = {
  INTERLEDGER: 'Interledger',
  STELLAR: 'Stellar',
  TALER: 'Taler',
  CONDUIT: 'Conduit',
  MIDAZ: 'Midaz',
};

const parseIds = (text: string) => [...new Set(text.split(/[\s,]+/).map((id) => id.trim()).filter(Boolean))];

export function App() {
  const [sampleIds, setSampleIds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [ids, setIds] = useState<string[]>([]);

  useEffect(() => {
    fetch('/dashboard/config.json')
      .then((response) => response.json() as Promise<{ sampleIds: string[] }>)
      .then(({ sampleIds: samples }) => {
        setSampleIds(samples);
        setText(samples.join('\n'));
        setIds(samples);
      })
      .catch(() => undefined);
  }, []);

  const { data, error, loading } = useQuery(AccountsDocument, { variables: { ids }, skip: ids.length === 0, errorPolicy: 'all' });
  const errorsByIndex = useMemo(() => accountErrors(error), [error]);
  const accounts = data?.accounts ?? [];
  const loaded = accounts.filter((account): account is AccountCardFragment => account !== null);
  const totals = useMemo(() => totalsByAsset(loaded.flatMap((account) => account.balances)), [loaded]);
  const requestError = error && !CombinedGraphQLErrors.is(error) ? error.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIds(parseIds(text));
  };

  return (
    <>
      <header className="top">
        <h1>Accounts</h1>
        <p>One query to the gateway, five providers: Interledger, Stellar, Taler, Conduit and Midaz.</p>
      </header>
      <main>
        <form className="picker" onSubmit={submit} aria-describedby="ids-help">
          <label htmlFor="ids">Account ids</label>
          <textarea id="ids" value={text} onChange={(event) => setText(event.target.value)} rows={6} spellCheck={false} />
          <p id="ids-help" className="help">
            One global id per line, like <code>taler:alice</code> or <code>stellar:G…</code>.
          </p>
          <div className="actions">
            <button type="submit">Show accounts</button>
            {sampleIds.length > 0 && (
              <button type="button" className="secondary" onClick={() => (setText(sampleIds.join('\n')), setIds(sampleIds))}>
                Use the demo accounts
              </button>
            )}
          </div>
        </form>

        <section aria-live="polite" aria-busy={loading}>
          {loading && <p className="status">Loading accounts…</p>}
          {requestError && (
            <p className="status error-text" role="alert">
              The gateway could not be reached: {requestError}
            </p>
          )}
          {totals.length > 0 && <Totals totals={totals} />}
          <h2 className="visually-hidden">Accounts</h2>
          <ul className="cards">
            {accounts.map((account, index) =>
              account ? (
                <AccountCard key={`${account.id}-${index}`} account={account} />
              ) : (
                <FailedCard key={`${ids[index]}-${index}`} id={ids[index] ?? ''} error={errorsByIndex.get(index)} />
              ),
            )}
          </ul>
        </section>
      </main>
    </>
  );
}

function Totals({ totals }: { totals: ReturnType<typeof totalsByAsset> }) {
  return (
    <table className="totals">
      <caption>Total per asset code across providers</caption>
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col" className="amount">Total</th>
          <th scope="col">Balances</th>
        </tr>
      </thead>
      <tbody>
        {totals.map((total) => (
          <tr key={total.code} data-asset={total.code}>
            <th scope="row">{total.code}</th>
            <td className="amount">{total.amount}</td>
            <td>{total.accounts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccountCard({ account }: { account: AccountCardFragment }) {
  return (
    <li className="card" data-id={account.id}>
      <article aria-labelledby={`title-${account.id}`}>
        <p className={`badge badge-${account.provider.toLowerCase()}`}>{PROVIDER_LABELS[account.provider]}</p>
        <h3 id={`title-${account.id}`}>{account.displayName ?? account.nativeId}</h3>
        <p className="id">
          <code>{account.id}</code>
        </p>
        <p className="detail">{providerDetail(account)}</p>
        {account.balances.length === 0 ? (
          <p className="help">No balances.</p>
        ) : (
          <table className="balances">
            <caption className="visually-hidden">Balances of {account.displayName ?? account.nativeId}</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col" className="amount">Amount</th>
                <th scope="col" className="amount">On hold</th>
              </tr>
            </thead>
            <tbody>
              {account.balances.map((balance, i) => (
                <tr key={i}>
                  <th scope="row">
                    {balance.asset.code}
                    {balance.asset.network && <span className="qualifier"> on {balance.asset.network}</span>}
                    {balance.asset.issuer && <span className="qualifier" title={balance.asset.issuer}> · {balance.asset.issuer.slice(0, 6)}…</span>}
                  </th>
                  <td className={`amount${balance.amount.startsWith('-') ? ' negative' : ''}`}>{balance.amount}</td>
                  <td className="amount">{balance.onHold ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </li>
  );
}

function FailedCard({ id, error }: { id: string; error: AccountError | undefined }) {
  return (
    <li className="card failed" data-id={id}>
      <article aria-labelledby={`title-${id}`} role="alert">
        <p className="badge badge-error">Could not be read</p>
        <h3 id={`title-${id}`}>
          <code>{id}</code>
        </h3>
        <p className="error-text">{error?.message ?? 'This account could not be read.'}</p>
        {error && <p className="help">Code: {error.code}</p>}
      </article>
    </li>
  );
}

/** Errors of `accounts` items by index (path `["accounts", i, …]`). */
function accountErrors(error: unknown): Map<number, AccountError> {
  const byIndex = new Map<number, AccountError>();
  if (!CombinedGraphQLErrors.is(error)) return byIndex;
  for (const entry of error.errors) {
    const index = entry.path?.[1];
    if (typeof index === 'number' && !byIndex.has(index)) {
      byIndex.set(index, { message: entry.message, code: String(entry.extensions?.code ?? 'ERROR') });
    }
  }
  return byIndex;
}
