// An account's card: a readable title (display name or a short form of the key, the full id beneath and on hover),
// provider detail, balances with exact amounts; or why it could not be read; or a placeholder while its provider loads.
import type { AccountSlot } from './accounts.js';
import { accountTitle } from '../../client/accountTitle.js';
import { PROVIDER_LABELS, shortKey } from '../../client/assetIdentity.js';
import { providerDetail } from '../../client/providerDetail.js';
import type { RecentActivity } from './activity.js';
import { RecentMovements } from './Activity.js';

type Loaded = Extract<AccountSlot, { status: 'loaded' }>;
type Failed = Extract<AccountSlot, { status: 'failed' }>;
type Loading = Extract<AccountSlot, { status: 'loading' }>;

const domId = (id: string) => `title-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function AccountCard({ slot, recent }: { slot: Loaded; recent?: RecentActivity }) {
  const { account, leftOutBalances, notes } = slot;
  const title = accountTitle(account);
  return (
    <li className="card" data-id={account.id} data-provider={account.provider}>
      <article aria-labelledby={domId(account.id)}>
        <p className={`badge badge-${account.provider.toLowerCase()}`}>{PROVIDER_LABELS[account.provider]}</p>
        <h3 id={domId(account.id)} title={account.id}>
          {title}
        </h3>
        <p className="id">
          <code>{account.id}</code>
        </p>
        <p className="detail">{providerDetail(account)}</p>
        {account.balances.length === 0 ? (
          <p className="help">No balances.</p>
        ) : (
          <table className="balances">
            <caption className="visually-hidden">Balances of {title}</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col" className="amount">
                  Amount
                </th>
                <th scope="col" className="amount">
                  On hold
                </th>
              </tr>
            </thead>
            <tbody>
              {account.balances.map((balance, i) => (
                <tr key={i}>
                  <th scope="row">
                    {balance.asset.code}
                    {balance.asset.network && <span className="qualifier"> on {balance.asset.network}</span>}
                    {balance.asset.issuer && (
                      <span className="qualifier" title={balance.asset.issuer}>
                        {' '}
                        · {shortKey(balance.asset.issuer)}
                      </span>
                    )}
                  </th>
                  <td className={`amount${balance.amount.startsWith('-') ? ' negative' : ''}`}>{balance.amount}</td>
                  <td className="amount">{balance.onHold ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {leftOutBalances > 0 && (
          <p className="warning-text left-out">
            {leftOutBalances === 1 ? '1 balance' : `${leftOutBalances} balances`} could not be read exactly and {leftOutBalances === 1 ? 'is' : 'are'}{' '}
            left out, here and in the totals.
          </p>
        )}
        {notes.map((note, i) => (
          <p key={i} className="help note">
            {note.message} ({note.code})
          </p>
        ))}
        <RecentMovements recent={recent} title={title} />
      </article>
    </li>
  );
}

export function FailedCard({ slot }: { slot: Failed }) {
  return (
    <li className="card failed" data-id={slot.id} data-provider={slot.provider ?? 'OTHER'}>
      <article aria-labelledby={domId(slot.id)} role="alert">
        <p className="badge badge-error">{slot.missing ? 'No such account' : 'Could not be read'}</p>
        <h3 id={domId(slot.id)}>
          <code>{slot.id}</code>
        </h3>
        <p className="error-text">{slot.error.message}</p>
        <p className="help">Code: {slot.error.code}</p>
      </article>
    </li>
  );
}

export function LoadingCard({ slot }: { slot: Loading }) {
  const provider = slot.provider ? PROVIDER_LABELS[slot.provider] : 'the gateway';
  return (
    <li className="loading-card" data-id={slot.id} data-provider={slot.provider ?? 'OTHER'} aria-busy="true">
      <article>
        <p className={`badge badge-${slot.provider?.toLowerCase() ?? 'error'}`}>{slot.provider ? PROVIDER_LABELS[slot.provider] : 'Unknown'}</p>
        <h3 title={slot.id}>
          {slot.provider ? accountTitle({ id: slot.id, provider: slot.provider, nativeId: slot.id.slice(slot.id.indexOf(':') + 1) }) : slot.id}
        </h3>
        <p className="id">
          <code>{slot.id}</code>
        </p>
        <p className="pending-text">Waiting for {provider}…</p>
      </article>
    </li>
  );
}
