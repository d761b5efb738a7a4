/**
 * @module techniques/per-context
 * Values computed once per detection context and shared by every technique
 * that asks (contexts are immutable, and techniques run one after another on
 * the same one). Held in WeakMaps, so a finished derivation frees them.
 */

/** A value of a context, computed on first use. */
export function perContext<C extends object, T>(compute: (ctx: C) => T): (ctx: C) => T {
  const cache = new WeakMap<C, T>()
  return (ctx) => {
    if (!cache.has(ctx)) cache.set(ctx, compute(ctx))
    return cache.get(ctx) as T
  }
}

/** Values of a context by key, each computed on first use (a family of detectors shares them). */
export function perContextByKey<C extends object>(): <T>(ctx: C, key: string, compute: () => T) => T {
  const tables = perContext((_ctx: C) => new Map<string, unknown>())
  return <T>(ctx: C, key: string, compute: () => T): T => {
    const table = tables(ctx)
    if (table.has(key)) return table.get(key) as T
    const value = compute()
    table.set(key, value)
    return value
  }
}
