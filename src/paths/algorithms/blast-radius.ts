/**
 * @module paths/algorithms/blast-radius
 * Everything a set of sources reaches: principals, scopes and resources with
 * the cheapest path to each, the access levels reached on each resource,
 * groupings by classification and account, and a documented score.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { Classification } from '../../model/index.js'
import { CLASSIFICATIONS, NODE_KINDS } from '../../model/index.js'
import type { BlastRadiusResult, ClassificationCounts, ReachedNode } from '../types.js'
import { ALL_LEVELS_MASK, edgeLevelsMask, maskToLevels, toGraphPath } from './common.js'
import type { EdgeAccept, NumberedGraph, SearchResult } from './shortest.js'
import { compareStrings, isCutByHopBound, numberedGraph, runSearch, settledLabelsByNode } from './shortest.js'

/**
 * Score weight per reached resource by classification. Each tier counts as
 * much as 4–5 of the tier below, so one restricted resource outweighs a
 * bucketful of internal ones: the score follows the worst data reached.
 */
export const CLASSIFICATION_WEIGHTS: Readonly<Record<Classification, number>> = {
  restricted: 100,
  confidential: 25,
  internal: 5,
  public: 1,
}

/** Input of {@link computeBlastRadius}. */
export interface BlastRadiusSpec {
  readonly graph: CrownpathGraph
  readonly sources: readonly string[]
  readonly accept: EdgeAccept
  readonly maxDepth: number
  readonly limit: number
  readonly deadline: number
}

/** Position of each tier in {@link CLASSIFICATIONS} (higher = more sensitive). */
const CLASSIFICATION_RANK: Readonly<Record<Classification, number>> = Object.fromEntries(CLASSIFICATIONS.map((c, i) => [c, i])) as Record<Classification, number>

function emptyCounts(): Record<Classification, number> {
  return { public: 0, internal: 0, confidential: 0, restricted: 0 }
}

/**
 * Access levels per reached node, by node number. A CanAccess edge gives its
 * levels; Contains passes the parent's levels down (so `Read` on a service
 * scope is `Read` on each bucket in it); every other edge, and being a
 * source, gives all levels. Computed as a fixpoint over bit masks because
 * Contains chains may be reached in any order.
 */
export function computeAccessMasks(
  graph: NumberedGraph,
  search: SearchResult,
  isSource: Uint8Array,
  accept: EdgeAccept,
  maxDepth: number,
  labelOf: Int32Array = settledLabelsByNode(graph, search),
): Int32Array {
  const { start, edges, next } = graph.out
  const masks = new Int32Array(graph.ids.length)
  const containsOut = new Map<number, number[]>()
  for (const node of search.settledNodes) if (isSource[node] === 1) masks[node] = ALL_LEVELS_MASK
  // Read forwards from each reached node: a widely shared resource has thousands of incoming
  // edges from nodes the search never reached, its reached parents only a few edges each.
  search.settledNodes.forEach((from, k) => {
    if (search.settledDepths[k]! >= maxDepth) return
    for (let e = start[from]!; e < start[from + 1]!; e++) {
      const to = next[e]!
      if (labelOf[to]! < 0 || isSource[to] === 1) continue
      const edge = edges[e]!
      if (!accept(edge)) continue
      if (edge.kind === 'Contains') {
        const list = containsOut.get(from)
        if (list) list.push(to)
        else containsOut.set(from, [to])
      } else masks[to]! |= edgeLevelsMask(edge)
    }
  })
  const work = [...containsOut.keys()]
  while (work.length > 0) {
    const parent = work.pop()!
    const parentMask = masks[parent]!
    for (const child of containsOut.get(parent) ?? []) {
      const before = masks[child]!
      const after = before | parentMask
      if (after !== before) {
        masks[child] = after
        if (containsOut.has(child)) work.push(child)
      }
    }
  }
  return masks
}

/** The score explanation for people. */
export function explainScore(counts: ClassificationCounts, score: number): string {
  const parts = [...CLASSIFICATIONS].reverse().map((c) => `${CLASSIFICATION_WEIGHTS[c]} × ${counts[c]} ${c}`)
  return (
    `score ${score} = ${parts.join(' + ')}: each reached resource counts by its classification ` +
    `(restricted 100, confidential 25, internal 5, public 1), so the score follows the most sensitive data reached`
  )
}

