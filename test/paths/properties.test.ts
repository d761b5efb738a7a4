import { describe, expect, it } from 'vitest'
import { loadSnapshotGraph } from '../../src/graph/index.js'
import { MemoryPathEngine } from '../../src/paths/index.js'
import { buildEdge } from '../conformance/case-graph.js'
import { randomGraph, seededRandom } from './algorithms/random-graphs.js'

function reachedIds(r: { principals: readonly { id: string }[]; resources: readonly { id: string }[]; scopes: readonly { id: string }[] }): Set<string> {
  return new Set([...r.principals, ...r.resources, ...r.scopes].map((n) => n.id))
}

describe('path engine properties on seeded random graphs', () => {
  it('blast radius is monotone in the edge set', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const base = randomGraph(seed, 20, 35)
      const nodes = [...base.nodeList()]
      const edges = [...base.edgeList()]
      const rnd = seededRandom(seed + 1000)
      const extra = buildEdge({ from: `n${Math.floor(rnd() * 20)}`, to: `n${Math.floor(rnd() * 20)}`, kind: 'CanEscalateTo', technique: 'test/extra', cost: 1 })
      if (extra.from === extra.to) continue
      const before = await new MemoryPathEngine(loadSnapshotGraph({ nodes, edges })).blastRadius({ from: 'n0', maxDepth: 32 })
      const after = await new MemoryPathEngine(loadSnapshotGraph({ nodes, edges: [...edges, extra] })).blastRadius({ from: 'n0', maxDepth: 32 })
      const a = reachedIds(after)
      for (const id of reachedIds(before)) expect(a.has(id), `seed ${seed}: ${id}`).toBe(true)
      expect(after.score).toBeGreaterThanOrEqual(before.score)
    }
  })

  it('who-can and blast radius agree: x reaches t exactly when x is in who-can(t)', async () => {
    for (let seed = 1; seed <= 15; seed++) {
      const engine = new MemoryPathEngine(randomGraph(seed * 31, 12, 24))
      for (let t = 0; t < 12; t += 3) {
        const who = new Set((await engine.whoCan({ to: `n${t}`, maxDepth: 32 })).entries.map((e) => e.id))
        for (let x = 0; x < 12; x++) {
          if (x === t) continue
          const reach = reachedIds(await engine.blastRadius({ from: `n${x}`, maxDepth: 32 }))
          expect(who.has(`n${x}`), `seed ${seed}: n${x} → n${t}`).toBe(reach.has(`n${t}`))
        }
      }
    }
  })

  it('the cheapest path cost equals the blast-radius cost of the target', async () => {
    for (let seed = 1; seed <= 15; seed++) {
      const engine = new MemoryPathEngine(randomGraph(seed * 17, 12, 26))
      const br = await engine.blastRadius({ from: 'n0', maxDepth: 32 })
      for (const reached of br.principals) {
        const p = await engine.shortestPaths({ from: 'n0', to: reached.id, maxDepth: 32 })
        expect(p.paths[0]?.cost, `seed ${seed} ${reached.id}`).toBe(reached.cost)
      }
    }
  })
})
