// Following a Taler account live: libeufin-bank long-polls its history (`GET /accounts/{username}/transactions` with a
// positive `limit`/`delta` after `offset`/`start` and `timeout_ms`, called `long_poll_ms` before protocol v5): the
// bank answers as soon as a transfer is booked after that row, or 204 when the wait is over. One call per wait while
// nothing moves; a bank that answers at once (no long polling) is asked again only after the poll interval.
import { readWire } from '../../upstream/wire.js';
import { fetchAnswer } from '../shared/fetched.js';
import { pause, type LiveFeature } from '../../live/types.js';
import { HISTORY_ROUTE, talerHistoryPage, toTransferEntry } from './activity.js';
import { WireTransactionList } from './wire.js';

/** Transfers read per answer; more are read by the next call at once. */
const BATCH = 20;
/** The longest wait asked for, in ms (and never more than the provider's time limit allows, less one second). */
const MAX_WAIT_MS = 20_000;

export const talerLive: LiveFeature = {
  async *follow(client, username, from, { signal, pollIntervalMs, timeoutMs }) {
    let position = from ?? (await talerHistoryPage(client, username, { size: 1 })).entries[0]?.position ?? '0';
    yield { entries: [], position };
    const wait = Math.max(0, Math.min(MAX_WAIT_MS, timeoutMs - 1_000));
    while (!signal.aborted) {
      const started = performance.now();
      const query = {
        limit: String(BATCH),
        delta: String(BATCH),
        offset: position,
        start: position,
        timeout_ms: String(wait),
        long_poll_ms: String(wait),
      };
      const answer = await fetchAnswer(client, ['accounts', username, 'transactions'], { query, noCache: true, signal });
      if (signal.aborted) return;
      const items = answer.body === undefined ? [] : (readWire(client, WireTransactionList, answer.body, HISTORY_ROUTE).transactions ?? []);
      const read = items.map((item) => toTransferEntry(client, username, item));
      const last = read.at(-1)?.position;
      if (last !== undefined) {
        position = last;
        const entries = read.flatMap((item) => (item.entry ? [item.entry] : []));
        yield { entries, position, omitted: read.length - entries.length };
      }
      // Nothing came and the bank did not wait: it does not long-poll, so poll it.
      if (items.length === 0 && performance.now() - started < wait / 2) await pause(pollIntervalMs, signal);
    }
  },
};
