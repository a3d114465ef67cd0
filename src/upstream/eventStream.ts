// Server-sent event streams from a provider (Horizon streams every endpoint with `Accept: text/event-stream`): one
// long-lived GET outside the provider's connection pool, read event by event with eventsource-parser. An event is
// capped like a body, and the stream ends when the provider is silent for longer than the idle limit.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Agent, type Dispatcher } from 'undici';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One event as the provider sent it: its `id:` (where to resume), `event:` name and `data:` text. */
export interface ServerSentEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export interface EventStreamOptions {
  /** Largest event (its data) read, in bytes: a bigger one ends the stream with an EventStreamError. */
  maxEventBytes: number;
  /** A stream that sends nothing for this long is ended (with an EventStreamError), in ms. */
  idleTimeoutMs: number;
}

/** Why a stream ended other than by its end or an abort: a refusal of what was sent, or silence. */
export class EventStreamError extends Error {
  constructor(readonly reason: 'event larger than the cap' | 'not an event stream' | 'silent too long') {
    super(reason);
    this.name = 'EventStreamError';
  }
}

/** One dispatcher for every provider's streams: they never take a connection the pool's short calls need. */
let streams: Agent | undefined;
const streamDispatcher = (headersTimeoutMs: number): Dispatcher =>
  (streams ??= new Agent({ headersTimeout: headersTimeoutMs, bodyTimeout: 0, keepAliveTimeout: 1_000 }));

/** Opens `url` as an event stream: the response's status and headers, and its unread body. */
export async function openEventStream(
  url: URL,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
  headersTimeoutMs: number,
): Promise<Dispatcher.ResponseData> {
  return streamDispatcher(headersTimeoutMs).request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers: { ...headers, accept: 'text/event-stream', 'cache-control': 'no-cache' },
    signal,
  });
}

/** The content type says the body is an event stream. */
export const isEventStream = (contentType: string | string[] | undefined): boolean =>
  /^text\/event-stream\s*(;|$)/i.test(String(Array.isArray(contentType) ? contentType[0] : (contentType ?? '')));

/**
 * The events of a body, in order, as eventsource-parser reads them (comments and `retry:` lines are not events; the
 * last `retry:` is kept in `retry.ms`). Ends when the body ends; throws an EventStreamError for an oversized event
 * or silence past the idle limit, and the body's own error otherwise. Destroys the body when the reader stops early.
 */
export async function* readEvents(
  body: Readable,
  { maxEventBytes, idleTimeoutMs }: EventStreamOptions,
  retry: { ms?: number } = {},
): AsyncGenerator<ServerSentEvent> {
  const ready: EventSourceMessage[] = [];
  let pendingBytes = 0;
  const parser = createParser({
    onEvent: (message) => ready.push(message),
    onRetry: (ms) => (retry.ms = ms),
  });
  const decoder = new StringDecoder('utf8');
  let idle: NodeJS.Timeout | undefined;
  let silent = false;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      silent = true;
      body.on('error', () => undefined).destroy();
    }, idleTimeoutMs);
  };
  try {
    watch();
    for await (const chunk of body as AsyncIterable<Buffer>) {
      watch();
      pendingBytes += chunk.length;
      parser.feed(decoder.write(chunk));
      if (ready.length > 0) pendingBytes = 0;
      else if (pendingBytes > maxEventBytes) throw new EventStreamError('event larger than the cap');
      while (ready.length > 0) {
        const message = ready.shift()!;
        if (Buffer.byteLength(message.data) > maxEventBytes) throw new EventStreamError('event larger than the cap');
        yield { id: message.id, event: message.event, data: message.data };
      }
    }
    if (silent) throw new EventStreamError('silent too long');
  } catch (error) {
    if (silent) throw new EventStreamError('silent too long');
    throw error;
  } finally {
    clearTimeout(idle);
    if (!body.destroyed) body.on('error', () => undefined).destroy();
  }
}
