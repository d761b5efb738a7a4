/**
 * @module paths/algorithms/blast-radius
 * Everything a set of sources reaches: principals, scopes and resources with
 * the cheapest path to each, the access levels reached on each resource,
 * groupings by classification and account, and a documented score.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { Classification, GraphNode } from '../../model/index.js'
import { CLASSIFICATIONS, NODE_KINDS } from '../../model/index.js'
import type { BlastRadiusResult, ClassificationCounts, ReachedNode } from '../types.js'
import { ALL_LEVELS_MASK, edgeLevelsMask, maskToLevels, toGraphPath } from './common.js'
import type { EdgeAccept, SearchResult } from './shortest.js'
import { compareStrings, edgesAt, runSearch } from './shortest.js'

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
 * Access levels per reached node. A CanAccess edge gives its levels; Contains
 * passes the parent's levels down (so `Read` on a service scope is `Read` on
 * each bucket in it); every other edge, and being a source, gives all levels.
 * Computed as a fixpoint over bit masks because Contains chains may be reached
 * in any order.
 */
export function computeAccessMasks(
  graph: CrownpathGraph,
  search: SearchResult,
  sources: ReadonlySet<string>,
  accept: EdgeAccept,
  maxDepth: number,
): Map<string, number> {
  const masks = new Map<string, number>()
  const containsOut = new Map<string, string[]>()
  for (const node of search.settled.keys()) masks.set(node, sources.has(node) ? ALL_LEVELS_MASK : 0)
  // Read forwards from each reached node: a widely shared resource has thousands of incoming
  // edges from nodes the search never reached, its reached parents only a few edges each.
  for (const from of search.settled.keys()) {
    if ((search.depthOf.get(from) ?? Infinity) >= maxDepth) continue
    for (const edge of edgesAt(graph, from, 'out')) {
      const to = edge.to
      const mask = masks.get(to)
      if (mask === undefined || sources.has(to) || !accept(edge)) continue
      if (edge.kind === 'Contains') {
        const list = containsOut.get(from)
        if (list) list.push(to)
        else containsOut.set(from, [to])
      } else masks.set(to, mask | edgeLevelsMask(edge))
    }
  }
  const work = [...containsOut.keys()]
  while (work.length > 0) {
    const parent = work.pop()!
    const parentMask = masks.get(parent) ?? 0
    for (const child of containsOut.get(parent) ?? []) {
      const before = masks.get(child) ?? 0
      const after = before | parentMask
      if (after !== before) {
        masks.set(child, after)
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
  const sources = new Set(spec.sources.filter((s) => graph.hasNode(s)))
  const search = runSearch({ graph, direction: 'out', roots: [...sources], accept, maxDepth, deadline: spec.deadline })
  const masks = computeAccessMasks(graph, search, sources, accept, maxDepth)

  // Sort keys read once into plain records: comparators run n log n times.
  type Keyed = { readonly id: string; readonly cost: number; readonly tier: number }
  const principals: Keyed[] = []
  const resources: Keyed[] = []
  const scopes: Keyed[] = []
  const tierZero: string[] = []
  const byClassification = emptyCounts()
  const byAccount: Record<string, { principals: number; resources: Record<Classification, number> }> = {}
  let score = 0
  let isDepthTruncated = false
  for (const [id, label] of search.settled) {
    // A node settled at the hop bound whose edges lead to unreached nodes: the bound cut the answer.
    if (!isDepthTruncated && search.depthOf.get(id) === maxDepth) {
      for (const edge of edgesAt(graph, id, 'out')) {
        if (accept(edge) && !search.settled.has(edge.to)) isDepthTruncated = true
      }
    }
    if (sources.has(id)) continue
    const node = graph.getNodeAttributes(id) as GraphNode
    const cost = search.labels.cost[label]!
    if (node.isTierZero) tierZero.push(id)
    const role = NODE_KINDS[node.kind].role
    const accountKey = node.account ?? '-'
    const bucket = (byAccount[accountKey] ??= { principals: 0, resources: emptyCounts() })
    if (role === 'resource') {
      const tier = node.classification ?? 'internal'
      resources.push({ id, cost, tier: CLASSIFICATION_RANK[tier] })
      byClassification[tier]++
      bucket.resources[tier]++
      score += CLASSIFICATION_WEIGHTS[tier]
    } else if (role === 'scope') scopes.push({ id, cost, tier: 0 })
    else {
      principals.push({ id, cost, tier: 0 })
      bucket.principals++
    }
  }

  const byCost = (a: Keyed, b: Keyed): number => a.cost - b.cost || compareStrings(a.id, b.id)
  const sortedIds = (list: Keyed[], compare: (a: Keyed, b: Keyed) => number): string[] => list.sort(compare).map((k) => k.id)
  const principalsInOrder = sortedIds(principals, byCost)
  const scopesInOrder = sortedIds(scopes, byCost)
  const resourcesInOrder = sortedIds(resources, (a, b) => b.tier - a.tier || byCost(a, b))
  tierZero.sort(compareStrings)

  const describe = (id: string, hasLevels: boolean): ReachedNode => {
    const node = graph.getNodeAttributes(id) as GraphNode
    const label = search.settled.get(id)!
    return {
      id,
      kind: node.kind,
      name: node.name,
      account: node.account,
      classification: node.classification,
      accessLevels: hasLevels ? maskToLevels(masks.get(id) ?? 0) : null,
      cost: search.labels.cost[label]!,
      path: toGraphPath(search.labels.chain(label)),
    }
  }
  const isListCut = principals.length > limit || resources.length > limit || scopes.length > limit
  return {
    from: [...sources].sort(compareStrings),
    principals: principalsInOrder.slice(0, limit).map((id) => describe(id, false)),
    resources: resourcesInOrder.slice(0, limit).map((id) => describe(id, true)),
    scopes: scopesInOrder.slice(0, limit).map((id) => describe(id, true)),
    tierZero,
    totals: { principals: principals.length, resources: resources.length, scopes: scopes.length, tierZero: tierZero.length },
    byClassification,
    byAccount,
    score,
    scoreExplanation: explainScore(byClassification, score),
    truncated: search.isTimedOut || isDepthTruncated || isListCut,
  }
}
