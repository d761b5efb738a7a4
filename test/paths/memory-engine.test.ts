import { describe, expect, it } from 'vitest'
import { loadSnapshotGraph } from '../../src/graph/index.js'
import { MemoryPathEngine, findKShortestPaths, makeEdgeAccept, openMemoryEngine } from '../../src/paths/index.js'
import { buildEdge, buildNode } from '../conformance/case-graph.js'
import { randomGraph, seededRandom } from './algorithms/random-graphs.js'

describe('MemoryPathEngine bounds', () => {
  // A 2000-node chain: a zero time budget must stop the search and say so.
  const n = 2000
  const nodes = Array.from({ length: n }, (_, i) => buildNode({ id: `c${i}`, kind: 'AWSRole' }))
  const edges = Array.from({ length: n - 1 }, (_, i) => buildEdge({ from: `c${i}`, to: `c${i + 1}`, kind: 'CanAssume', cost: 1 }))
  const engine = openMemoryEngine({ nodes, edges })

  it('timeoutMs 0 truncates blast radius', async () => {
    const r = await engine.blastRadius({ from: 'c0', timeoutMs: 0, maxDepth: 32 })
    expect(r.truncated).toBe(true)
    expect(r.totals.principals).toBeLessThan(n - 1)
  })

  it('the default depth bound truncates blast radius on a long chain', async () => {
    const r = await engine.blastRadius({ from: 'c0' })
    expect(r.totals.principals).toBe(12)
    expect(r.truncated).toBe(true)
  })

  it('a path beyond the depth bound is reported as truncated, not as absent', async () => {
    const r = await engine.shortestPaths({ from: 'c0', to: 'c20' })
    expect(r.paths).toEqual([])
    expect(r.truncated).toBe(true)
  })
})

describe('privesc equals one search per principal', () => {
  for (let seed = 1; seed <= 15; seed++) {
    it(`seed ${seed}`, async () => {
      const rnd = seededRandom(seed)
      const base = randomGraph(seed, 25, 60)
      // Mark a few nodes tier zero.
      const tier0 = new Set(['n0', `n${1 + Math.floor(rnd() * 24)}`])
      const nodes = base.nodeList().map((attrs) => ({ ...attrs, isTierZero: tier0.has(attrs.id) }))
      const edges = [...base.edgeList()]
      const engine = new MemoryPathEngine(loadSnapshotGraph({ nodes, edges }))
      const result = await engine.privesc({ maxDepth: 32 })
      expect(result.admins).toEqual([...tier0].sort())
      const byPrincipal = new Map(result.findings.map((f) => [f.principal, f]))
      const costOf = new Map(edges.map((e) => [e.id, e.cost]))
      for (const node of nodes) {
        if (tier0.has(node.id)) continue
        const one = findKShortestPaths({
          graph: engine.graph,
          sources: [node.id],
          isTarget: (id) => tier0.has(id),
          accept: makeEdgeAccept({}),
          k: 1,
          maxDepth: 32,
          deadline: Infinity,
        })
        const finding = byPrincipal.get(node.id)
        expect(finding?.cost, node.id).toBe(one.paths[0]?.cost)
        if (finding) {
          expect(tier0.has(finding.target)).toBe(true)
          expect(finding.hops[0]!.from).toBe(node.id)
          expect(finding.hops.at(-1)!.to).toBe(finding.target)
          expect(finding.hops.reduce((s, h) => s + costOf.get(`${h.from}|${h.kind}|${h.technique ?? '-'}|${h.to}`)!, 0)).toBe(finding.cost)
        }
      }
    })
  }
})
