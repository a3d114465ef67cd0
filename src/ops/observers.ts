// Several upstream observers as one: the client takes a single hook, metrics and tracing both listen.
import type { UpstreamObserver } from '../upstream/client.js';

export function combineObservers(observers: ReadonlyArray<UpstreamObserver | undefined>): UpstreamObserver | undefined {
  const present = observers.filter((observer): observer is UpstreamObserver => observer !== undefined);
  if (present.length <= 1) return present[0];
  return {
    onRequest: (event) => present.forEach((observer) => observer.onRequest(event)),
    onCacheLookup: (event) => present.forEach((observer) => observer.onCacheLookup(event)),
    onWireIssue: (event) => present.forEach((observer) => observer.onWireIssue?.(event)),
  };
}
