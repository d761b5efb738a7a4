import { describe, expect, it } from 'vitest'
import { findKShortestPaths, makeEdgeAccept, comparePaths } from '../../../src/paths/index.js'
import { allSimplePaths, randomGraph } from './random-graphs.js'

describe('findKShortestPaths against brute-force enumeration', () => {
  // 40 seeded random graphs: Yen's k cheapest must equal the k cheapest of all simple paths.
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const graph = randomGraph(seed, 7, 16)
      const all = allSimplePaths(graph, 'n0', 'n6')
      all.sort((a, b) => a.cost - b.cost || a.edges.length - b.edges.length || (a.edges.join() < b.edges.join() ? -1 : 1))
      const k = 6
      const got = findKShortestPaths({
        graph,
        sources: ['n0'],
        isTarget: (id) => id === 'n6',
        accept: makeEdgeAccept({}),
        k,
        maxDepth: 32,
        deadline: Infinity,
      })
      // Costs must match position by position; the sets must match where costs are not tied at the cut.
      expect(got.paths.map((p) => p.cost)).toEqual(all.slice(0, k).map((p) => p.cost))
      const keys = new Set(got.paths.map((p) => p.edges.map((e) => e.id).join()))
      expect(keys.size).toBe(got.paths.length)
      // Sorted by the documented order.
      const sorted = [...got.paths].sort(comparePaths)
      expect(sorted).toEqual(got.paths)
    })
  }

  it('respects the hop bound', () => {
    for (let seed = 100; seed < 120; seed++) {
      const graph = randomGraph(seed, 7, 18)
      const all = allSimplePaths(graph, 'n0', 'n6', 2).sort((a, b) => a.cost - b.cost)
      const got = findKShortestPaths({ graph, sources: ['n0'], isTarget: (id) => id === 'n6', accept: makeEdgeAccept({}), k: 20, maxDepth: 2, deadline: Infinity })
      expect(got.paths.map((p) => p.cost)).toEqual(all.map((p) => p.cost))
      for (const p of got.paths) expect(p.edges.length).toBeLessThanOrEqual(2)
    }
  })

  it('finds the same paths when the spur searches are confined to the nodes that reach a target', () => {
    let confined = 0
    for (let seed = 200; seed < 260; seed++) {
      const graph = randomGraph(seed, 9, 22)
      for (const maxDepth of [2, 4, 32]) {
        const spec = { graph, sources: ['n0', 'n1'], isTarget: (id: string) => id === 'n7' || id === 'n8', accept: makeEdgeAccept({}), k: 6, maxDepth, deadline: Infinity }
        const plain = findKShortestPaths(spec)
        const withTargets = findKShortestPaths({ ...spec, targets: ['n7', 'n8'] })
        expect(withTargets.paths.map((p) => p.edges.map((e) => e.id)), `seed ${seed} depth ${maxDepth}`).toEqual(plain.paths.map((p) => p.edges.map((e) => e.id)))
        if (plain.paths.length > 1) confined++
      }
    }
    expect(confined).toBeGreaterThan(30)
  })
})
