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
import type { GraphEdge, GraphNode } from '../../model/index.js'
import type { CrownpathGraph } from '../../graph/index.js'
import { edgesByNode } from '../../graph/index.js'
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
  /** Only nodes in this set are entered (from {@link nodesReaching}: the others cannot lead to a target). */
  readonly reach?: ReachSet
}

/**
 * Search labels in parallel arrays (cheaper than one object per label on
 * graphs with 10⁵ edges). Label i reached node number `node[i]` with
 * `cost[i]` over `depth[i]` hops, the last one `edge[i]` from label
 * `parent[i]` (-1 at roots).
 */
export class LabelStore {
  /**
   * @param ids - node ids by node number (the graph's search index)
   * @param byRank - compare edges by {@link rank} (the graph has tie ranks) instead of by their ids
   */
  constructor(
    private readonly ids: readonly string[],
    private readonly byRank: boolean,
  ) {}

  readonly node: number[] = []
  readonly cost: number[] = []
  readonly depth: number[] = []
  readonly parent: number[] = []
  readonly edge: (GraphEdge | null)[] = []
  /** The edge's rank in the order of edge ids (see {@link SearchIndex}; -1 at roots); kept only when comparing by rank. */
  readonly rank: number[] = []

  /** Append a label and return its index. */
  add(node: number, cost: number, depth: number, parent: number, edge: GraphEdge | null, rank: number): number {
    this.node.push(node)
    this.cost.push(cost)
    this.depth.push(depth)
    this.parent.push(parent)
    this.edge.push(edge)
    if (this.byRank) this.rank.push(rank)
    return this.node.length - 1
  }

  /** The id of a label's node. */
  idOf(label: number): string {
    return this.ids[this.node[label]!]!
  }

  /** The root node of a label's chain. */
  rootOf(label: number): string {
    let l = label
    while (this.parent[l]! >= 0) l = this.parent[l]!
    return this.idOf(l)
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
        const c = compareStrings(this.idOf(x), this.idOf(y))
        if (c !== 0) diff = c
        break
      }
      // Ranks order like the edge ids; costs are small integers, so this tie is met on most comparisons.
      const c = this.byRank ? this.rank[x]! - this.rank[y]! : compareStrings(this.edge[x]!.id, this.edge[y]!.id)
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
  /**
   * Every settled node by number ({@link numberedGraph}), in settling order, with
   * (parallel arrays) its first settled label — the cheapest, then shallowest,
   * then lexicographically first way there — and the fewest hops it was settled with.
   */
  readonly settledNodes: readonly number[]
  readonly settledLabels: readonly number[]
  readonly settledDepths: readonly number[]
  /** Labels of targets in the order they were settled (cheapest first). */
  readonly targets: readonly number[]
  /** True when the hop bound stopped an expansion that could have continued. */
  readonly isDepthPruned: boolean
  /** True when the deadline stopped the search. */
  readonly isTimedOut: boolean
}

/** A search's first label of every node by node number, -1 where it settled none (for look-ups by node). */
export function settledLabelsByNode(graph: NumberedGraph, search: SearchResult): Int32Array {
  const labelOf = new Int32Array(graph.ids.length).fill(-1)
  search.settledNodes.forEach((node, k) => {
    labelOf[node] = search.settledLabels[k]!
  })
  return labelOf
}

/**
 * True when the hop bound cut the answer: a node settled at the bound has an
 * accepted edge (in the search's direction) to a node the search never settled.
 */
export function isCutByHopBound(side: NumberedEdges, search: SearchResult, labelOf: Int32Array, accept: EdgeAccept, maxDepth: number): boolean {
  return search.settledNodes.some((node, k) => {
    if (search.settledDepths[k] !== maxDepth) return false
    for (let e = side.start[node]!; e < side.start[node + 1]!; e++) {
      if (labelOf[side.next[e]!]! < 0 && accept(side.edges[e]!)) return true
    }
    return false
  })
}

