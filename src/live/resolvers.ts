// The Subscription root fields: each subscribes through the replica's hub and resolves every event in the context
// its watcher read it with; an event carrying an error resolves to null with that error at the field's path.
import { GraphQLError } from 'graphql';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { RequestContext } from '../context.js';
import { SubscriptionContext } from './context.js';
import type { LiveEvent, LiveKind } from './hub.js';

function subscriptionOf(ctx: RequestContext): SubscriptionContext {
  if (ctx instanceof SubscriptionContext) return ctx;
  throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) and server-sent events (graphql-sse) only.', {
    extensions: { code: 'OPERATION_NOT_SUPPORTED' },
  });
}

const subscribe =
  (kind: LiveKind) =>
  (_root: unknown, { ids }: { ids: readonly string[] }, ctx: RequestContext) => {
    const { hub, session } = subscriptionOf(ctx).live;
    return hub.subscribe(kind, ids, session);
  };

function resolveEvent(event: LiveEvent, ctx: RequestContext): unknown {
  if ('error' in event) throw event.error;
  subscriptionOf(ctx).use(event.context);
  return 'account' in event ? event.account : event.entry;
}

export function subscriptionResolvers(): Resolvers {
  return {
    Subscription: {
      accountUpdated: {
        subscribe: subscribe('account'),
        resolve: (event: LiveEvent, _args: unknown, ctx: RequestContext) => resolveEvent(event, ctx),
      },
      activityAdded: {
        subscribe: subscribe('activity'),
        resolve: (event: LiveEvent, _args: unknown, ctx: RequestContext) => resolveEvent(event, ctx),
      },
    } as unknown as Resolvers['Subscription'],
  };
}
