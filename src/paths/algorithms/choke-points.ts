/**
 * @module paths/algorithms/choke-points
 * Choke points: the edges crossed by the most of the cheapest source → target
 * paths. Counting every path is exponential, so the count runs over the k
 * cheapest loop-free paths (Yen), which are the ones an attacker would take.
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { GraphEdge } from '../../model/index.js'
import { EDGE_KINDS } from '../../model/index.js'
import type { ChokePoint, ChokePointsResult } from '../types.js'
import { toEdgeRef } from './common.js'
import { findKShortestPaths } from './k-shortest.js'
import type { EdgeAccept } from './shortest.js'
import { compareStrings } from './shortest.js'

/** Input of {@link computeChokePoints}. */
export interface ChokePointsSpec {
  readonly graph: CrownpathGraph
  readonly sources: readonly string[]
  readonly isTarget: (node: string) => boolean
  readonly accept: EdgeAccept
  /** Number of cheapest paths sampled. */
  readonly paths: number
  /** Number of edges listed. */
  readonly limit: number
  readonly maxDepth: number
  readonly deadline: number
}

/** Rank edges by how many of the sampled cheapest paths cross them. */
export function computeChokePoints(spec: ChokePointsSpec): ChokePointsResult {
  // One path more than sampled tells whether the sample is the whole set.
  const found = findKShortestPaths({ ...spec, k: spec.paths + 1 })
  const sample = found.paths.slice(0, spec.paths)
  const counts = new Map<string, { edge: GraphEdge; count: number }>()
  for (const path of sample) {
    for (const edge of path.edges) {
      const entry = counts.get(edge.id)
      if (entry) entry.count++
      else counts.set(edge.id, { edge, count: 1 })
    }
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count || compareStrings(a.edge.id, b.edge.id))
  const chokePoints: ChokePoint[] = ranked.slice(0, spec.limit).map(({ edge, count }) => ({
    edge: toEdgeRef(edge),
    pathCount: count,
    share: sample.length === 0 ? 0 : count / sample.length,
    isStructural: EDGE_KINDS[edge.kind].isStructural,
  }))
  return {
    pathsConsidered: sample.length,
    chokePoints,
    truncated: found.isTimedOut || found.paths.length > spec.paths || ranked.length > spec.limit,
  }
}