/** How often (in popped labels) the deadline is checked. */
const DEADLINE_CHECK_EVERY = 256

/** One direction of a {@link SearchIndex}: the public view plus what the tie ranks need. */
interface IndexedEdges extends NumberedEdges {
  /** Each edge's number in the graph's own edge order (the same edge has the same number on both sides). */
  readonly source: Int32Array
  /** Each edge's position in the code-unit order of all edge ids, once {@link rankTies} ran (see {@link SearchIndex}). */
  rank: Int32Array | null
}

/**
 * The graph as numbered nodes and edge arrays, built once per graph, so a
 * search touches typed arrays instead of string-keyed maps (the widest blast
 * radius on M settles 10⁴ nodes twice). Edge ranks, when built
 * ({@link rankTies}), stand in for edge ids in the tie rule: comparing two
 * ranks compares the ids without walking their long shared prefixes (every
 * edge id of a node begins with the node's id), and costs are small integers,
 * so that tie is met on most comparisons. Ranking sorts every edge id (0.3 s
 * on M, seconds on L): worth it for a server answering many queries, not for
 * one query from the command line.
 */
interface SearchIndex extends NumberedGraph {
  readonly out: IndexedEdges
  readonly in: IndexedEdges
  readonly scratch: SearchScratch
}

/** The numbered view of a graph that searches run on: node i is `ids[i]` with attributes `nodes[i]`. */
export interface NumberedGraph {
  readonly ids: readonly string[]
  readonly nodes: readonly GraphNode[]
  readonly indexOf: ReadonlyMap<string, number>
  /** Node i's out-edges are `edges[start[i]]` … `edges[start[i + 1] - 1]`, leading to `next[…]`. */
  readonly out: NumberedEdges
  /** Node i's in-edges, the same way (`next` is the node each comes from). */
  readonly in: NumberedEdges
}

/** One direction of a {@link NumberedGraph}'s edges: node i's are `edges[start[i]]` … `edges[start[i + 1] - 1]`. */
export interface NumberedEdges {
  readonly start: Int32Array
  readonly edges: readonly GraphEdge[]
  /** The node at the far end of each edge. */
  readonly next: Int32Array
}

/** The numbered view of a graph (built once per graph and shared with its searches). */
export function numberedGraph(graph: CrownpathGraph): NumberedGraph {
  return searchIndexOf(graph)
}

/**
 * Per-node working arrays reused by every search on the graph. A search is
 * synchronous, so one set per graph suffices; an entry counts only when its
 * stamp equals the running search's, so nothing is cleared between searches.
 */
interface SearchScratch {
  generation: number
  readonly bestStamp: Int32Array
  readonly bestDepth: Int32Array
  readonly pushedStamp: Int32Array
  readonly pushedCost: Float64Array
  readonly pushedDepth: Int32Array
}

const SEARCH_INDEX = new WeakMap<CrownpathGraph, SearchIndex>()

/**
 * The search index of a graph, cached per graph object.
 * INVARIANT (snapshot-immutable): engine graphs are never mutated after they
 * are built, so the cache cannot go stale.
 */
function searchIndexOf(graph: CrownpathGraph): SearchIndex {
  const cached = SEARCH_INDEX.get(graph)
  if (cached) return cached
  // The graph's own numbering: node i is nodes[i], edge e joins fromOf[e] → toOf[e] (snapshot order).
  const nodes = graph.nodeList()
  const ids = nodes.map((node) => node.id)
  const all = graph.edgeList()
  const { indexOf, fromOf, toOf } = graph.numbering()
  const side = (near: Int32Array, far: Int32Array): IndexedEdges => {
    // Edges keep the graph's order within each node.
    const { start, order: position } = edgesByNode(ids.length, near)
    const edges: GraphEdge[] = []
    const next = new Int32Array(all.length)
    for (let at = 0; at < all.length; at++) {
      const e = position[at]!
      edges.push(all[e]!)
      next[at] = far[e]!
    }
    return { start, edges, next, source: position, rank: null }
  }
  const n = ids.length
  const index: SearchIndex = {
    ids,
    nodes,
    indexOf,
    out: side(fromOf, toOf),
    in: side(toOf, fromOf),
    scratch: {
      generation: 0,
      bestStamp: new Int32Array(n),
      bestDepth: new Int32Array(n),
      pushedStamp: new Int32Array(n),
      pushedCost: new Float64Array(n),
      pushedDepth: new Int32Array(n),
    },
  }
  SEARCH_INDEX.set(graph, index)
  return index
}

