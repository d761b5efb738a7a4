/**
 * @module graph/memory/snapshot-graph
 * Snapshot content → the read-only in-memory graph the path algorithms run
 * on. Node attributes are the GraphNode, edge keys the edge ids, edge
 * attributes the GraphEdge (shared, not copied).
 *
 * It offers the part of graphology's API the algorithms use (same names,
 * callback arguments and iteration order), stored as arrays: one index per
 * node and edge, and each node's in- and out-edges as one flat list. On an M
 * snapshot (119k nodes, 302k edges) graphology took 1.3–1.9 s and ~122 MiB to
 * build, most of it per-node adjacency objects keyed by neighbour id; a
 * server pays that for every snapshot it opens. Nothing is mutable after
 * {@link loadSnapshotGraph} returns.
 */
import type { GraphEdge, GraphNode } from '../../model/index.js'
import { CrownpathError } from '../../model/index.js'
import type { SnapshotContent } from '../store.js'

/** The callback of the edge iterators (graphology's argument order; the graph is directed). */
export type EdgeCallback = (id: string, edge: GraphEdge, from: string, to: string, fromNode: GraphNode, toNode: GraphNode, undirected: false) => void

/** The graph type the path engine works on. */
export class CrownpathGraph {
  readonly #nodes: GraphNode[]
  readonly #nodeIndex: Map<string, number>
  readonly #edges: GraphEdge[]
  readonly #fromOf: Int32Array
  readonly #toOf: Int32Array
  /** Out-edges of node n: #outList[#outStart[n] .. #outStart[n + 1]). */
  readonly #outStart: Int32Array
  readonly #outList: Int32Array
  readonly #inStart: Int32Array
  readonly #inList: Int32Array

