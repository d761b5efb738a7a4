/**
 * @module paths/algorithms/shortest
 * Bounded Dijkstra over the crownpath graph: multi-source, multi-target, in
 * either direction, with an edge filter, blocked nodes/edges (for Yen), a hop
 * bound and a deadline. It records the edge used at every step, which
 * graphology-shortest-path does not.
 *
 * Hop bound: a plain Dijkstra keyed by node cannot honour a depth limit (the
 * cheapest way to a node may be too long while a dearer short one is needed
 * downstream). So labels are (node, cost, depth) and a node accepts a later,
 * dearer label only when it is shallower than every label settled there
 * before: the Pareto frontier over (cost, depth). In graphs without that
 * conflict each node is settled once, as in plain Dijkstra.
 *
 * Determinism: labels are ordered by cost, then depth, then the sequence of
 * edge ids read from the search root (roots compare by node id).
 */
import type { GraphEdge } from '../../model/index.js'
import type { CrownpathGraph } from '../../graph/index.js'
import { BinaryHeap } from './heap.js'

/** Which way edges are followed: `out` from sources forwards, `in` from roots backwards. */
export type SearchDirection = 'out' | 'in'

/** Predicate deciding whether an edge may be followed. */
export type EdgeAccept = (edge: GraphEdge) => boolean

/** What to search. */
export interface SearchSpec {
  readonly graph: CrownpathGraph
  readonly direction: SearchDirection
  /** Root nodes (cost 0, depth 0). Unknown ids are ignored. */
  readonly roots: readonly string[]
  /** Targets are recorded when reached with at least one hop and are not expanded further. */
  readonly isTarget?: (node: string) => boolean
  /** Stop at the first target settled (single cheapest path). */
  readonly stopAtFirstTarget?: boolean
  readonly accept: EdgeAccept
  readonly blockedNodes?: ReadonlySet<string>
  readonly blockedEdges?: ReadonlySet<string>
  /** Maximum hops from a root. */
  readonly maxDepth: number
  /** `Date.now()` value after which the search gives up (Infinity for none). */
  readonly deadline: number
}

/**
 * Search labels in parallel arrays (cheaper than one object per label on
 * graphs with 10⁵ edges). Label i reached `node[i]` with `cost[i]` over
 * `depth[i]` hops, the last one `edge[i]` from label `parent[i]` (-1 at roots).
 */
export class LabelStore {
  readonly node: string[] = []
  readonly cost: number[] = []
  readonly depth: number[] = []
  readonly parent: number[] = []
  readonly edge: (GraphEdge | null)[] = []

  /** Append a label and return its index. */
  add(node: string, cost: number, depth: number, parent: number, edge: GraphEdge | null): number {
    this.node.push(node)
    this.cost.push(cost)
    this.depth.push(depth)
    this.parent.push(parent)
    this.edge.push(edge)
    return this.node.length - 1
  }

  /** The root node of a label's chain. */
  rootOf(label: number): string {
    let l = label
    while (this.parent[l]! >= 0) l = this.parent[l]!
    return this.node[l]!
  }

  /** Edges of a label's chain in search order (root first). */
  chain(label: number): GraphEdge[] {
    const out: GraphEdge[] = []
    for (let l = label; this.parent[l]! >= 0; l = this.parent[l]!) out.push(this.edge[l]!)
    return out.reverse()
  }

  /**
   * Total order used by the heap: cost, depth, then the first differing
   * element of [root id, edge ids...] from the root. Walking up two chains of
   * equal depth in step, the last difference met is the one nearest the root.
   */
  compare(a: number, b: number): number {
    const dc = this.cost[a]! - this.cost[b]!
    if (dc !== 0) return dc
    const dd = this.depth[a]! - this.depth[b]!
    if (dd !== 0) return dd
    let x = a
    let y = b
    let diff = 0
    while (x !== y) {
      const px = this.parent[x]!
      const py = this.parent[y]!
      if (px < 0 || py < 0) {
        const c = compareStrings(this.node[x]!, this.node[y]!)
        if (c !== 0) diff = c
        break
      }
      const c = compareStrings(this.edge[x]!.id, this.edge[y]!.id)
      if (c !== 0) diff = c
      x = px
      y = py
    }
    return diff
  }
}

