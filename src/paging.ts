// Paging in the gateway, for providers that return a whole list at once: pages keyed by a sortable id.

/** Ascending code-point order of strings (locale-independent, so pages are stable). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The items strictly after a position, in a list sorted by `keyOf`: a page stays put when items come or go before
 * it, and a position that no longer exists still works. `before`/`more` say whether items lie on either side.
 */
export function pageAfter<T>(sorted: readonly T[], keyOf: (item: T) => string, after: string | undefined, size: number): { items: T[]; before: boolean; more: boolean } {
  const start = after === undefined ? 0 : sorted.findIndex((item) => keyOf(item) > after);
  const from = start < 0 ? sorted.length : start;
  return { items: sorted.slice(from, from + size), before: from > 0, more: from + size < sorted.length };
}
