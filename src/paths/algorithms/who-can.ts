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
import type { EdgeAccept, SearchResult } from './shortest.js'
import { compareStrings, runSearch } from './shortest.js'

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

/** Targets plus every scope that contains them (walking Contains edges backwards). */
function containmentChain(graph: CrownpathGraph, targets: readonly string[], accept: EdgeAccept): Set<string> {
  const chain = new Set(targets)
  const work = [...targets]
  while (work.length > 0) {
    const node = work.pop()!
    graph.forEachInEdge(node, (_k, edge, from) => {
      if (edge.kind === 'Contains' && accept(edge) && !chain.has(from)) {
        chain.add(from)
        work.push(from)
      }
    })
  }
  return chain
}

/** True for the node roles that can be "who": principals, credentials, identity sources. */
function isActor(node: GraphNode): boolean {
  const role = NODE_KINDS[node.kind].role
  return role === 'principal' || role === 'credential' || role === 'identity-source'
}

/**
 * Levels each reached node holds on the target: the edge entering the
 * containment chain decides (CanAccess: its levels; anything else: all), and
 * whoever reaches such a node inherits them.
 */
function computeLevelMasks(graph: CrownpathGraph, search: SearchResult, chain: ReadonlySet<string>, accept: EdgeAccept): Map<string, number> {
  const masks = new Map<string, number>()
  const work: string[] = []
  for (const node of search.settled.keys()) {
    if (chain.has(node)) continue
    let mask = 0
    graph.forEachOutEdge(node, (_k, edge, _from, to) => {
      if (accept(edge) && edge.kind !== 'Contains' && chain.has(to)) mask |= edgeLevelsMask(edge)
    })
    masks.set(node, mask)
    if (mask !== 0) work.push(node)
  }
  while (work.length > 0) {
    const node = work.pop()!
    const mask = masks.get(node)!
    graph.forEachInEdge(node, (_k, edge, from) => {
      if (!accept(edge) || chain.has(from) || !masks.has(from)) return
      const before = masks.get(from)!
      const after = before | mask
      if (after !== before) {
        masks.set(from, after)
        work.push(from)
      }
    })
  }
  return masks
}

/** Who can reach the targets (optionally with a given access level). */
export function computeWhoCan(spec: WhoCanSpec): WhoCanResult {
  const { graph, maxDepth, limit } = spec
  const targets = [...new Set(spec.targets.filter((t) => graph.hasNode(t)))].sort(compareStrings)
  const chain = containmentChain(graph, targets, spec.accept)
  const wanted = spec.accessLevel ? levelsToMask([spec.accessLevel]) : 0
  // With a level asked, a CanAccess edge into the chain without that level grants nothing useful.
  const accept: EdgeAccept =
    wanted === 0
      ? spec.accept
      : (edge) => spec.accept(edge) && !(edge.kind === 'CanAccess' && chain.has(edge.to) && (levelsToMask(edge.accessLevels) & wanted) === 0)
  const search = runSearch({ graph, direction: 'in', roots: targets, accept, maxDepth, deadline: spec.deadline })
  const masks = computeLevelMasks(graph, search, chain, accept)

  const ids: string[] = []
  let isDepthTruncated = false
  for (const id of search.settled.keys()) {
    if (!isDepthTruncated && search.depthOf.get(id) === maxDepth) {
      graph.forEachInEdge(id, (_k, edge, from) => {
        if (accept(edge) && !search.settled.has(from)) isDepthTruncated = true
      })
    }
    if (chain.has(id)) continue
    const node = graph.getNodeAttributes(id) as GraphNode
    if (!isActor(node)) continue
    if (wanted !== 0 && ((masks.get(id) ?? 0) & wanted) === 0) continue
    ids.push(id)
  }
  const costOf = (id: string): number => search.labels.cost[search.settled.get(id)!]!
  ids.sort((a, b) => costOf(a) - costOf(b) || compareStrings(a, b))
  const entries: WhoCanEntry[] = ids.slice(0, limit).map((id) => {
    const node = graph.getNodeAttributes(id) as GraphNode
    const label = search.settled.get(id)!
    // The search ran backwards from the target: its chain read in reverse is the forward path.
    const edges = search.labels.chain(label).reverse()
    return {
      id,
      kind: node.kind,
      name: node.name,
      accessLevels: maskToLevels(masks.get(id) ?? 0),
      cost: search.labels.cost[label]!,
      path: toGraphPath(edges),
    }
  })
  return { to: targets, entries, total: ids.length, truncated: search.isTimedOut || isDepthTruncated || ids.length > limit }
}
