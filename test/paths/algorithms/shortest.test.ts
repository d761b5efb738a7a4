import { describe, expect, it } from 'vitest'
import { loadSnapshotGraph } from '../../../src/graph/index.js'
import { compareStrings, findShortestPath, makeEdgeAccept, rankTies, runSearch } from '../../../src/paths/index.js'
import { buildEdge, buildNode } from '../../conformance/case-graph.js'
import { allSimplePaths, seededRandom } from './random-graphs.js'
import { numberedGraph } from '../../../src/paths/algorithms/shortest.js'

/** Order of the documented tie rule: cost, hops, then edge ids element by element. */
function byTieRule(a: { cost: number; edges: string[] }, b: { cost: number; edges: string[] }): number {
  if (a.cost !== b.cost) return a.cost - b.cost
  if (a.edges.length !== b.edges.length) return a.edges.length - b.edges.length
  for (let i = 0; i < a.edges.length; i++) {
    const c = compareStrings(a.edges[i]!, b.edges[i]!)
    if (c !== 0) return c
  }
  return 0
}

/**
 * Graphs where nearly every path ties on cost and hops, with node ids that are
 * prefixes of one another (`n1`, `n10`, `n1x`): the id order then differs from
 * any order of the parts, so only a faithful id comparison picks the right path.
 */
function tiedGraph(seed: number) {
  const rnd = seededRandom(seed)
  const ids = ['s', 't', 'n1', 'n10', 'n1x', 'n2', 'n20', 'n1-a']
  const nodes = ids.map((id) => buildNode({ id, kind: 'AWSRole' }))
  const edges = []
  const seen = new Set<string>()
  for (let j = 0; j < 26; j++) {
    const from = ids[Math.floor(rnd() * ids.length)]!
    const to = ids[Math.floor(rnd() * ids.length)]!
    const kind = rnd() < 0.5 ? 'CanAssume' : 'CanEscalateTo'
    if (from === to || from === 't' || seen.has(`${from}|${kind}|${to}`)) continue
    seen.add(`${from}|${kind}|${to}`)
    edges.push(buildEdge({ from, to, kind, cost: 1 }))
  }
  return loadSnapshotGraph({ nodes, edges })
}

describe('the search tie rule on the numbered graph index', () => {
  // Both ways of breaking the tie: edge ids compared directly, and the ranks a server builds.
  it.each([['edge ids', false], ['tie ranks', true]])('picks the path whose edge ids come first when cost and hops tie (40 seeded graphs, %s)', (_mode, isRanked) => {
    let tied = 0
    for (let seed = 1; seed <= 40; seed++) {
      const graph = tiedGraph(seed)
      if (isRanked) rankTies(graph)
      const all = allSimplePaths(graph, 's', 't').sort(byTieRule)
      const got = findShortestPath({ graph, sources: ['s'], isTarget: (id) => id === 't', accept: makeEdgeAccept({}), maxDepth: 32, deadline: Infinity })
      expect(got.path?.edges.map((e) => e.id) ?? null, `seed ${seed}`).toEqual(all[0]?.edges ?? null)
      if (all.length > 1 && byTieRule({ ...all[0]!, edges: [] }, { ...all[1]!, edges: [] }) === 0) tied++
    }
    // The graphs must actually exercise the tie: most seeds have two equally cheap, equally short paths.
    expect(tied).toBeGreaterThan(10)
  })

  it('gives the same answers when searches on one graph follow each other (reused working arrays)', () => {
    const accept = makeEdgeAccept({})
    const searches = [
      { direction: 'out' as const, roots: ['s'], maxDepth: 32 },
      { direction: 'in' as const, roots: ['t'], maxDepth: 32 },
      { direction: 'out' as const, roots: ['s'], maxDepth: 2 },
      { direction: 'out' as const, roots: ['n1', 'n2'], maxDepth: 3 },
    ]
    const summary = (graph: ReturnType<typeof tiedGraph>, r: ReturnType<typeof runSearch>) => ({
      settled: r.settledNodes.map((node, k) => [numberedGraph(graph).ids[node], r.labels.cost[r.settledLabels[k]!], r.settledDepths[k]]),
      isDepthPruned: r.isDepthPruned,
    })
    for (let seed = 1; seed <= 10; seed++) {
      const shared = tiedGraph(seed)
      if (seed % 2 === 0) rankTies(shared)
      for (const s of searches) {
        // Each search on the shared graph (after the others) must match the same search on a graph never searched.
        const onShared = summary(shared, runSearch({ graph: shared, accept, deadline: Infinity, ...s }))
        const fresh = tiedGraph(seed)
        const onFresh = summary(fresh, runSearch({ graph: fresh, accept, deadline: Infinity, ...s }))
        expect(onShared, `seed ${seed} ${s.direction} ${s.roots.join()}`).toEqual(onFresh)
      }
    }
  })
})