/** Plain code-unit string order (the same in every engine, unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** What a search found. */
export interface SearchResult {
  readonly labels: LabelStore
  /** node → its first settled label: the cheapest (then shallowest, then lexicographically first) way there. */
  readonly settled: ReadonlyMap<string, number>
  /** node → the fewest hops it was settled with (within the bound). */
  readonly depthOf: ReadonlyMap<string, number>
  /** Labels of targets in the order they were settled (cheapest first). */
  readonly targets: readonly number[]
  /** True when the hop bound stopped an expansion that could have continued. */
  readonly isDepthPruned: boolean
  /** True when the deadline stopped the search. */
  readonly isTimedOut: boolean
}

/** How often (in popped labels) the deadline is checked. */
const DEADLINE_CHECK_EVERY = 256

/** Out- and in-edge lists per node, built once per graph (graphology's iterators cost more than arrays). */
export interface Adjacency {
  readonly out: ReadonlyMap<string, readonly GraphEdge[]>
  readonly in: ReadonlyMap<string, readonly GraphEdge[]>
}

const ADJACENCY = new WeakMap<CrownpathGraph, Adjacency>()
const NO_EDGES: readonly GraphEdge[] = []

/**
 * The adjacency lists of a graph, cached per graph object.
 * INVARIANT (snapshot-immutable): engine graphs are never mutated after they
 * are built, so the cache cannot go stale.
 */
export function adjacencyOf(graph: CrownpathGraph): Adjacency {
  let adj = ADJACENCY.get(graph)
  if (!adj) {
    const out = new Map<string, GraphEdge[]>()
    const into = new Map<string, GraphEdge[]>()
    graph.forEachEdge((_key, edge) => {
      const o = out.get(edge.from)
      if (o) o.push(edge)
      else out.set(edge.from, [edge])
      const i = into.get(edge.to)
      if (i) i.push(edge)
      else into.set(edge.to, [edge])
    })
    adj = { out, in: into }
    ADJACENCY.set(graph, adj)
  }
  return adj
}

/**
 * Run one bounded search. First as plain Dijkstra (each node settled once),
 * which is exact whenever the hop bound never stopped an expansion; only when
 * it did is the search repeated keeping Pareto labels (see the module header).
 */
export function runSearch(spec: SearchSpec): SearchResult {
  const fast = searchOnce(spec, false)
  if (!fast.isDepthPruned || fast.isTimedOut) return fast
  return searchOnce(spec, true)
}

