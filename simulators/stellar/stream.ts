// Horizon's server-sent events for the payments stream, as Horizon (services/horizon/internal/render/sse, httpx
// handler.go pageActionHandler.renderStream, sse.StreamHandler.ServeStream) writes them:
//
//   200, `Content-Type: text/event-stream; charset=utf-8`, `Cache-Control: no-cache`, `Connection: keep-alive`,
//   `Access-Control-Allow-Origin: *` (no Latest-Ledger header on a stream), then
//   `retry: 1000\nevent: open\ndata: "hello"\n\n`, then one `id: <paging_token>\ndata: <record>\n\n` per record, the
//   record being Go's json.Marshal of the page record (compact, `<` `>` `&` U+2028 U+2029 escaped as \uXXXX).
//
// A stream sends at most `limit` records in all (the page limit, default 10); then, or when Horizon's connection
// timeout (55 s by default) ends the request, it writes `retry: 10\nevent: close\ndata: "byebye"\n\n` and ends the
// response, so that EventSource clients reconnect at once with `Last-Event-ID`.
import type { ServerResponse } from 'node:http';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'access-control-allow-origin': '*',
} as const;

/** Horizon's hello and goodbye events, byte for byte. */
export const OPEN_EVENT = 'retry: 1000\nevent: open\ndata: "hello"\n\n';
export const CLOSE_EVENT = 'retry: 10\nevent: close\ndata: "byebye"\n\n';

/** Horizon's default `--connection-timeout` (seconds), after which a stream is closed with the close event. */
export const DEFAULT_STREAM_LIFETIME_MS = 55_000;

/** Go's json.Marshal of a value: compact, with HTML-significant characters and line separators escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One data event as Horizon's WriteEvent writes it. */
export const dataEvent = (id: string, data: unknown): string => `id: ${id}\ndata: ${goJson(data)}\n\n`;

/** What an open stream needs from its route: the records after a cursor, in its order, at most `max` of them. */
export interface StreamSource {
  /** Accounts whose changes concern the stream. */
  account: string;
  next(cursor: bigint, max: number): Array<{ id: string; data: unknown }>;
}

interface OpenStream {
  source: StreamSource;
  res: ServerResponse;
  cursor: bigint;
  remaining: number;
  timer: NodeJS.Timeout;
}

/** The open payment streams of one simulator: live pushes, a count, and an abrupt drop for tests. */
export class StreamRegistry {
  private readonly open = new Set<OpenStream>();

  constructor(private readonly lifetimeMs: number = DEFAULT_STREAM_LIFETIME_MS) {}

  /** How many streams are open now. */
  count(): number {
    return this.open.size;
  }

  /** Starts a stream on `res`: preamble, the records after `cursor` (up to `limit`), then live ones. */
  start(res: ServerResponse, source: StreamSource, cursor: bigint, limit: number): void {
    res.writeHead(200, SSE_HEADERS);
    res.flushHeaders();
    const stream: OpenStream = {
      source,
      res,
      cursor,
      remaining: limit,
      timer: setTimeout(() => this.finish(stream), this.lifetimeMs),
    };
    stream.timer.unref();
    this.open.add(stream);
    res.on('close', () => this.forget(stream));
    res.write(OPEN_EVENT);
    this.pump(stream);
  }

  /** A change recorded for these accounts: every open stream of any of them sends what it has not sent yet. */
  notify(accounts: readonly string[]): void {
    for (const stream of [...this.open]) if (accounts.includes(stream.source.account)) this.pump(stream);
  }

  /** Ends every open stream abruptly (socket destroyed, no close event), as a dropped connection would. */
  dropAll(): number {
    const streams = [...this.open];
    for (const stream of streams) {
      this.forget(stream);
      stream.res.socket?.destroy();
      stream.res.destroy();
    }
    return streams.length;
  }

  private pump(stream: OpenStream): void {
    if (!this.open.has(stream)) return;
    const records = stream.source.next(stream.cursor, stream.remaining);
    for (const record of records) {
      stream.res.write(dataEvent(record.id, record.data));
      stream.cursor = BigInt(record.id);
      stream.remaining -= 1;
    }
    if (stream.remaining <= 0) this.finish(stream);
  }

  /** Horizon's end of a stream: the close event, then the response ends. */
  private finish(stream: OpenStream): void {
    if (!this.open.has(stream)) return;
    this.forget(stream);
    stream.res.end(CLOSE_EVENT);
  }

  private forget(stream: OpenStream): void {
    clearTimeout(stream.timer);
    this.open.delete(stream);
  }
}

/** Horizon's content types, in the order its render.Negotiate offers them (the first is the default). */
const OFFERED = ['application/hal+json', 'application/json', 'text/event-stream'] as const;

/**
 * The type Horizon's render.Negotiate (goautoneg) picks for an Accept header: clauses by quality, then the more
 * specific first; the first clause matching an offered type wins, offered types in Horizon's order. No header: HAL.
 */
export function negotiate(accept: string | undefined): (typeof OFFERED)[number] | undefined {
  if (!accept) return OFFERED[0];
  const clauses = accept
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.trim().split(';');
      const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { type, subtype, q: q === undefined ? 1 : Number(q) };
    })
    .filter((clause) => clause.type !== '' && clause.q > 0);
  const specificity = (c: { type: string; subtype: string }) => (c.type === '*' ? 0 : c.subtype === '*' ? 1 : 2);
  clauses.sort((a, b) => b.q - a.q || specificity(b) - specificity(a));
  for (const clause of clauses) {
    const match = OFFERED.find((offer) => {
      const [type, subtype] = offer.split('/');
      return (clause.type === '*' || clause.type === type) && (clause.subtype === '*' || clause.subtype === subtype);
    });
    if (match) return match;
  }
  return undefined;
}
