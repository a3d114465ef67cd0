// The dashboard's live updates: subscriptions over GraphQL over WebSocket (graphql-ws, `graphql-transport-ws` at the
// gateway's own /graphql), and what the page says about them. The socket opens only when a subscription starts
// (lazy), reconnects by itself with growing waits, and gives up after a few failed tries in a row: then the page
// stays on the data it read over HTTP and says live updates are off, with a button to try again.
import { createContext, useContext, useSyncExternalStore } from 'react';
import { createClient, type Client } from 'graphql-ws';
import { Observable } from 'rxjs';
import { ApolloLink } from '@apollo/client/link';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';

/**
 * - `idle`: nothing is followed (no subscription yet, or none left).
 * - `connecting`: the first socket is opening.
 * - `connected`: the socket is open and acknowledged; updates arrive as they happen.
 * - `reconnecting`: the socket closed or could not open; another try is scheduled.
 * - `off`: the tries ran out (live updates are turned off on the gateway, or it cannot be reached over WebSocket).
 */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'off';

/** Failed tries in a row before giving up: fewer while no socket has ever opened (live updates may be off). */
export const TRIES_BEFORE_CONNECTED = 3;
export const TRIES_AFTER_CONNECTED = 8;

/** The wait before retry `n` (0-based): 0.5 s, 1 s, 2 s, 4 s, then 8 s, with up to 25 % jitter. */
export function retryDelay(n: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** n, 8_000);
  return Math.round(base * (1 + random() / 4));
}

/** The graphql-ws URL of the page's own gateway: ws://host/graphql from http://host/…, wss:// from https://. */
export function liveUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

/** What the indicator says for each status: short text, and a longer one for screen readers and the tooltip. */
export function liveText(status: LiveStatus): { label: string; detail: string } {
  switch (status) {
    case 'connected':
      return { label: 'Live', detail: 'Live updates are on: balances and movements change here as they happen.' };
    case 'connecting':
      return { label: 'Connecting…', detail: 'Connecting for live updates.' };
    case 'reconnecting':
      return { label: 'Reconnecting…', detail: 'Live updates are interrupted: reconnecting. The figures shown may be out of date.' };
    case 'off':
      return {
        label: 'Live updates off',
        detail: 'Live updates are off: the figures shown are as read when the page loaded. Reload to read them again.',
      };
    default:
      return { label: 'Live', detail: 'Live updates start when accounts are shown.' };
  }
}

/**
 * One WebSocket connection for the page and its status. `link` is a terminating Apollo link for subscriptions;
 * `retry()` starts over with a fresh socket after the tries ran out (subscribers resubscribe on `generation`).
 */
export class LiveConnection {
  status: LiveStatus = 'idle';
  /** Bumped by retry(): hooks that follow accounts subscribe again when it changes. */
  generation = 0;
  readonly link: ApolloLink;
  private client: Client;
  private wsLink: GraphQLWsLink;
  private failures = 0;
  private everConnected = false;
  private active = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly url: string,
    private readonly options: { connectionParams?: () => Record<string, unknown> } = {},
  ) {
    this.client = this.open();
    this.wsLink = new GraphQLWsLink(this.client);
    this.link = new ApolloLink(
      (operation) =>
        new Observable<ApolloLink.Result>((observer) => {
          this.active++;
          if (this.status === 'idle') this.set(this.everConnected ? 'reconnecting' : 'connecting');
          const subscription = this.wsLink.request(operation).subscribe({
            next: (result) => observer.next(result),
            complete: () => observer.complete(),
            // The socket gave up (tries ran out, or a close graphql-ws never retries): the page stays on HTTP data.
            error: (error: unknown) => {
              this.set('off');
              observer.error(error);
            },
          });
          return () => {
            this.active--;
            subscription.unsubscribe();
          };
        }),
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): LiveStatus => this.status;

  /** Gives up on the current socket and starts again: a new client, zero failures, subscribers resubscribe. */
  retry(): void {
    void this.client.dispose();
    this.failures = 0;
    this.client = this.open();
    this.wsLink = new GraphQLWsLink(this.client);
    this.generation++;
    this.set('idle');
  }

  dispose(): void {
    void this.client.dispose();
  }

  private limit(): number {
    return this.everConnected ? TRIES_AFTER_CONNECTED : TRIES_BEFORE_CONNECTED;
  }

  private open(): Client {
    const client = createClient({
      url: this.url,
      lazy: true,
      // The page sends no credentials of its own: a proxy in front adds them, as for /graphql over HTTP.
      connectionParams: this.options.connectionParams,
      // graphql-ws counts its own tries; this connection decides when to stop (shouldRetry), so the count is only a cap.
      retryAttempts: 1_000,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelay(retries))),
      shouldRetry: () => this.failures < this.limit(),
      on: {
        connecting: () => {
          if (client !== this.client) return;
          this.set(this.failures > 0 || this.everConnected ? 'reconnecting' : 'connecting');
        },
        connected: () => {
          if (client !== this.client) return;
          this.failures = 0;
          this.everConnected = true;
          this.set('connected');
        },
        closed: () => {
          if (client !== this.client) return;
          if (this.active === 0) return this.set('idle');
          this.failures++;
          this.set(this.failures < this.limit() ? 'reconnecting' : 'off');
        },
      },
    });
    return client;
  }

  private set(status: LiveStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

/** The page's live connection (null: none, as in tests that render without one: the page then says "off"). */
export const LiveContext = createContext<LiveConnection | null>(null);

/** The live connection's status, re-rendering on each change. */
export function useLiveStatus(): LiveStatus {
  const live = useContext(LiveContext);
  return useSyncExternalStore(live?.subscribe ?? noSubscribe, live?.getStatus ?? off);
}

/** The live connection's generation (bumped by retry()), for hooks that subscribe to resubscribe. */
export function useLiveGeneration(): number {
  const live = useContext(LiveContext);
  return useSyncExternalStore(live?.subscribe ?? noSubscribe, () => live?.generation ?? 0);
}

const noSubscribe = () => () => undefined;
const off = (): LiveStatus => 'off';
