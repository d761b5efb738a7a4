/**
 * @module paths/algorithms/privesc
 * Privilege-escalation findings (DESIGN.md `privesc`): every principal that is
 * not tier zero but reaches a tier-zero node, once, with its cheapest chain.
 * One multi-source Dijkstra on the reversed graph from every tier-zero node
 * answers for all principals at once, instead of one search per principal.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import { NODE_KINDS } from '../../model/index.js'
import type { PrivescFinding, PrivescResult } from '../types.js'
import { toHop } from './common.js'
import type { EdgeAccept } from './shortest.js'
import { compareStrings, isCutByHopBound, numberedGraph, runSearch, settledLabelsByNode } from './shortest.js'

/** Input of {@link computePrivesc}. */
export interface PrivescSpec {
  readonly graph: CrownpathGraph
  readonly accept: EdgeAccept
  readonly maxDepth: number
  readonly limit: number
  readonly deadline: number
}

/** Find every escalation to tier zero. */
export function computePrivesc(spec: PrivescSpec): PrivescResult {
  const { graph, accept, maxDepth, limit } = spec
  const tierZero: string[] = []
  const admins: string[] = []
  graph.forEachNode((id, attrs) => {
    const node = attrs
    if (!node.isTierZero) return
    tierZero.push(id)
    if (NODE_KINDS[node.kind].role === 'principal') admins.push(id)
  })
  // Every tier-zero node is a root at cost 0, so a chain ends at the first tier-zero node it meets.
  const search = runSearch({ graph, direction: 'in', roots: tierZero, accept, maxDepth, deadline: spec.deadline })

  const numbered = numberedGraph(graph)
  const { ids, nodes } = numbered
  const found: { readonly id: string; readonly label: number }[] = []
  search.settledNodes.forEach((at, k) => {
    const node = nodes[at]!
    if (node.isTierZero || NODE_KINDS[node.kind].role !== 'principal') return
    found.push({ id: ids[at]!, label: search.settledLabels[k]! })
  })
  const { cost } = search.labels
  found.sort((a, b) => cost[a.label]! - cost[b.label]! || compareStrings(a.id, b.id))
  const findings: PrivescFinding[] = found.slice(0, limit).map(({ id, label }) => {
    const edges = search.labels.chain(label).reverse()
    return { principal: id, target: search.labels.rootOf(label), cost: cost[label]!, hops: edges.map(toHop) }
  })
  return {
    admins: admins.sort(compareStrings),
    findings,
    truncated: search.isTimedOut || found.length > limit || isCutByHopBound(numbered.in, search, settledLabelsByNode(numbered, search), accept, maxDepth),
  }
}
