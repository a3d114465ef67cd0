// Test clients of the gateway's live updates: graphql-ws over a real WebSocket and graphql-sse over a real event
// stream, each collecting a subscription's events for tests to wait on.
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';

export interface Collected<T = Record<string, any>> {
  events: Array<{ data?: T | null; errors?: Array<{ message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }> }>;
  /** Resolves once `count` events arrived (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<void>;
  /** Set when the subscription ended: 'complete', or the error it ended with. */
  ended: { how?: 'complete' | 'error'; error?: unknown };
  stop(): void;
}

async function until(condition: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function collector<T>(start: (sink: { next(value: any): void; error(error: unknown): void; complete(): void }) => () => void): Collected<T> {
  const collected: Collected<T> = {
    events: [],
    ended: {},
    waitFor: (count, ms = 10_000) =>
      until(
        () => collected.events.length >= count,
        ms,
        () => `${count} events, got ${JSON.stringify(collected.events)}`,
      ),
    stop: () => undefined,
  };
  collected.stop = start({
    next: (value) => collected.events.push(value),
    error: (error) => Object.assign(collected.ended, { how: 'error', error }),
    complete: () => Object.assign(collected.ended, { how: 'complete' }),
  });
  return collected;
}

/** A graphql-ws client of the gateway at `baseUrl` (http://…), with `connectionParams` sent in connection_init. */
export function wsClient(
  baseUrl: string,
  connectionParams: Record<string, string> = {},
  options: { retryAttempts?: number } = {},
): Client & { closes: Array<{ code: number; reason: string }> } {
  const closes: Array<{ code: number; reason: string }> = [];
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: options.retryAttempts ?? 0,
    lazy: true,
    on: { closed: (event) => closes.push({ code: (event as { code: number }).code, reason: String((event as { reason?: unknown }).reason ?? '') }) },
  });
  return Object.assign(client, { closes });
}

/** Subscribes over graphql-ws and collects the events. */
export function subscribeWs<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}): Collected<T> {
  return collector<T>((sink) => client.subscribe({ query, variables }, sink));
}

/** Subscribes over graphql-sse (distinct connections) at `url` and collects the events. */
export function subscribeSse<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Collected<T> {
  const client = createSseClient({ url, headers, retryAttempts: 0 });
  return collector<T>((sink) => {
    const stop = client.subscribe({ query, variables }, sink);
    return () => {
      stop();
      client.dispose();
    };
  });
}

export { until };
