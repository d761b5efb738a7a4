/**
 * @module paths/algorithms/k-shortest
 * Yen's k cheapest loop-free paths between a source set and a target set.
 * Sources hang off a virtual root, so the spur taken "before the first node"
 * tries the sources not yet used as a start (Yen 1971, with a super-source).
 */
import type { CrownpathGraph } from '../../graph/index.js'
import type { GraphEdge } from '../../model/index.js'
import type { EdgeAccept, RawPath } from './shortest.js'
import { comparePaths, findShortestPath, nodesReaching, pathCost } from './shortest.js'

/** Input of {@link findKShortestPaths}. */
export interface KShortestSpec {
  readonly graph: CrownpathGraph
  readonly sources: readonly string[]
  readonly isTarget: (node: string) => boolean
  /**
   * The targets as a list, when the caller has one: after the first path, the
   * spur searches are then confined to the nodes that can reach a target.
   */
  readonly targets?: readonly string[]
  readonly accept: EdgeAccept
  readonly k: number
  readonly maxDepth: number
  readonly deadline: number
}

/** Answer of {@link findKShortestPaths}. */
export interface KShortestResult {
  /** At most k paths, cheapest first (ties: hops, then start and edge ids). */
  readonly paths: readonly RawPath[]
  /** True when the hop bound stopped some search (the answer may differ without it). */
  readonly isDepthPruned: boolean
  readonly isTimedOut: boolean
}

/** A stable key of a path, for de-duplication. */
function pathKey(path: RawPath): string {
  return `${path.start}\u0000${path.edges.map((e) => e.id).join('\u0000')}`
}

/** The k cheapest loop-free paths (Yen's algorithm). */
export function findKShortestPaths(spec: KShortestSpec): KShortestResult {
  const { graph, accept, isTarget, deadline } = spec
  const sources = [...new Set(spec.sources)]
  let isDepthPruned = false
  let isTimedOut = false
  const found: RawPath[] = []
  if (spec.k <= 0) return { paths: found, isDepthPruned, isTimedOut }

  const first = findShortestPath({ graph, sources, isTarget, accept, maxDepth: spec.maxDepth, deadline })
  isDepthPruned ||= first.isDepthPruned
  isTimedOut ||= first.isTimedOut
  if (!first.path) return { paths: found, isDepthPruned, isTimedOut }
  found.push(first.path)
  const seen = new Set<string>([pathKey(first.path)])
  // Computed once a path exists (the first search stops at its first target and needs no help).
  const reach = spec.k > 1 && spec.targets !== undefined ? nodesReaching(graph, spec.targets, accept) : undefined
  const candidates: RawPath[] = []

  while (found.length < spec.k && !isTimedOut) {
    const last = found[found.length - 1]!
    // Spur index -1 is the virtual root: the other sources as starts.
    for (let i = -1; i < last.edges.length; i++) {
      if (Date.now() > deadline) {
        isTimedOut = true
        break
      }
      let spurResult
      let rootEdges: readonly GraphEdge[] = []
      if (i < 0) {
        const usedStarts = new Set(found.map((p) => p.start))
        const others = sources.filter((s) => !usedStarts.has(s))
        if (others.length === 0) continue
        spurResult = findShortestPath({ graph, sources: others, isTarget, accept, maxDepth: spec.maxDepth, deadline, ...(reach ? { reach } : {}) })
      } else {
        rootEdges = last.edges.slice(0, i)
        const spurNode = i === 0 ? last.start : last.edges[i - 1]!.to
        // Remove the next edge of every found path sharing this root, so the spur deviates.
        const blockedEdges = new Set<string>()
        for (const p of found) {
          if (p.start !== last.start || p.edges.length <= i) continue
          let isSameRoot = true
          for (let j = 0; j < i; j++) {
            if (p.edges[j]!.id !== rootEdges[j]!.id) {
              isSameRoot = false
              break
            }
          }
          if (isSameRoot) blockedEdges.add(p.edges[i]!.id)
        }
        // Root nodes other than the spur node are off limits: paths stay loop-free.
        const blockedNodes = new Set<string>([last.start])
        for (const e of rootEdges) blockedNodes.add(e.to)
        blockedNodes.delete(spurNode)
        spurResult = findShortestPath({
          graph,
          sources: [spurNode],
          isTarget,
          accept,
          maxDepth: spec.maxDepth - i,
          deadline,
          blockedNodes,
          blockedEdges,
          ...(reach ? { reach } : {}),
        })
      }
      isDepthPruned ||= spurResult.isDepthPruned
      isTimedOut ||= spurResult.isTimedOut
      if (!spurResult.path) continue
      const edges = [...rootEdges, ...spurResult.path.edges]
      const total: RawPath = { start: i < 0 ? spurResult.path.start : last.start, edges, cost: pathCost(edges) }
      const key = pathKey(total)
      if (seen.has(key)) continue
      seen.add(key)
      candidates.push(total)
    }
    if (candidates.length === 0) break
    candidates.sort(comparePaths)
    found.push(candidates.shift()!)
  }
  return { paths: found, isDepthPruned, isTimedOut }
}
