// Following a Stellar account live: Horizon streams the account's payments as server-sent events
// (`GET /accounts/{account_id}/payments` with `Accept: text/event-stream`, stellar/go services/horizon/internal/render/sse):
// each record is an event whose `id:` is its paging token, so a dropped stream resumes with `cursor=<last id>`;
// `cursor=now` starts with what happens next. Horizon's account endpoint streams an account once and not on balance
// changes, so the watcher reads the account again after each payment.
import { parseJson } from '../../upstream/exactJson.js';
import { readEach } from '../shared/entries.js';
import type { LiveFeature } from '../../live/types.js';
import { horizonPaymentRecord } from './activityWire.js';
import { mergeAmounts, PAYMENTS_ROUTE, toActivity } from './activity.js';

/** A stream that sends nothing (not even Horizon's keep-alive comments) for this long is opened again. */
const STREAM_IDLE_MS = 120_000;

export const stellarLive: LiveFeature = {
  async *follow(client, accountId, from, { signal }) {
    const events = await client.events(['accounts', accountId, 'payments'], {
      // Horizon ends a stream after `limit` records (10 by default): the most it allows keeps reconnections rare.
      query: { cursor: from ?? 'now', limit: '200', include_failed: 'false', join: 'transactions' },
      signal,
      idleTimeoutMs: STREAM_IDLE_MS,
    });
    yield { entries: [], position: from };
    const merges = mergeAmounts(client);
    for await (const event of events) {
      // Horizon's preamble (`event: open`, `data: "hello"`) and its goodbye carry no record.
      if (!event.id || !event.data.startsWith('{')) continue;
      let raw: unknown;
      try {
        raw = parseJson(event.data);
      } catch {
        client.reportWire({ outcome: 'refused', route: PAYMENTS_ROUTE, fields: ['(event)'] });
        yield { entries: [], position: event.id, omitted: 1 };
        continue;
      }
      const [read] = readEach(client, horizonPaymentRecord, [raw], PAYMENTS_ROUTE, 'data');
      const entry = read?.ok ? await toActivity(accountId, read.value, merges) : undefined;
      // A record that does not move this account's money is no movement; one that does but cannot be read is left out.
      const unreadableMerge =
        read?.ok && !entry && read.value.type === 'account_merge' && (read.value.into === accountId || read.value.account === accountId);
      yield { entries: entry ? [entry] : [], position: event.id, omitted: !read?.ok || unreadableMerge ? 1 : 0 };
    }
  },
};