  /** Use {@link loadSnapshotGraph}. */
  constructor(content: Pick<SnapshotContent, 'nodes' | 'edges'>) {
    const nodes = content.nodes
    const edges = content.edges
    const nodeIndex = new Map<string, number>()
    for (let i = 0; i < nodes.length; i += 1) {
      const node = nodes[i] as GraphNode
      if (nodeIndex.has(node.id)) throw new CrownpathError('CP_ERR_MODEL_INVALID_NODE', { id: node.id, reason: 'duplicate node id in snapshot' })
      nodeIndex.set(node.id, i)
    }
    // Only to refuse duplicates: nothing looks edges up by id afterwards, so the set is not kept.
    const edgeIds = new Set<string>()
    const fromOf = new Int32Array(edges.length)
    const toOf = new Int32Array(edges.length)
    for (let i = 0; i < edges.length; i += 1) {
      const edge = edges[i] as GraphEdge
      const from = nodeIndex.get(edge.from)
      const to = nodeIndex.get(edge.to)
      if (from === undefined || to === undefined) throw new CrownpathError('CP_ERR_MODEL_INVALID_EDGE', { id: edge.id, reason: 'an endpoint is not in the snapshot' })
      if (edgeIds.has(edge.id)) throw new CrownpathError('CP_ERR_MODEL_INVALID_EDGE', { id: edge.id, reason: 'duplicate edge id in snapshot' })
      edgeIds.add(edge.id)
      fromOf[i] = from
      toOf[i] = to
    }
    this.#nodes = [...nodes]
    this.#nodeIndex = nodeIndex
    this.#edges = [...edges]
    this.#fromOf = fromOf
    this.#toOf = toOf
    ;[this.#outStart, this.#outList] = adjacency(nodes.length, fromOf, toOf)
    ;[this.#inStart, this.#inList] = adjacency(nodes.length, toOf, fromOf)
  }

  /** Number of nodes. */
  get order(): number {
    return this.#nodes.length
  }

  /** Number of edges. */
  get size(): number {
    return this.#edges.length
  }

  hasNode(id: string): boolean {
    return this.#nodeIndex.has(id)
  }

  getNodeAttributes(id: string): GraphNode {
    return this.#nodes[this.#nodeNumber(id)] as GraphNode
  }

  /** The nodes, in snapshot order (the snapshot's own objects). */
  nodeList(): readonly GraphNode[] {
    return this.#nodes
  }

  /** The edges, in snapshot order (the snapshot's own objects). */
  edgeList(): readonly GraphEdge[] {
    return this.#edges
  }

  /**
   * The numbers the graph was built with (node i is `nodeList()[i]`, edge e runs from node
   * `fromOf[e]` to node `toOf[e]`), for indexes built over the graph. Shared: do not modify.
   */
  numbering(): { readonly indexOf: ReadonlyMap<string, number>; readonly fromOf: Int32Array; readonly toOf: Int32Array } {
    return { indexOf: this.#nodeIndex, fromOf: this.#fromOf, toOf: this.#toOf }
  }

  /** Every node, in snapshot order. */
  forEachNode(callback: (id: string, node: GraphNode) => void): void {
    for (const node of this.#nodes) callback(node.id, node)
  }

  /** The edges out of `id`, grouped by target (see {@link adjacency} for the order). */
  forEachOutEdge(id: string, callback: EdgeCallback): void {
    const n = this.#nodeNumber(id)
    for (let k = this.#outStart[n] as number; k < (this.#outStart[n + 1] as number); k += 1) this.#visit(this.#outList[k] as number, callback)
  }

  /** The edges into `id`, grouped by source. */
  forEachInEdge(id: string, callback: EdgeCallback): void {
    const n = this.#nodeNumber(id)
    for (let k = this.#inStart[n] as number; k < (this.#inStart[n + 1] as number); k += 1) this.#visit(this.#inList[k] as number, callback)
  }

  #visit(i: number, callback: EdgeCallback): void {
    const edge = this.#edges[i] as GraphEdge
    callback(edge.id, edge, edge.from, edge.to, this.#nodes[this.#fromOf[i] as number] as GraphNode, this.#nodes[this.#toOf[i] as number] as GraphNode, false)
  }

  #nodeNumber(id: string): number {
    const n = this.#nodeIndex.get(id)
    if (n === undefined) throw new CrownpathError('CP_ERR_NODE_NOT_FOUND', { id })
    return n
  }

}

/**
 * Each node's edges on one side as one flat list (`start[n]..start[n + 1]`),
 * in the order graphology gave them, which the algorithms' tie-breaking has
 * always seen: grouped by the node at the other end in the order those first
 * appear, and within a group the latest edge first (graphology prepends
 * parallel edges). (graphology also put integer-like neighbour ids first, as
 * object keys go; no node id is one.)
 */
function adjacency(nodeCount: number, side: Int32Array, other: Int32Array): [Int32Array, Int32Array] {
  const { start, order: list } = edgesByNode(nodeCount, side)
  for (let n = 0; n < nodeCount; n += 1) {
    const from = start[n] as number
    const to = start[n + 1] as number
    if (to - from > 1) groupByNeighbour(list, from, to, other)
  }
  return [start, list]
}

/**
 * Edge numbers grouped by one endpoint (`endpointOf[e]`, a node number): node
 * n's are `order[start[n]]` … `order[start[n + 1] - 1]`, in edge order (a
 * stable counting sort). The graph's adjacency and the path search index are
 * both built from it.
 */
export function edgesByNode(nodeCount: number, endpointOf: Int32Array): { readonly start: Int32Array; readonly order: Int32Array } {
  const start = new Int32Array(nodeCount + 1)
  for (let e = 0; e < endpointOf.length; e += 1) start[(endpointOf[e] as number) + 1] = (start[(endpointOf[e] as number) + 1] as number) + 1
  for (let n = 0; n < nodeCount; n += 1) start[n + 1] = (start[n + 1] as number) + (start[n] as number)
  const order = new Int32Array(endpointOf.length)
  const fill = start.slice(0, nodeCount)
  for (let e = 0; e < endpointOf.length; e += 1) {
    const n = endpointOf[e] as number
    order[fill[n] as number] = e
    fill[n] = (fill[n] as number) + 1
  }
  return { start, order }
}

/** Reorder list[from..to) (edges in snapshot order) into graphology's order; untouched when no neighbour repeats. */
function groupByNeighbour(list: Int32Array, from: number, to: number, other: Int32Array): void {
  const groups = new Map<number, number[]>()
  let repeats = false
  for (let k = from; k < to; k += 1) {
    const edge = list[k] as number
    const group = groups.get(other[edge] as number)
    if (group === undefined) groups.set(other[edge] as number, [edge])
    else {
      group.push(edge)
      repeats = true
    }
  }
  if (!repeats) return
  let k = from
  for (const group of groups.values()) for (let g = group.length - 1; g >= 0; g -= 1) list[k++] = group[g] as number
}

/**
 * Build the in-memory graph of a snapshot. Edges whose endpoints are missing
 * are a bug upstream (deriveGraph drops them with an issue), so they throw.
 * Attribute objects are the snapshot's own objects: callers must not mutate them.
 */
export function loadSnapshotGraph(content: Pick<SnapshotContent, 'nodes' | 'edges'>): CrownpathGraph {
  return new CrownpathGraph(content)
}
