/**
 * @module loaders/shared/concurrency
 * Bounded fan-out for the live collectors (AWS per-user and per-resource calls,
 * Azure per-object Graph and ARM calls). No I/O of its own.
 */

/** Run `fn` over `items` with at most `limit` calls in flight, keeping input order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