/**
 * Build the tie ranks of a graph's search index (see {@link SearchIndex}), once;
 * later searches compare ranks instead of edge ids. Answers are the same either way.
 */
export function rankTies(graph: CrownpathGraph): void {
  const index = searchIndexOf(graph)
  if (index.out.rank !== null) return
  const idOf: string[] = new Array<string>(index.out.edges.length)
  for (let at = 0; at < idOf.length; at++) idOf[index.out.source[at]!] = index.out.edges[at]!.id
  const order = Array.from(idOf.keys()).sort((a, b) => compareStrings(idOf[a]!, idOf[b]!))
  const rankOf = new Int32Array(order.length)
  for (let r = 0; r < order.length; r++) rankOf[order[r]!] = r
  for (const side of [index.out, index.in]) side.rank = Int32Array.from(side.source, (e) => rankOf[e]!)
}

/** Start a search on the scratch arrays: a fresh stamp, restarting the count long before it overflows. */
function nextGeneration(scratch: SearchScratch): number {
  if (scratch.generation >= 0x3fffffff) {
    scratch.bestStamp.fill(0)
    scratch.pushedStamp.fill(0)
    scratch.generation = 0
  }
  scratch.generation += 1
  return scratch.generation
}

/** The nodes of one graph that can reach a target set (see {@link nodesReaching}). */
export interface ReachSet {
  readonly graph: CrownpathGraph
  /** By node number: 1 when the node is a target or reaches one over accepted edges. */
  readonly mask: Uint8Array
}

/**
 * Every node with a path of accepted edges to one of `targets`, ignoring the
 * hop bound and any blocked nodes or edges: a superset of the nodes any
 * bounded search towards those targets can use, so searches confined to it
 * find the same paths. Yen's spur searches explore from deep inside a path;
 * confined, they skip the thousands of nodes that lead elsewhere.
 */
