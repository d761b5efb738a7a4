/**
 * @module api/engines
 * Per-snapshot caches the server keeps: a path engine and an adjacency index
 * for node detail, keyed by snapshot id (so `latest` moves on after an
 * ingest while a fixed id keeps its engine). Small LRU: snapshots are big.
 */
import type { GraphStore, SnapshotContent, SnapshotRef } from '../graph/index.js'
import type { GraphEdge } from '../model/index.js'
import type { PathEngine } from '../paths/index.js'
import { openMemoryEngine } from '../paths/index.js'

/** A tiny LRU of promises keyed by snapshot id. */
class SnapshotLru<T> {
  private readonly entries = new Map<string, Promise<T>>()
  constructor(
    private readonly size: number,
    private readonly onEvict?: (value: Promise<T>) => void,
  ) {}
  get(id: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(id)
    if (hit) {
      this.entries.delete(id)
      this.entries.set(id, hit)
      return hit
    }
    const loading = load()
    // A failed load is not cached: the next request tries again.
    loading.catch(() => this.entries.delete(id))
    this.entries.set(id, loading)
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value as string
      const value = this.entries.get(oldest)!
      this.entries.delete(oldest)
      this.onEvict?.(value)
    }
    return loading
  }
  clear(): void {
    for (const value of this.entries.values()) this.onEvict?.(value)
    this.entries.clear()
  }
}

/** How to open an engine on one snapshot id (memory over the snapshot's content by default). */
export type EngineFactory = (snapshotId: string) => Promise<PathEngine> | PathEngine

/**
 * `openEngine(ref)` over a store with an LRU of `size` engines. The factory
 * gets the resolved snapshot id and reads what it needs itself (the Cypher
 * engine reads nothing up front).
 */
export function createEngineCache(
  store: GraphStore,
  // A server answers many queries per snapshot: the engine is prepared for that when it opens.
  factory: EngineFactory = async (snapshotId) => openMemoryEngine(await store.readSnapshot(snapshotId), { rankTies: true }),
  size = 2,
): { openEngine: (ref: SnapshotRef) => Promise<PathEngine>; clear: () => void } {
  const lru = new SnapshotLru<PathEngine>(size, (engine) => void engine.then((e) => e.close()).catch(() => undefined))
  return {
    openEngine: async (ref) => {
      const meta = await store.resolveSnapshot(ref)
      return lru.get(meta.id, async () => factory(meta.id))
    },
    clear: () => lru.clear(),
  }
}

/** In and out edges per node of one snapshot. */
export interface AdjacencyIndex {
  readonly snapshot: string
  readonly inEdges: ReadonlyMap<string, readonly GraphEdge[]>
  readonly outEdges: ReadonlyMap<string, readonly GraphEdge[]>
}

/** `adjacency(ref)` with an LRU of one index. */
export function createAdjacencyCache(store: GraphStore): (ref: SnapshotRef) => Promise<AdjacencyIndex> {
  const lru = new SnapshotLru<AdjacencyIndex>(1)
  return async (ref) => {
    const meta = await store.resolveSnapshot(ref)
    return lru.get(meta.id, async () => {
      const content = await store.readSnapshot(meta.id)
      const inEdges = new Map<string, GraphEdge[]>()
      const outEdges = new Map<string, GraphEdge[]>()
      for (const edge of content.edges) {
        const o = outEdges.get(edge.from)
        if (o) o.push(edge)
        else outEdges.set(edge.from, [edge])
        const i = inEdges.get(edge.to)
        if (i) i.push(edge)
        else inEdges.set(edge.to, [edge])
      }
      return { snapshot: meta.id, inEdges, outEdges }
    })
  }
}