/** Compute the blast radius of a source set. */
export function computeBlastRadius(spec: BlastRadiusSpec): BlastRadiusResult {
  const { graph, accept, maxDepth, limit } = spec
  const numbered = numberedGraph(graph)
  const { ids, nodes, out } = numbered
  const sources = new Set(spec.sources.filter((s) => graph.hasNode(s)))
  const isSource = new Uint8Array(ids.length)
  for (const source of sources) isSource[numbered.indexOf.get(source)!] = 1
  const search = runSearch({ graph, direction: 'out', roots: [...sources], accept, maxDepth, deadline: spec.deadline })
  const labelOf = settledLabelsByNode(numbered, search)
  const masks = computeAccessMasks(numbered, search, isSource, accept, maxDepth, labelOf)

  // Sort keys read once into plain records: comparators run n log n times.
  type Keyed = { readonly id: string; readonly node: number; readonly cost: number; readonly tier: number }
  const principals: Keyed[] = []
  const resources: Keyed[] = []
  const scopes: Keyed[] = []
  const tierZero: string[] = []
  const byClassification = emptyCounts()
  const byAccount = new Map<string, { principals: number; resources: Record<Classification, number> }>()
  let score = 0
  search.settledNodes.forEach((at, k) => {
    if (isSource[at] === 1) return
    const id = ids[at]!
    const node = nodes[at]!
    const cost = search.labels.cost[search.settledLabels[k]!]!
    if (node.isTierZero) tierZero.push(id)
    const role = NODE_KINDS[node.kind].role
    const accountKey = node.account ?? '-'
    let bucket = byAccount.get(accountKey)
    if (bucket === undefined) {
      bucket = { principals: 0, resources: emptyCounts() }
      byAccount.set(accountKey, bucket)
    }
    if (role === 'resource') {
      const tier = node.classification ?? 'internal'
      resources.push({ id, node: at, cost, tier: CLASSIFICATION_RANK[tier] })
      byClassification[tier]++
      bucket.resources[tier]++
      score += CLASSIFICATION_WEIGHTS[tier]
    } else if (role === 'scope') scopes.push({ id, node: at, cost, tier: 0 })
    else {
      principals.push({ id, node: at, cost, tier: 0 })
      bucket.principals++
    }
  })

  const byCost = (a: Keyed, b: Keyed): number => a.cost - b.cost || compareStrings(a.id, b.id)
  const inOrder = (list: Keyed[], compare: (a: Keyed, b: Keyed) => number): Keyed[] => list.sort(compare)
  const principalsInOrder = inOrder(principals, byCost)
  const scopesInOrder = inOrder(scopes, byCost)
  const resourcesInOrder = inOrder(resources, (a, b) => b.tier - a.tier || byCost(a, b))
  tierZero.sort(compareStrings)

  const describe = (reached: Keyed, hasLevels: boolean): ReachedNode => {
    const node = nodes[reached.node]!
    const label = labelOf[reached.node]!
    return {
      id: reached.id,
      kind: node.kind,
      name: node.name,
      account: node.account,
      classification: node.classification,
      accessLevels: hasLevels ? maskToLevels(masks[reached.node]!) : null,
      cost: search.labels.cost[label]!,
      path: toGraphPath(search.labels.chain(label)),
    }
  }
  const isListCut = principals.length > limit || resources.length > limit || scopes.length > limit
  return {
    from: [...sources].sort(compareStrings),
    principals: principalsInOrder.slice(0, limit).map((r) => describe(r, false)),
    resources: resourcesInOrder.slice(0, limit).map((r) => describe(r, true)),
    scopes: scopesInOrder.slice(0, limit).map((r) => describe(r, true)),
    tierZero,
    totals: { principals: principals.length, resources: resources.length, scopes: scopes.length, tierZero: tierZero.length },
    byClassification,
    byAccount: Object.fromEntries(byAccount),
    score,
    scoreExplanation: explainScore(byClassification, score),
    truncated: search.isTimedOut || isListCut || isCutByHopBound(out, search, labelOf, accept, maxDepth),
  }
}