export function nodesReaching(graph: CrownpathGraph, targets: readonly string[], accept: EdgeAccept): ReachSet {
  const index = searchIndexOf(graph)
  const { start, edges, next } = index.in
  const mask = new Uint8Array(index.ids.length)
  const queue: number[] = []
  for (const target of targets) {
    const i = index.indexOf.get(target)
    if (i === undefined || mask[i] === 1) continue
    mask[i] = 1
    queue.push(i)
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!
    for (let e = start[node]!; e < start[node + 1]!; e++) {
      const from = next[e]!
      if (mask[from] === 1 || !accept(edges[e]!)) continue
      mask[from] = 1
      queue.push(from)
    }
  }
  return { graph, mask }
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
  const index = searchIndexOf(graph)
  const { ids } = index
  const { start, edges, next: nextOf, rank } = direction === 'out' ? index.out : index.in
  const byRank = rank !== null
  const { bestStamp, bestDepth, pushedStamp, pushedCost, pushedDepth } = index.scratch
  const stamp = nextGeneration(index.scratch)
  const reach = spec.reach?.graph === graph ? spec.reach.mask : undefined
  const isTargetsOnly = spec.stopAtFirstTarget === true && spec.isTarget !== undefined
  const labels = new LabelStore(ids, byRank)
  const heap = new BinaryHeap(labels)
  const settledNodes: number[] = []
  const settledLabels: number[] = []
  const targets: number[] = []
  let isDepthPruned = false
  let isTimedOut = false

  for (const root of [...new Set(spec.roots)].sort(compareStrings)) {
    const i = index.indexOf.get(root)
    if (i === undefined || blockedNodes?.has(root)) continue
    heap.push(labels.add(i, 0, 0, -1, null, -1))
  }

  let pops = 0
  while (heap.size > 0) {
    if (++pops % DEADLINE_CHECK_EVERY === 0 && Date.now() >= deadline) {
      isTimedOut = true
      break
    }
    const label = heap.pop()!
    const node = labels.node[label]!
    const nodeId = ids[node]!
    const depth = labels.depth[label]!
    const isSeen = bestStamp[node] === stamp
    const isTargetHere = depth > 0 && isTarget(nodeId)
    if (isSeen && (!isPareto || depth >= bestDepth[node]! || isTargetHere)) continue
    bestStamp[node] = stamp
    bestDepth[node] = depth
    if (!isSeen) {
      settledNodes.push(node)
      settledLabels.push(label)
    }
    if (isTargetHere) {
      targets.push(label)
      if (spec.stopAtFirstTarget) break
      // INVARIANT (targets-absorb): a path ends at the first target it reaches.
      continue
    }
    const cost = labels.cost[label]!
    const first = start[node]!
    const last = start[node + 1]!
    if (depth >= maxDepth) {
      if (!isDepthPruned) {
        for (let e = first; e < last; e++) {
          const edge = edges[e]!
          const next = nextOf[e]!
          if (reach !== undefined && reach[next] === 0) continue
          if (accept(edge) && !blockedEdges?.has(edge.id) && !blockedNodes?.has(ids[next]!) && bestStamp[next] !== stamp) {
            isDepthPruned = true
            break
          }
        }
        // The plain pass is repeated with Pareto labels once the bound prunes: finishing it is wasted work.
        if (isDepthPruned && !isPareto) break
      }
      continue
    }
    for (let e = first; e < last; e++) {
      const edge = edges[e]!
      const next = nextOf[e]!
      if (reach !== undefined && reach[next] === 0) continue
      if (!accept(edge) || blockedEdges?.has(edge.id) || (blockedNodes !== undefined && blockedNodes.has(ids[next]!))) continue
      // A search for targets only needs no dead ends: a non-target with no edges onward (one of the
      // thousands of resources an account contains) cannot lie on a path to a target.
      if (isTargetsOnly && start[next + 1] === start[next] && !isTarget(ids[next]!)) continue
      const nextDepth = depth + 1
      if (bestStamp[next] === stamp && (!isPareto || bestDepth[next]! <= nextDepth)) continue
      const nextCost = cost + edge.cost
      if (pushedStamp[next] === stamp) {
        const pc = pushedCost[next]!
        const pd = pushedDepth[next]!
        // Dominated by a label already queued (equal keys are kept: the edge ids may break the tie).
        if ((nextCost > pc && nextDepth >= pd) || (nextCost >= pc && nextDepth > pd) || (!isPareto && nextCost > pc)) continue
        if (nextCost < pc || (nextCost === pc && nextDepth < pd)) {
          pushedCost[next] = nextCost
          pushedDepth[next] = nextDepth
        }
      } else {
        pushedStamp[next] = stamp
        pushedCost[next] = nextCost
        pushedDepth[next] = nextDepth
      }
      heap.push(labels.add(next, nextCost, nextDepth, label, edge, byRank ? rank[e]! : -1))
    }
  }
  const settledDepths = settledNodes.map((node) => bestDepth[node]!)
  return {
    labels,
    settledNodes,
    settledLabels,
    settledDepths,
    targets,
    isDepthPruned,
    isTimedOut,
  }
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
  readonly reach?: ReachSet
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
