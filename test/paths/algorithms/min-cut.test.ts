import { describe, expect, it } from 'vitest'
import type { CrownpathGraph } from '../../../src/graph/index.js'
import type { GraphEdge } from '../../../src/model/index.js'
import { computeMinCut, edgeCapacity, INFINITE_CAPACITY, makeEdgeAccept } from '../../../src/paths/index.js'
import { randomGraph } from './random-graphs.js'

/** True when t is reachable from s without the removed edges. */
function isReachable(graph: CrownpathGraph, s: string, t: string, removed: ReadonlySet<string>): boolean {
  const seen = new Set([s])
  const work = [s]
  while (work.length > 0) {
    const node = work.pop()!
    if (node === t) return true
    graph.forEachOutEdge(node, (key, _a, _f, to) => {
      if (!removed.has(key) && !seen.has(to)) {
        seen.add(to)
        work.push(to)
      }
    })
  }
  return false
}

/** The minimum cut value by trying every subset of finite-capacity edges. */
function bruteForceCut(graph: CrownpathGraph, s: string, t: string): number {
  const cuttable: GraphEdge[] = []
  for (const edge of graph.edgeList()) if (edgeCapacity(edge) < INFINITE_CAPACITY) cuttable.push(edge)
  let best = Infinity
  for (let mask = 0; mask < 1 << cuttable.length; mask++) {
    let value = 0
    const removed = new Set<string>()
    cuttable.forEach((e, i) => {
      if (mask & (1 << i)) {
        value += edgeCapacity(e)
        removed.add(e.id)
      }
    })
    if (value < best && !isReachable(graph, s, t, removed)) best = value
  }
  return best
}

describe('computeMinCut against brute force', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}`, () => {
      const graph = randomGraph(seed * 7919, 6, 13)
      const cuttable = graph.edgeList().filter((edge) => edgeCapacity(edge) < INFINITE_CAPACITY).length
      if (cuttable > 14) return // keep 2^n small
      const result = computeMinCut({ graph, sources: ['n0'], targets: ['n5'], accept: makeEdgeAccept({}), deadline: Infinity })
      const expected = bruteForceCut(graph, 'n0', 'n5')
      if (!isReachable(graph, 'n0', 'n5', new Set())) {
        expect(result.isConnected).toBe(false)
        return
      }
      if (expected === Infinity) {
        expect(result.isCuttable).toBe(false)
        return
      }
      expect(result.isCuttable).toBe(true)
      expect(result.value).toBe(expected)
      // The reported edges really disconnect the sets.
      expect(isReachable(graph, 'n0', 'n5', new Set(result.edges.map((c) => c.edge.id)))).toBe(false)
    })
  }
})
