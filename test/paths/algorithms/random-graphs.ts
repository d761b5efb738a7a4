/**
 * @module test/paths/algorithms/random-graphs
 * Seeded small random graphs and brute-force oracles (all simple paths, all
 * edge cuts) to check the algorithms against on many shapes.
 */
import type { CrownpathGraph } from '../../../src/graph/index.js'
import { loadSnapshotGraph } from '../../../src/graph/index.js'
import type { EdgeKind } from '../../../src/model/index.js'
import { EDGE_KINDS } from '../../../src/model/index.js'
import { buildEdge, buildNode } from '../../conformance/case-graph.js'
import { seededUniform } from '../../../src/generate/index.js'

/** A seeded PRNG so failures reproduce (the generator's, re-exported for the algorithm tests). */
export { seededUniform as seededRandom } from '../../../src/generate/index.js'

const KINDS: EdgeKind[] = ['CanAssume', 'CanEscalateTo', 'MemberOf', 'CanAccess', 'AdminTo']

/** A random graph of `n` roles (ids n0..n{n-1}) with about `m` edges of random kinds and costs 0–4. */
export function randomGraph(seed: number, n: number, m: number): CrownpathGraph {
  const rnd = seededUniform(seed)
  const nodes = Array.from({ length: n }, (_, i) => buildNode({ id: `n${i}`, kind: 'AWSRole' }))
  const seen = new Set<string>()
  const edges = []
  for (let j = 0; j < m; j++) {
    const from = Math.floor(rnd() * n)
    const to = Math.floor(rnd() * n)
    if (from === to) continue
    const kind = KINDS[Math.floor(rnd() * KINDS.length)]!
    const key = `${from}|${kind}|${to}`
    if (seen.has(key)) continue
    seen.add(key)
    edges.push(buildEdge({ from: `n${from}`, to: `n${to}`, kind, cost: EDGE_KINDS[kind].isStructural ? 0 : 1 + Math.floor(rnd() * 4) }))
  }
  return loadSnapshotGraph({ nodes, edges })
}

/** Every simple path (as edge-id lists with cost) from `s` to `t`, stopping at `t`. */
export function allSimplePaths(graph: CrownpathGraph, s: string, t: string, maxHops = Infinity): { cost: number; edges: string[] }[] {
  const out: { cost: number; edges: string[] }[] = []
  const onPath = new Set([s])
  const walk = (node: string, cost: number, edges: string[]): void => {
    if (node === t && edges.length > 0) {
      out.push({ cost, edges: [...edges] })
      return
    }
    if (edges.length >= maxHops) return
    graph.forEachOutEdge(node, (key, attrs, _from, to) => {
      if (onPath.has(to)) return
      onPath.add(to)
      edges.push(key)
      walk(to, cost + attrs.cost, edges)
      edges.pop()
      onPath.delete(to)
    })
  }
  walk(s, 0, [])
  return out
}