function searchOnce(spec: SearchSpec, isPareto: boolean): SearchResult {
  const { graph, direction, accept, maxDepth, deadline } = spec
  const isTarget = spec.isTarget ?? (() => false)
  const blockedNodes = spec.blockedNodes
  const blockedEdges = spec.blockedEdges
  const adjacency = direction === 'out' ? adjacencyOf(graph).out : adjacencyOf(graph).in
  const isTargetsOnly = spec.stopAtFirstTarget === true && spec.isTarget !== undefined
  const labels = new LabelStore()
  const heap = new BinaryHeap((a, b) => labels.compare(a, b))
  // Smallest depth at which each node has been settled (the Pareto rule).
  const bestDepth = new Map<string, number>()
  const settled = new Map<string, number>()
  // Best (cost, depth) pushed but maybe not yet popped, to skip dominated pushes.
  const pushedCost = new Map<string, number>()
  const pushedDepth = new Map<string, number>()
  const targets: number[] = []
  let isDepthPruned = false
  let isTimedOut = false

  for (const root of [...new Set(spec.roots)].sort(compareStrings)) {
    if (!graph.hasNode(root) || blockedNodes?.has(root)) continue
    heap.push(labels.add(root, 0, 0, -1, null))
  }

  let pops = 0
  while (heap.size > 0) {
    if (++pops % DEADLINE_CHECK_EVERY === 0 && Date.now() >= deadline) {
      isTimedOut = true
      break
    }
    const label = heap.pop()!
    const node = labels.node[label]!
    const depth = labels.depth[label]!
    const seen = bestDepth.get(node)
    const isTargetHere = depth > 0 && isTarget(node)
    if (seen !== undefined && (!isPareto || depth >= seen || isTargetHere)) continue
    bestDepth.set(node, depth)
    if (!settled.has(node)) settled.set(node, label)
    if (isTargetHere) {
      targets.push(label)
      if (spec.stopAtFirstTarget) break
      // INVARIANT (targets-absorb): a path ends at the first target it reaches.
      continue
    }
    const cost = labels.cost[label]!
    const edges = adjacency.get(node) ?? NO_EDGES
    if (depth >= maxDepth) {
      if (!isDepthPruned) {
        for (const edge of edges) {
          const next = direction === 'out' ? edge.to : edge.from
          if (accept(edge) && !blockedEdges?.has(edge.id) && !blockedNodes?.has(next) && !bestDepth.has(next)) {
            isDepthPruned = true
            break
          }
        }
      }
      continue
    }
    for (const edge of edges) {
      const next = direction === 'out' ? edge.to : edge.from
      if (!accept(edge) || blockedEdges?.has(edge.id) || blockedNodes?.has(next)) continue
      // A search for targets only needs no dead ends: a non-target with no edges onward (one of the
      // thousands of resources an account contains) cannot lie on a path to a target.
      if (isTargetsOnly && !isTarget(next) && (adjacency.get(next)?.length ?? 0) === 0) continue
      const nextDepth = depth + 1
      const settledDepth = bestDepth.get(next)
      if (settledDepth !== undefined && (!isPareto || settledDepth <= nextDepth)) continue
      const nextCost = cost + edge.cost
      const pc = pushedCost.get(next)
      if (pc !== undefined) {
        const pd = pushedDepth.get(next)!
        // Dominated by a label already queued (equal keys are kept: the edge ids may break the tie).
        if ((nextCost > pc && nextDepth >= pd) || (nextCost >= pc && nextDepth > pd) || (!isPareto && nextCost > pc)) continue
        if (nextCost < pc || (nextCost === pc && nextDepth < pd)) {
          pushedCost.set(next, nextCost)
          pushedDepth.set(next, nextDepth)
        }
      } else {
        pushedCost.set(next, nextCost)
        pushedDepth.set(next, nextDepth)
      }
      heap.push(labels.add(next, nextCost, nextDepth, label, edge))
    }
  }
  return { labels, settled, depthOf: bestDepth, targets, isDepthPruned, isTimedOut }
}

/** A path as the algorithms hold it: a start node and the edges in walking order. */
export interface RawPath {
  readonly start: string
  readonly edges: readonly GraphEdge[]
  readonly cost: number
}

/** Sum of edge costs. */
export function pathCost(edges: readonly GraphEdge[]): number {
  let cost = 0
  for (const e of edges) cost += e.cost
  return cost
}

/** Order on paths: cost, hops, then [start, edge ids...] element by element. */
export function comparePaths(a: RawPath, b: RawPath): number {
  if (a.cost !== b.cost) return a.cost - b.cost
  if (a.edges.length !== b.edges.length) return a.edges.length - b.edges.length
  const s = compareStrings(a.start, b.start)
  if (s !== 0) return s
  for (let i = 0; i < a.edges.length; i++) {
    const c = compareStrings(a.edges[i]!.id, b.edges[i]!.id)
    if (c !== 0) return c
  }
  return 0
}

/** Input of {@link findShortestPath}. */
export interface ShortestPathSpec {
  readonly graph: CrownpathGraph
  readonly sources: readonly string[]
  readonly isTarget: (node: string) => boolean
  readonly accept: EdgeAccept
  readonly maxDepth: number
  readonly deadline: number
  readonly blockedNodes?: ReadonlySet<string>
  readonly blockedEdges?: ReadonlySet<string>
}

/** Answer of {@link findShortestPath}. */
export interface ShortestPathResult {
  readonly path: RawPath | null
  readonly isDepthPruned: boolean
  readonly isTimedOut: boolean
}

/** The cheapest path from any source to any target (at least one hop), or null. */
export function findShortestPath(spec: ShortestPathSpec): ShortestPathResult {
  const result = runSearch({ ...spec, direction: 'out', roots: spec.sources, stopAtFirstTarget: true })
  const first = result.targets[0]
  if (first === undefined) return { path: null, isDepthPruned: result.isDepthPruned, isTimedOut: result.isTimedOut }
  const edges = result.labels.chain(first)
  return {
    path: { start: result.labels.rootOf(first), edges, cost: result.labels.cost[first]! },
    isDepthPruned: result.isDepthPruned,
    isTimedOut: result.isTimedOut,
  }
}
