// The context of one subscription. graphql-js resolves every event of a subscription with the same context value, but
// each event must be read through the context its watcher read it with (whose loaders hold the answers its fields
// need, fresh): this context hands every call on to the current event's context.
import type { RequestContext } from '../context.js';
import type { LiveHub, LiveSession } from './hub.js';

export class SubscriptionContext implements RequestContext {
  private current: RequestContext;

  constructor(
    base: RequestContext,
    /** The replica's live updates and who subscribes. */
    readonly live: { hub: LiveHub; session: LiveSession },
  ) {
    this.current = base;
  }

  /** Resolves what follows through `context` (the event's). */
  use(context: RequestContext): void {
    this.current = context;
  }

  source: RequestContext['source'] = (provider) => this.current.source(provider);
  loadAccount: RequestContext['loadAccount'] = (id, selects) => this.current.loadAccount(id, selects);
  client: RequestContext['client'] = (provider) => this.current.client(provider);
  idempotent: RequestContext['idempotent'] = (operation, key, input, create) => this.current.idempotent(operation, key, input, create);
  activityPage: RequestContext['activityPage'] = (provider, nativeId, size, after, load) =>
    this.current.activityPage(provider, nativeId, size, after, load);
  get cursors() {
    return this.current.cursors;
  }
  get scope() {
    return this.current.scope;
  }
  get logger() {
    return this.current.logger;
  }
  get caller() {
    return this.live.session.caller;
  }
  get partial() {
    return this.current.partial;
  }
}
