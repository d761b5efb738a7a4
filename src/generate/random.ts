/**
 * @module generate/random
 * A small seeded PRNG and the sampling helpers the synthetic organisations use,
 * so the same seed always yields byte-identical files.
 */

/** A seeded random source (mulberry32: fast, 32-bit state, good enough for test data). */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max]. */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** k distinct items (or all when k >= length). */
  sample<T>(items: readonly T[], k: number): T[]
  /** A heavy-tailed count: mostly `min`, sometimes much larger (Pareto-like, capped). */
  tail(min: number, max: number, alpha?: number): number
  hex(length: number): string
  /** A GUID-shaped id derived from the stream (lower case). */
  guid(): string
}

/** A seeded uniform stream in [0, 1) (mulberry32: fast, 32-bit state, good enough for test data and sampling). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Create a seeded random source. */
export function createRandom(seed: number): Random {
  const next = seededUniform(seed)
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const hex = (length: number): string => {
    let out = ''
    while (out.length < length) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0')
    return out.slice(0, length)
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    sample: <T>(items: readonly T[], k: number): T[] => {
      if (k >= items.length) return [...items]
      const chosen = new Set<number>()
      while (chosen.size < k) chosen.add(Math.floor(next() * items.length))
      return [...chosen].map((i) => items[i] as T)
    },
    tail: (min, max, alpha = 1.6) => Math.min(max, Math.floor(min / Math.pow(1 - next(), 1 / alpha))),
    hex,
    guid: () => {
      const h = hex(32)
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
    },
  }
}
