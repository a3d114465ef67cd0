// Movements as the dashboard shows them: a card's recent activity, and the merged "Recent activity" feed with
// "Load more". Each amount is the gateway's exact signed string (a debit is negative), styled as a credit or a debit.
import type { AccountSlot } from './accounts.js';
import type { ActivityEntryFragment } from '../../client/gql/graphql.js';
import { PROVIDER_LABELS, shortKey } from '../../client/assetIdentity.js';
import { providerOf } from './accounts.js';
import { feedNoteLines, titleFor, type FeedState, type RecentActivity } from './activity.js';

/** "2026-01-06 18:00 UTC": the same on every machine, to the minute. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** What the movement was, where the provider gave no description. */
function kindOf(entry: ActivityEntryFragment): string {
  switch (entry.__typename) {
    case 'StellarPayment':
      return 'Payment';
    case 'StellarPathPayment':
      return entry.kind === 'STRICT_SEND' ? 'Path payment (strict send)' : 'Path payment (strict receive)';
    case 'StellarAccountCreation':
      return 'Account created';
    case 'StellarAccountMerge':
      return 'Account merged';
    case 'TalerTransfer':
      return 'Transfer';
    case 'MidazOperation':
      return `${entry.type.charAt(0)}${entry.type.slice(1).toLowerCase().replace(/_/g, ' ')}${entry.statusCode && entry.statusCode !== 'APPROVED' ? ` (${entry.statusCode.toLowerCase()})` : ''}`;
    case 'InterledgerStreamPayment':
      return `STREAM payment${entry.status === 'PENDING' ? ' (pending)' : ''}`;
  }
}

/** The other side, short enough to read: a name where Taler has one, a key's ends, the IBAN of a payto URI. */
export function counterpartyText(entry: ActivityEntryFragment): string | null {
  if (entry.__typename === 'TalerTransfer' && entry.counterpartyName) return entry.counterpartyName;
  const other = entry.counterparty;
  if (!other) return null;
  if (/^[GM][A-Z2-7]{55,}$/.test(other)) return shortKey(other);
  const payto = /^payto:\/\/[^/]+\/([^?]+)/.exec(other);
  if (payto) return decodeURIComponent(payto[1]!);
  return other.length > 32 ? shortKey(other, 20, 8) : other;
}

function Amount({ entry }: { entry: ActivityEntryFragment }) {
  const credit = entry.direction === 'CREDIT';
  return (
    <span className={`amount ${credit ? 'credit' : 'debit'}`} title={credit ? 'Credit: money in' : 'Debit: money out'}>
      <span className="value">{entry.amount}</span> <span className="asset">{entry.asset.code}</span>
    </span>
  );
}

function Movement({ entry, account }: { entry: ActivityEntryFragment; account?: { title: string; provider: string } }) {
  const other = counterpartyText(entry);
  return (
    <li className="movement" data-id={entry.id} data-account={entry.accountId} data-direction={entry.direction} data-occurred={entry.occurredAt}>
      <div className="what">
        {account && (
          <span className="account" title={entry.accountId}>
            <span className={`dot dot-${account.provider.toLowerCase()}`} aria-hidden="true" />
            {account.title}
          </span>
        )}
        <span className="description">{entry.description ?? kindOf(entry)}</span>
        {other && (
          <span className="counterparty" title={entry.counterparty ?? undefined}>
            {entry.direction === 'CREDIT' ? 'from' : 'to'} {other}
          </span>
        )}
        <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>
      </div>
      <Amount entry={entry} />
    </li>
  );
}

/** A card's last movements, or why there are none. */
export function RecentMovements({ recent, title }: { recent: RecentActivity | undefined; title: string }) {
  return (
    <section className="recent" aria-label={`Recent activity of ${title}`} data-state={recent?.status ?? 'waiting'}>
      <h4>Recent activity</h4>
      {!recent || recent.status === 'loading' ? (
        <p className="pending-text">Loading activity…</p>
      ) : recent.status === 'none' ? (
        <p className="help no-history">{recent.message}</p>
      ) : recent.status === 'failed' ? (
        <p className="error-text activity-error">
          The activity could not be read: {recent.error.message} ({recent.error.code})
        </p>
      ) : recent.entries.length === 0 ? (
        <p className="help">No movements yet.</p>
      ) : (
        <ol className="movements">
          {recent.entries.map((entry) => (
            <Movement key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The merged feed across the chosen accounts, newest first, with "Load more" and what it may lack. */
export function ActivityFeed({ feed, slots, onLoadMore }: { feed: FeedState; slots: readonly AccountSlot[]; onLoadMore: () => void }) {
  const lines = feedNoteLines(feed.notes);
  const partial = lines.some((line) => line.missing);
  return (
    <section className="feed" aria-labelledby="feed-heading" aria-busy={feed.loading} data-partial={partial}>
      <h2 id="feed-heading">Recent activity{partial && <span className="partial-mark">Partial</span>}</h2>
      <p className="help">Every movement of the chosen accounts, newest first, across providers. Amounts are exact; a debit is negative.</p>
      {lines.length > 0 && (
        <ul className="feed-notes" aria-live="polite">
          {lines.map((line) => (
            <li
              key={line.key}
              data-provider={line.provider ?? 'OTHER'}
              data-kind={line.missing ? 'missing' : 'no-history'}
              title={line.accountIds.join(', ')}
            >
              {line.missing ? (
                <span className="warning-text">{line.text}: its movements may be missing here.</span>
              ) : (
                <span className="help">{line.text}.</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {feed.entries.length > 0 ? (
        <ol className="movements feed-list">
          {feed.entries.map((entry) => {
            const provider = providerOf(entry.accountId);
            return (
              <Movement
                key={entry.id}
                entry={entry}
                account={{ title: titleFor(entry.accountId, slots), provider: provider ? PROVIDER_LABELS[provider] : 'other' }}
              />
            );
          })}
        </ol>
      ) : feed.loading || feed.pages === 0 ? (
        <p className="pending-text">{feed.pages === 0 && !feed.loading ? 'The feed is read once the cards are on screen…' : 'Loading activity…'}</p>
      ) : (
        !feed.error && <p className="help">No movements.</p>
      )}
      {feed.error && (
        <p className="error-text feed-error" role="alert">
          The feed could not be read: {feed.error.message} ({feed.error.code})
        </p>
      )}
      {(feed.hasMore || feed.error) && (
        <button type="button" className="secondary load-more" onClick={onLoadMore} disabled={feed.loading}>
          {feed.loading ? 'Loading…' : feed.error ? 'Try again' : 'Load more'}
        </button>
      )}
      {feed.pages > 0 && !feed.hasMore && !feed.error && feed.entries.length > 0 && <p className="help feed-end">That is every movement.</p>}
    </section>
  );
}
