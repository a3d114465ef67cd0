// The accounts dashboard: pick ids; each provider's accounts load by their own query and render as they arrive;
// totals per asset identity say what they add and what they may be missing; a chart shows each asset's holdings.
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useAccountsByProvider, type ProviderProgress } from './accounts.js';
import { totalsOf } from './totals.js';
import { Totals, Shortfalls } from './Totals.js';
import { AccountCard, FailedCard, LoadingCard } from './AccountCard.js';
import { RECENT_COUNT, useActivityFeed, useRecentActivity, type RecentActivity } from './activity.js';
import { ActivityFeed } from './Activity.js';
import { followedIds, useLiveAccounts, useLiveActivity, withLive } from './liveData.js';
import { LiveIndicator } from './LiveIndicator.js';

// The chart library is loaded after the first cards: it is not needed to read an account.
const HoldingsChart = lazy(() => import('./HoldingsChart.js').then((module) => ({ default: module.HoldingsChart })));

const parseIds = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean),
  ),
];

export function App() {
  const [sampleIds, setSampleIds] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [ids, setIds] = useState<readonly string[]>([]);

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

  const { slots, progress } = useAccountsByProvider(ids);
  const report = useMemo(() => totalsOf(slots), [slots]);
  const loading = progress.some((entry) => entry.state === 'loading');
  // The chart is drawn after the cards and totals are on screen, in React's background rendering.
  const chartTotals = useDeferredValue(report.totals);
  // Activity never holds a card back: each provider's recent movements are asked for once its cards are on screen,
  // and the merged feed once every card is.
  const recentRead = useRecentActivity(ids, slots);
  const feedRead = useActivityFeed(ids, !loading);

  // Live updates: balances land in the cache (the cards, totals and chart follow); new movements go on top of the
  // feed and of their card's recent activity.
  const followed = followedIds(slots);
  useLiveAccounts(followed.accounts);
  const added = useLiveActivity(followed.activity, ids.join('\n'));
  const feed = useMemo(() => (added.length ? { ...feedRead, entries: withLive(feedRead.entries, added) } : feedRead), [feedRead, added]);
  const recent = useMemo(() => {
    if (added.length === 0) return recentRead;
    const merged = new Map(recentRead);
    for (const slot of slots) {
      const read = recentRead.get(slot.id);
      if (slot.status !== 'loaded' || read?.status !== 'loaded') continue;
      const own = added.filter((entry) => entry.accountId === slot.account.id);
      if (own.length) merged.set(slot.id, { ...read, entries: withLive(read.entries, own, RECENT_COUNT) } satisfies RecentActivity);
    }
    return merged;
  }, [recentRead, added, slots]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setIds(parseIds(text));
  };

  return (
    <>
      <header className="top">
        <div className="title-row">
          <h1>Accounts</h1>
          <LiveIndicator />
        </div>
        <p>
          Five providers through one gateway: Interledger, Stellar, Taler, Conduit and Midaz. Each provider's accounts appear as soon as it answers.
        </p>
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

        <section className="overview" aria-busy={loading}>
          <h2 className="visually-hidden">Providers</h2>
          {progress.length > 0 && <Progress progress={progress} />}
          <Shortfalls report={report} />
          {report.totals.length > 0 && <Totals totals={report.totals} />}
          {chartTotals.length > 0 && (
            <Suspense fallback={<p className="pending-text">Loading the chart…</p>}>
              <HoldingsChart totals={chartTotals} />
            </Suspense>
          )}
        </section>

        {ids.length > 0 && <ActivityFeed feed={feed} slots={slots} onLoadMore={feed.loadMore} />}

        <section aria-labelledby="accounts-heading">
          <h2 id="accounts-heading" className="visually-hidden">
            Accounts
          </h2>
          <ul className="cards">
            {slots.map((slot, index) =>
              slot.status === 'loaded' ? (
                <AccountCard key={`${slot.id}-${index}`} slot={slot} recent={recent.get(slot.id)} />
              ) : slot.status === 'failed' ? (
                <FailedCard key={`${slot.id}-${index}`} slot={slot} />
              ) : (
                <LoadingCard key={`${slot.id}-${index}`} slot={slot} />
              ),
            )}
          </ul>
        </section>
      </main>
    </>
  );
}

/** One line per provider: loading, or how long its answer took and how many of its accounts failed. */
function Progress({ progress }: { progress: ProviderProgress[] }) {
  return (
    <ul className="progress" aria-live="polite">
      {progress.map((entry) => (
        <li key={entry.key} data-provider={entry.key} data-state={entry.state} className={entry.failed > 0 ? 'has-failures' : undefined}>
          <strong>{entry.label}</strong>{' '}
          {entry.state === 'loading' ? (
            <span className="pending-text">
              loading {entry.count} {entry.count === 1 ? 'account' : 'accounts'}…
            </span>
          ) : (
            <span>
              {entry.count - entry.failed} of {entry.count} read{entry.failed > 0 && <span className="error-text">, {entry.failed} failed</span>} ·{' '}
              {entry.ms} ms
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
