/**
 * @module paths/algorithms/who-can
 * Inbound search: which principals and credentials reach a target (a
 * resource, scope or principal), with which access levels, and how.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { AccessLevel, GraphNode } from '../../model/index.js'
import { NODE_KINDS } from '../../model/index.js'
import type { WhoCanEntry, WhoCanResult } from '../types.js'
import { edgeLevelsMask, levelsToMask, maskToLevels, toGraphPath } from './common.js'
import type { EdgeAccept, NumberedGraph, SearchResult } from './shortest.js'
import { compareStrings, isCutByHopBound, numberedGraph, runSearch, settledLabelsByNode } from './shortest.js'

/** Input of {@link computeWhoCan}. */
export interface WhoCanSpec {
  readonly graph: CrownpathGraph
  readonly targets: readonly string[]
  readonly accept: EdgeAccept
  readonly accessLevel?: AccessLevel
  readonly maxDepth: number
  readonly limit: number
  readonly deadline: number
}

/** Targets plus every scope that contains them (walking Contains edges backwards), by node number. */
function containmentChain(graph: NumberedGraph, targets: readonly string[], accept: EdgeAccept): Uint8Array {
  const { start, edges, next } = graph.in
  const chain = new Uint8Array(graph.ids.length)
  const work: number[] = []
  for (const target of targets) {
    const at = graph.indexOf.get(target)!
    chain[at] = 1
    work.push(at)
  }
  while (work.length > 0) {
    const node = work.pop()!
    for (let e = start[node]!; e < start[node + 1]!; e++) {
      const from = next[e]!
      const edge = edges[e]!
      if (edge.kind === 'Contains' && chain[from] === 0 && accept(edge)) {
        chain[from] = 1
        work.push(from)
      }
    }
  }
  return chain
}

/** True for the node roles that can be "who": principals, credentials, identity sources. */
function isActor(node: GraphNode): boolean {
  const role = NODE_KINDS[node.kind].role
  return role === 'principal' || role === 'credential' || role === 'identity-source'
}

/**
 * Levels each reached node holds on the target, by node number: the edge
 * entering the containment chain decides (CanAccess: its levels; anything
 * else: all), and whoever reaches such a node inherits them.
 */
function computeLevelMasks(graph: NumberedGraph, search: SearchResult, labelOf: Int32Array, chain: Uint8Array, accept: EdgeAccept): Int32Array {
  const masks = new Int32Array(graph.ids.length)
  const work: number[] = []
  for (const node of search.settledNodes) {
    if (chain[node] === 1) continue
    let mask = 0
    for (let e = graph.out.start[node]!; e < graph.out.start[node + 1]!; e++) {
      const edge = graph.out.edges[e]!
      if (chain[graph.out.next[e]!] === 1 && edge.kind !== 'Contains' && accept(edge)) mask |= edgeLevelsMask(edge)
    }
    masks[node] = mask
    if (mask !== 0) work.push(node)
  }
  const { start, edges, next } = graph.in
  while (work.length > 0) {
    const node = work.pop()!
    const mask = masks[node]!
    for (let e = start[node]!; e < start[node + 1]!; e++) {
      const from = next[e]!
      if (chain[from] === 1 || labelOf[from]! < 0 || !accept(edges[e]!)) continue
      const before = masks[from]!
      const after = before | mask
      if (after !== before) {
        masks[from] = after
        work.push(from)
      }
    }
  }
  return masks
}

/** Who can reach the targets (optionally with a given access level). */
export function computeWhoCan(spec: WhoCanSpec): WhoCanResult {
  const { graph, maxDepth, limit } = spec
  const numbered = numberedGraph(graph)
  const { ids, nodes, indexOf } = numbered
  const targets = [...new Set(spec.targets.filter((t) => graph.hasNode(t)))].sort(compareStrings)
  const chain = containmentChain(numbered, targets, spec.accept)
  const wanted = spec.accessLevel ? levelsToMask([spec.accessLevel]) : 0
  // With a level asked, a CanAccess edge into the chain without that level grants nothing useful.
  const accept: EdgeAccept =
    wanted === 0
      ? spec.accept
      : (edge) => spec.accept(edge) && !(edge.kind === 'CanAccess' && chain[indexOf.get(edge.to)!] === 1 && (levelsToMask(edge.accessLevels) & wanted) === 0)
  const search = runSearch({ graph, direction: 'in', roots: targets, accept, maxDepth, deadline: spec.deadline })
  const labelOf = settledLabelsByNode(numbered, search)
  const masks = computeLevelMasks(numbered, search, labelOf, chain, accept)

  const found: { readonly id: string; readonly node: number; readonly label: number }[] = []
  search.settledNodes.forEach((at, k) => {
    if (chain[at] === 1) return
    if (!isActor(nodes[at]!)) return
    if (wanted !== 0 && (masks[at]! & wanted) === 0) return
    found.push({ id: ids[at]!, node: at, label: search.settledLabels[k]! })
  })
  const { cost } = search.labels
  found.sort((a, b) => cost[a.label]! - cost[b.label]! || compareStrings(a.id, b.id))
  const entries: WhoCanEntry[] = found.slice(0, limit).map(({ id, node: at, label }) => {
    const node = nodes[at]!
    // The search ran backwards from the target: its chain read in reverse is the forward path.
    const edges = search.labels.chain(label).reverse()
    return {
      id,
      kind: node.kind,
      name: node.name,
      accessLevels: maskToLevels(masks[at]!),
      cost: cost[label]!,
      path: toGraphPath(edges),
    }
  })
  return { to: targets, entries, total: found.length, truncated: search.isTimedOut || found.length > limit || isCutByHopBound(numbered.in, search, labelOf, accept, maxDepth) }
}
